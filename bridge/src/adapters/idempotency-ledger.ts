/**
 * Remembers the result of each effect by idempotency key, as a vendor with idempotency support does:
 * the same key returns the stored result without doing anything again. Refusals are not stored (as
 * with Stripe's keys): once an operator fixes the cause, a retry with the same key can succeed.
 * A key reused for a different operation is a caller bug and is refused.
 */
import { PermanentAdapterError, type AdapterErrorContext } from './adapter-error.ts';
import { trimOldest } from './trim-oldest.ts';

type Outcome = { operation: string; value: unknown };

/** Outcomes remembered; older keys are forgotten first (vendors keep idempotency keys for a limited time too). */
export const RETAINED_OUTCOMES = 100_000;

export class IdempotencyLedger {
    private readonly outcomes = new Map<string, Outcome>();
    private readonly inFlight = new Map<string, Promise<unknown>>();

    /** Runs `work` once per key; concurrent calls with the same key share one execution. */
    async once<T>(key: string, context: AdapterErrorContext, work: () => Promise<T>): Promise<T> {
        const stored = this.outcomes.get(key);
        if (stored) {
            if (stored.operation !== context.operation) {
                throw new PermanentAdapterError('invalid_request', `idempotency key ${key} was already used for ${stored.operation}`, context);
            }
            return stored.value as T;
        }
        const running = this.inFlight.get(key);
        if (running) return running as Promise<T>;
        const execution = (async () => {
            try {
                const value = await work();
                this.remember(key, { operation: context.operation, value });
                return value;
            } finally {
                this.inFlight.delete(key);
            }
        })();
        this.inFlight.set(key, execution);
        return execution;
    }

    /** Stores a result whose response was "lost" on the way back, so the retry finds it. */
    record(key: string, operation: string, value: unknown): void {
        this.remember(key, { operation, value });
    }

    private remember(key: string, outcome: Outcome): void {
        this.outcomes.set(key, outcome);
        trimOldest(this.outcomes, RETAINED_OUTCOMES);
    }
}
