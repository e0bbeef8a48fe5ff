/** `oms-bridge config check`: resolves the configuration and prints it with secrets masked. */
import type { Command } from 'commander';
import { resolveConfig } from '../../config/load-config.ts';
import { readConfigSources } from '../../config/read-config-sources.ts';
import { Redactor } from '../../observability/redact.ts';

export function register(program: Command): void {
    const config = program.command('config').description('inspect the configuration');
    config
        .command('check')
        .description('validate the configuration (file + environment) and print it with secrets masked')
        .option('-c, --config <file>', 'extra YAML file layered over config/default.yaml')
        .action((opts: { config?: string }) => {
            const { config: resolved, secrets } = resolveConfig(readConfigSources(process.env, opts.config));
            const redactor = new Redactor(secrets);
            process.stdout.write(JSON.stringify(redactor.redact(resolved), null, 2) + '\n');
        });
}
