/**
 * How long a transient failure waits before the next attempt: exponential with "equal jitter"
 * (half fixed, half random) so a burst of failures does not retry in lockstep; limits wait longer;
 * a `Retry-After` from the remote system is a floor, never shortened.
 */
import { LIMIT_CODES, type BridgeError, TransientError } from './bridge-error.ts';

export interface RetryPolicy {
    /** First retry delay in ms (config `queues.backoffMs`, default 1000). */
    baseMs: number;
    /** Ceiling for ordinary transient failures (default 5 minutes). */
    maxMs?: number;
    /** Multiplier for rate/API limits (default 30). */
    limitFactor?: number;
    /** Ceiling for limits (default 1 hour). */
    limitMaxMs?: number;
}

/** Delay before retry number `attempt` (1 = first retry); `random` is injectable for tests. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, err: BridgeError | undefined, random = Math.random): number {
    const isLimit = err ? LIMIT_CODES.has(err.code) : false;
    const base = policy.baseMs * (isLimit ? (policy.limitFactor ?? 30) : 1);
    const ceiling = isLimit ? (policy.limitMaxMs ?? 3_600_000) : (policy.maxMs ?? 300_000);
    const exponential = Math.min(ceiling, base * 2 ** Math.max(0, attempt - 1));
    const jittered = Math.round(exponential / 2 + random() * (exponential / 2));
    const floor = err instanceof TransientError && err.retryAfterMs !== undefined ? err.retryAfterMs : 0;
    return Math.max(jittered, floor);
}
