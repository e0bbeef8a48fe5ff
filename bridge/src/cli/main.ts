/** CLI entry: parses arguments and hands each command to its module. */
import { buildProgram } from './program.ts';

buildProgram()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        process.stderr.write(`oms-bridge: ${message}\n`);
        process.exitCode = 1;
    });
