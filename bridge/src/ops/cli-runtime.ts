/** What every operator command needs first: resolved configuration, the redactor and a logger. */
import { resolveConfig } from '../config/load-config.ts';
import { readConfigSources } from '../config/read-config-sources.ts';
import type { BridgeConfig } from '../config/schema.ts';
import { createLogger, type Logger } from '../observability/logger.ts';
import { Redactor } from '../observability/redact.ts';

export interface CliRuntime {
    config: BridgeConfig;
    redactor: Redactor;
    logger: Logger;
}

export function loadCliRuntime(configFile?: string, name = 'oms-bridge'): CliRuntime {
    const { config, secrets } = resolveConfig(readConfigSources(process.env, configFile));
    const redactor = new Redactor(secrets);
    const logger = createLogger({ level: config.log.level, format: config.log.format, redactor, name });
    return { config, redactor, logger };
}
