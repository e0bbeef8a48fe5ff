/**
 * `oms-bridge intake run`: runs the Salesforce intake alone (lease, subscriber, pump) until SIGINT/SIGTERM.
 * `oms-bridge intake check-auth`: mints a token with the configured flow and makes one REST call.
 */
import type { Command } from 'commander';
import { resolveConfig } from '../../config/load-config.ts';
import { readConfigSources } from '../../config/read-config-sources.ts';
import { createLogger } from '../../observability/logger.ts';
import { Redactor } from '../../observability/redact.ts';
import { checkSalesforceAuth } from '../../salesforce/auth/check-salesforce-auth.ts';
import { orderToCashIgnores } from '../../flows/order-to-cash/salesforce-event-facts.ts';
import { startIntake } from '../../salesforce/intake/start-intake.ts';

export function register(program: Command): void {
    const intake = program.command('intake').description('Salesforce event intake');
    intake
        .command('run')
        .description('subscribe to the configured channels (one instance leads, others stand by) and queue events')
        .option('-c, --config <file>', 'extra YAML file layered over config/default.yaml')
        .action(async (opts: { config?: string }) => {
            const { config, secrets } = resolveConfig(readConfigSources(process.env, opts.config));
            const redactor = new Redactor(secrets);
            const logger = createLogger({ level: config.log.level, format: config.log.format, redactor });
            const handle = await startIntake({ config, logger, redactor, ignores: orderToCashIgnores });
            await new Promise<void>((resolve) => {
                process.once('SIGINT', resolve);
                process.once('SIGTERM', resolve);
            });
            await handle.stop();
            logger.flush();
        });
    intake
        .command('check-auth')
        .description('authenticate to Salesforce with the configured flow and call the REST API once')
        .option('-c, --config <file>', 'extra YAML file layered over config/default.yaml')
        .action(async (opts: { config?: string }) => {
            const { config } = resolveConfig(readConfigSources(process.env, opts.config));
            const result = await checkSalesforceAuth(config);
            process.stdout.write(JSON.stringify(result, null, 2) + '\n');
            if (!result.ok) process.exitCode = 1;
        });
}
