/**
 * Coalesces Salesforce writes into sObject Collections calls: up to 200 records of one object and one
 * operation per call, flushed when full or when the window closes. A record that fails inside a batch
 * for a retryable reason (a row lock) is retried alone, so one bad record never sinks its neighbours.
 * Two writes to the same record in one window are merged (later fields win) — both callers get the
 * same result, which is what effectively-once needs.
 */
import type { CollectionResult, SalesforceRestPort } from './rest-port.ts';

export const COLLECTION_LIMIT = 200;
const RETRY_ALONE_CODES = new Set(['UNABLE_TO_LOCK_ROW']);

export type WriteOperation =
    | { kind: 'update'; objectName: string }
    | { kind: 'upsert'; objectName: string; externalIdField: string };

export interface WritebackBatcherOptions {
    /** How long a write may wait for companions (default 50 ms). */
    windowMs?: number;
    /** Longer wait applied to non-urgent writes when the API budget runs low. */
    lowBudgetWindowMs?: number;
    /** Returns true when the remaining daily API allowance is below the configured share. */
    budgetLow?: () => boolean;
    /** Called after every API call with the number of records it carried (for metrics). */
    onCall?: (operation: WriteOperation, records: number) => void;
}

interface Pending {
    record: Record<string, unknown>;
    waiters: { resolve: (r: CollectionResult) => void; reject: (e: unknown) => void }[];
}

interface Batch {
    operation: WriteOperation;
    byKey: Map<string, Pending>;
    timer?: NodeJS.Timeout;
}

function batchKey(op: WriteOperation): string {
    return op.kind === 'update' ? `update:${op.objectName}` : `upsert:${op.objectName}:${op.externalIdField}`;
}

export class WritebackBatcher {
    private readonly batches = new Map<string, Batch>();
    private readonly inFlight = new Set<Promise<void>>();
    private readonly windowMs: number;
    private readonly lowBudgetWindowMs: number;

    constructor(
        private readonly rest: SalesforceRestPort,
        private readonly options: WritebackBatcherOptions = {}
    ) {
        this.windowMs = options.windowMs ?? 50;
        this.lowBudgetWindowMs = options.lowBudgetWindowMs ?? 2000;
    }

    /** Updates one record by Id (the record must carry `Id`). */
    update(objectName: string, record: Record<string, unknown> & { Id: string }, urgent = false): Promise<CollectionResult> {
        return this.add({ kind: 'update', objectName }, record.Id, record, urgent);
    }

    /** Upserts one record by an external ID field (the record must carry it). */
    upsert(objectName: string, externalIdField: string, record: Record<string, unknown>, urgent = false): Promise<CollectionResult> {
        const key = record[externalIdField];
        if (typeof key !== 'string' || key === '') {
            return Promise.reject(new Error(`upsert of ${objectName} needs a value in ${externalIdField}`));
        }
        return this.add({ kind: 'upsert', objectName, externalIdField }, key, record, urgent);
    }

    /** Sends everything waiting now and resolves when every call in flight has answered. */
    async flush(): Promise<void> {
        for (const key of [...this.batches.keys()]) this.send(key);
        while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
    }

    private add(op: WriteOperation, recordKey: string, record: Record<string, unknown>, urgent: boolean): Promise<CollectionResult> {
        const key = batchKey(op);
        let batch = this.batches.get(key);
        if (!batch) {
            batch = { operation: op, byKey: new Map() };
            this.batches.set(key, batch);
        }
        return new Promise<CollectionResult>((resolve, reject) => {
            const b = batch!;
            const existing = b.byKey.get(recordKey);
            if (existing) {
                existing.record = { ...existing.record, ...record };
                existing.waiters.push({ resolve, reject });
            } else {
                b.byKey.set(recordKey, { record: { ...record }, waiters: [{ resolve, reject }] });
            }
            if (b.byKey.size >= COLLECTION_LIMIT || (urgent && this.windowMs === 0)) {
                this.send(key);
            } else if (!b.timer) {
                const wait = !urgent && this.options.budgetLow?.() ? this.lowBudgetWindowMs : this.windowMs;
                b.timer = setTimeout(() => this.send(key), wait);
            }
        });
    }

    private send(key: string): void {
        const batch = this.batches.get(key);
        if (!batch) return;
        this.batches.delete(key);
        if (batch.timer) clearTimeout(batch.timer);
        const entries = [...batch.byKey.values()];
        if (entries.length === 0) return;
        const call = this.call(batch.operation, entries).finally(() => this.inFlight.delete(call));
        this.inFlight.add(call);
    }

    private async call(op: WriteOperation, entries: Pending[]): Promise<void> {
        let results: CollectionResult[];
        try {
            results = await this.post(op, entries.map((e) => e.record));
        } catch (err) {
            for (const e of entries) for (const w of e.waiters) w.reject(err);
            return;
        }
        const retryAlone: Pending[] = [];
        entries.forEach((entry, i) => {
            const result = results[i];
            if (!result) {
                for (const w of entry.waiters) w.reject(new Error(`no result for record ${i} of a ${op.objectName} batch`));
            } else if (!result.success && entries.length > 1 && result.errors.some((e) => RETRY_ALONE_CODES.has(e.statusCode ?? e.errorCode ?? ''))) {
                retryAlone.push(entry);
            } else {
                for (const w of entry.waiters) w.resolve(result);
            }
        });
        for (const entry of retryAlone) await this.call(op, [entry]);
    }

    private async post(op: WriteOperation, records: Record<string, unknown>[]): Promise<CollectionResult[]> {
        const body = {
            allOrNone: false,
            records: records.map((r) => ({ attributes: { type: op.objectName }, ...r }))
        };
        const path =
            op.kind === 'update' ? '/composite/sobjects' : `/composite/sobjects/${op.objectName}/${op.externalIdField}`;
        const results = await this.rest.request<CollectionResult[]>('PATCH', path, body);
        this.options.onCall?.(op, records.length);
        return results;
    }
}
