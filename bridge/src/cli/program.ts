/**
 * The command tree. Each command lives in `commands/<name>.ts` and exports `register(program)`;
 * adding a command means adding its file and one line to COMMANDS.
 */
import { Command } from 'commander';
import { COMMANDS } from './commands/index.ts';

export function buildProgram(): Command {
    const program = new Command('oms-bridge')
        .description('Connects Salesforce Order Management to ERP and WMS systems.')
        .version('0.1.0')
        .showHelpAfterError();
    for (const register of COMMANDS) register(program);
    return program;
}
