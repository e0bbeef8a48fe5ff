/** `oms-bridge start`: the main job (see demo/run-demo.ts). */
import type { Command } from 'commander';
import { runDemo } from '../../demo/run-demo.ts';
import { loadCliRuntime } from '../../ops/cli-runtime.ts';

export function register(program: Command): void {
    program
        .command('start')
        .description('run the bridge: on the embedded emulator and sandboxes without org credentials, against the org with them')
        .option('-c, --config <file>', 'extra YAML file layered over config/default.yaml')
        .option('--for <seconds>', 'stop by itself after this many seconds', (v) => {
            const n = Number(v);
            if (!Number.isFinite(n) || n <= 0) throw new Error(`--for expects a positive number of seconds, got "${v}"`);
            return n;
        })
        .action(async (opts: { config?: string; for?: number }) => {
            const { config, redactor } = loadCliRuntime(opts.config);
            await runDemo({ config, redactor, forSeconds: opts.for });
            // Libraries may hold idle sockets; everything was closed above, so leave now.
            process.exit(process.exitCode ?? 0);
        });
}
