/**
 * Attempt history and audit trail of a job, kept in the job's own BullMQ log (one JSON line per entry).
 * The log lives and dies with the job, survives `retry`, and shows in the board's "Logs" tab.
 */
import { Job, type Queue } from 'bullmq';

export interface AttemptEntry {
    kind: 'attempt';
    at: string;
    attempt: number;
    /** TransientError | PermanentError */
    errorClass: string;
    code: string;
    message: string;
    /** What happened next: retry (with delay) or dead (dead-lettered). */
    outcome: 'retry' | 'dead' | 'returned';
}

export interface AuditEntry {
    kind: 'audit';
    at: string;
    action: 'retry' | 'discard' | 'stalled';
    by: string;
    note?: string;
}

export type HistoryEntry = AttemptEntry | AuditEntry;

export async function appendHistory(job: Job, entry: HistoryEntry): Promise<void> {
    await job.log(JSON.stringify(entry));
}

/** Appends to a job by ID (when no Job object is at hand, e.g. a stall seen by another worker). */
export async function appendHistoryById(queue: Queue, jobId: string, entry: HistoryEntry): Promise<void> {
    await Job.addJobLog(queue, jobId, JSON.stringify(entry));
}

/** Every structured entry of a job's log, oldest first; free-text lines are kept as audit notes. */
export async function readHistory(queue: Queue, jobId: string): Promise<HistoryEntry[]> {
    const { logs } = await queue.getJobLogs(jobId, 0, -1, true);
    return logs.map((line) => {
        try {
            const parsed = JSON.parse(line) as HistoryEntry;
            if (parsed && (parsed.kind === 'attempt' || parsed.kind === 'audit')) return parsed;
        } catch {
            // plain text written by a handler
        }
        return { kind: 'audit', at: '', action: 'stalled', by: 'log', note: line } satisfies AuditEntry;
    });
}
