/**
 * Settings and helpers shared by the intake-on-emulator tests: the channels they use, intake settings
 * that make recovery quick, the bridge configuration pointed at an emulator's integration user, and
 * polling with a deadline (the only way these tests wait).
 */
import type { BridgeConfig } from '../../../bridge/src/config/schema.ts';
import type { RunningEmulator } from '../../../bridge/src/emulator/start-emulator.ts';
import { testConfig } from '../support/test-config.ts';
import { salesforceConfigForEmulator } from '../../../bridge/src/demo/emulator-salesforce-config.ts';

export const API_VERSION = '66.0';
export const RESEND_CHANNEL = '/event/OMS_Resend_Request__e';
export const FO_CHANNEL = '/data/FulfillmentOrderChangeEvent';

/**
 * Streaming settings that make every recovery quick (the schema's minimum is 1000 ms for silence and lease).
 * The emulator shares this host's clock, so no clock-skew allowance is needed.
 */
export const QUICK_STREAMING = {
    silenceTimeoutMs: 20_000,
    leaseTtlMs: 1000,
    backoffBaseMs: 20,
    backoffMaxMs: 200,
    clockSkewMs: 0
};

/** Intake settings pointed at the emulator's integration user (JWT bearer, as `oms-bridge start` does). */
export function emulatorIntakeConfig(
    emulator: RunningEmulator,
    prefix: string,
    overrides: Record<string, unknown> = {}
): BridgeConfig {
    const config = testConfig({ log: { level: 'silent' }, ...overrides });
    return {
        ...config,
        redis: { ...config.redis, prefix, startLocalIfMissing: false },
        salesforce: salesforceConfigForEmulator(config, emulator)
    };
}

/** Polls `probe` until it returns something other than undefined/false; fails naming `what` on the deadline. */
export async function waitFor<T>(
    what: string,
    probe: () => Promise<T | undefined | false> | T | undefined | false,
    timeoutMs = 15_000
): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value !== undefined && value !== false) return value;
        } catch (err) {
            lastError = err;
        }
        if (Date.now() > deadline)
            throw new Error(
                `timed out waiting for ${what}${lastError instanceof Error ? ` (last error: ${lastError.message})` : ''}`
            );
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
}
