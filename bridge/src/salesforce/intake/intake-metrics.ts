/** Hooks through which intake reports what it does; metrics and readiness plug in here (all optional). */

export type EventOutcome = 'enqueued' | 'duplicate' | 'echo' | 'ignored' | 'malformed' | 'overflow';

/** A replay gap: events on `channel` from `fromTime` until `detectedAt` may be lost and were reconciled. */
export interface GapRecord {
    channel: string;
    fromReplayId: string;
    /** Epoch ms of the last durably queued event (start of the gap). */
    fromTime: number;
    detectedAt: number;
    reason: string;
}

export interface IntakeMetricsHook {
    onEvent?(channel: string, outcome: EventOutcome, jobs: number): void;
    onReconnect?(reason: string): void;
    onGap?(gap: GapRecord): void;
    onReconciled?(channel: string, entityName: string, jobs: number): void;
}
