/**
 * Transient faults for the sandboxes: configured rates decided per (key, attempt) with the seeded PRNG,
 * so a retried call eventually succeeds; plus faults queued by tests. Half of the random faults happen
 * after the work was done ("response lost"), the case that makes idempotency keys necessary.
 */
import { trimOldest } from './trim-oldest.ts';
import { TransientAdapterError, type AdapterErrorCode, type AdapterErrorContext } from './adapter-error.ts';
import { seededChance } from './seeded-chance.ts';

export type TransientFaultKind = 'timeout' | 'unavailable' | 'rate_limited';

export interface PlannedFault {
    kind: TransientFaultKind;
    /** True: the work is done, only the answer is lost. */
    afterCommit: boolean;
}

export class SandboxFaults {
    private readonly attempts = new Map<string, number>();
    private readonly queued: PlannedFault[] = [];

    constructor(
        private readonly seed: number,
        private readonly rate: number
    ) {}

    /** Makes the next call fail with this fault (tests). */
    failNext(kind: TransientFaultKind, options: { afterCommit?: boolean } = {}): void {
        this.queued.push({ kind, afterCommit: options.afterCommit ?? false });
    }

    /** The fault for this call of `key`, if any. */
    next(key: string): PlannedFault | undefined {
        const queued = this.queued.shift();
        if (queued) return queued;
        const attempt = (this.attempts.get(key) ?? 0) + 1;
        this.attempts.set(key, attempt);
        // Only recent keys can be retried; forgetting old counts keeps a long run's memory flat.
        trimOldest(this.attempts, 100_000);
        if (this.rate <= 0 || seededChance(this.seed, key, 'fault', attempt) >= this.rate) return undefined;
        const kinds: TransientFaultKind[] = ['timeout', 'unavailable', 'rate_limited'];
        return {
            kind: kinds[Math.floor(seededChance(this.seed, key, 'fault-kind', attempt) * kinds.length)],
            afterCommit: seededChance(this.seed, key, 'fault-commit', attempt) < 0.5
        };
    }
}

export function transientFault(fault: PlannedFault, context: AdapterErrorContext): TransientAdapterError {
    const messages: Record<TransientFaultKind, [AdapterErrorCode, string, number | undefined]> = {
        timeout: ['timeout', 'timed out waiting for the response', undefined],
        unavailable: ['unavailable', 'service unavailable (503)', undefined],
        rate_limited: ['rate_limited', 'too many requests (429)', 1000]
    };
    const [code, message, retryAfterMs] = messages[fault.kind];
    return new TransientAdapterError(code, `${context.adapter} ${context.operation}: ${message}`, context, { retryAfterMs });
}
