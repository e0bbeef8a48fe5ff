/** Redis keys of the intake, all under the configured prefix (a hash tag, so one Lua script may touch them all). */
import { createHash } from 'node:crypto';

export interface IntakeKeys {
    /** Stream of jobs durably accepted but not yet moved into BullMQ. */
    inbox: string;
    /** Hash channel → checkpoint JSON. */
    checkpoints: string;
    /** Stream of events that could not be parsed (visible exceptions). */
    exceptions: string;
    /** Stream of replay gaps (stale checkpoints) with their time windows. */
    gaps: string;
    /** Hash of counters (echoes suppressed, duplicates, ...). */
    stats: string;
    /** The subscriber lease for this channel set. */
    lease: string;
    /** Monotonic fencing-token counter. */
    fence: string;
    /** Prefix of per-job deduplication markers. */
    dedupPrefix: string;
}

export function intakeKeys(prefix: string, channels: string[]): IntakeKeys {
    // One lease per distinct channel set: two bridges configured with the same channels exclude each other.
    const set = createHash('sha1').update([...channels].sort().join('\n')).digest('hex').slice(0, 12);
    const base = `${prefix}:intake`;
    return {
        inbox: `${base}:inbox`,
        checkpoints: `${base}:checkpoints`,
        exceptions: `${base}:exceptions`,
        gaps: `${base}:gaps`,
        stats: `${base}:stats`,
        lease: `${base}:lease:${set}`,
        fence: `${base}:fence`,
        dedupPrefix: `${base}:dedup:`
    };
}
