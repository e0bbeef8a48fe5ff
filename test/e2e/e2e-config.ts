/**
 * The bridge configuration of the end-to-end tests: config/default.yaml, then settings that make every
 * scenario quick and repeatable (sandboxes that do not move or fail by themselves, tiny delays), then
 * the scenario's own overrides, pointed at the emulator's integration user through the JWT bearer flow
 * as `oms-bridge start` does it.
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { resolveConfig } from '../../bridge/src/config/load-config.ts';
import type { BridgeConfig } from '../../bridge/src/config/schema.ts';
import type { RunningEmulator } from '../../bridge/src/emulator/start-emulator.ts';
import type { TestRedis } from '../support/redis.ts';
import { salesforceConfigForEmulator } from '../../bridge/src/demo/emulator-salesforce-config.ts';

/** Settings every scenario shares: quick, deterministic, driven by the test. */
const E2E_DEFAULTS = {
    log: { level: 'silent' },
    http: { host: '127.0.0.1', port: 0, board: { enabled: true, localOnly: true } },
    queues: { concurrency: 4, attempts: 3, backoffMs: 20, shutdownGraceMs: 2000 },
    flows: { writebackWindowMs: 5, billingPollIntervalMs: 600_000 },
    adapters: {
        wms: {
            kind: 'sandbox',
            sandbox: {
                autoProgress: false,
                ackDelayMs: 0,
                pickDelayMs: 0,
                packDelayMs: 0,
                shipDelayMs: 0,
                transientFailureRate: 0,
                rejectionRate: 0,
                shortPickRate: 0,
                splitShipmentRate: 0,
                redeliveryDelayMs: 50
            }
        },
        erp: { kind: 'sandbox', sandbox: { postingDelayMs: 0, transientFailureRate: 0 } }
    }
};

export function e2eBridgeConfig(emulator: RunningEmulator, redis: TestRedis, overrides: Record<string, unknown>): BridgeConfig {
    const defaults = readFileSync(new URL('../../config/default.yaml', import.meta.url), 'utf8');
    const { config } = resolveConfig({
        files: [
            { name: 'default.yaml', text: defaults },
            { name: 'e2e defaults', text: stringify(E2E_DEFAULTS) },
            { name: 'scenario', text: stringify(overrides) }
        ],
        env: {}
    });
    return {
        ...config,
        redis: { ...config.redis, url: redis.url, prefix: redis.prefix, startLocalIfMissing: false },
        salesforce: salesforceConfigForEmulator(config, emulator)
    };
}
