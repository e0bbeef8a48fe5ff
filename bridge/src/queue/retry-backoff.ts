/**
 * BullMQ custom backoff: jobs carry `backoff: { type: RETRY_BACKOFF_TYPE }` and workers install
 * `retryBackoffStrategy`, which asks the retry policy (errors/retry-policy.ts) for the delay.
 */
import { classifyError } from '../errors/classify-error.ts';
import { retryDelayMs, type RetryPolicy } from '../errors/retry-policy.ts';

export const RETRY_BACKOFF_TYPE = 'omsb-retry';

/** Builds the `settings.backoffStrategy` for a Worker. */
export function retryBackoffStrategy(policy: RetryPolicy) {
    return (attemptsMade: number, type?: string, err?: Error): number => {
        if (type !== RETRY_BACKOFF_TYPE) return policy.baseMs * 2 ** Math.max(0, attemptsMade - 1);
        return retryDelayMs(policy, attemptsMade, err ? classifyError(err) : undefined);
    };
}
