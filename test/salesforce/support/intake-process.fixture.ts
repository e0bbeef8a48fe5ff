/**
 * One intake process for the fail-over test: `node --import tsx test/salesforce/support/intake-process.fixture.ts <owner>`
 * with the resolved configuration as JSON in OMSB_FIXTURE_CONFIG. It runs `startIntake` (leading or standing
 * by), logs JSON lines to stdout, and stops cleanly on SIGTERM; the test kills it with SIGKILL to play a crash.
 * Importing this file (mocha loads every .ts under test/) does nothing.
 */
import { pathToFileURL } from 'node:url';
import type { BridgeConfig } from '../../../bridge/src/config/schema.ts';
import { createLogger } from '../../../bridge/src/observability/logger.ts';
import { Redactor } from '../../../bridge/src/observability/redact.ts';
import { startIntake } from '../../../bridge/src/salesforce/intake/start-intake.ts';

async function main(): Promise<void> {
    const owner = process.argv[2];
    const raw = process.env.OMSB_FIXTURE_CONFIG;
    if (!owner || !raw)
        throw new Error(
            'usage: OMSB_FIXTURE_CONFIG=<config JSON> node --import tsx intake-process.fixture.ts <owner>'
        );
    const config = JSON.parse(raw) as BridgeConfig;
    const redactor = new Redactor([config.salesforce.auth.privateKey ?? '']);
    const logger = createLogger({
        level: process.env.OMSB_FIXTURE_LOG ?? 'info',
        format: 'json',
        redactor,
        destination: process.stdout
    }).child({ owner });
    const handle = await startIntake({ config, logger, redactor, owner });
    logger.info('fixture intake started');
    await new Promise<void>((resolve) => process.once('SIGTERM', resolve));
    await handle.stop();
    logger.info('fixture intake stopped');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
    main().catch((err: unknown) => {
        process.stderr.write(`intake fixture failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
    });
}
