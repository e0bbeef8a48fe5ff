/**
 * Coalesces Salesforce writes into sObject Collections calls: up to 200 records of one object and one
 * operation per collection, flushed when full or when the window closes. Batches of different objects
 * or operations that are ready together travel in one Composite call (up to 5 collections each), so a
 * window's FO updates, shipment upserts and invoice updates cost one API call, not one each. Batches
 * keep the order their first write arrived in, so a parent written before its children stays first.
 * A record that fails inside a batch for a retryable reason (a row lock) is retried alone, so one bad
 * record never sinks its neighbours. Two writes to the same record in one window are merged (later
 * fields win) — both callers get the same result, which is what effectively-once needs.
 * Under load, batches also wait for a free call slot (`maxInFlight`): while calls are in flight, newer
 * writes gather into fuller collections instead of each window sending a thin one, so API calls per
 * record fall as traffic rises, without a longer window at quiet times.
 */
import type { CollectionResult, SalesforceRestPort } from './rest-port.ts';

export const COLLECTION_LIMIT = 200;
/** Composite allows 25 subrequests, at most 5 of them sObject Collections. */
export const COLLECTIONS_PER_COMPOSITE = 5;
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
    /** Called for every collection sent, with the records it carried (a Composite call reports each of its collections). */
    onCall?: (operation: WriteOperation, records: number) => void;
    /** Called once per API call made (a Composite call counts once). */
    onApiCall?: (collections: number) => void;
    /** Calls in flight at once before a closed window waits for one to answer (default 1; full collections always go). */
    maxInFlight?: number;
}

interface Pending {
    record: Record<string, unknown>;
    waiters: { resolve: (r: CollectionResult) => void; reject: (e: unknown) => void }[];
}

interface Batch {
    operation: WriteOperation;
    byKey: Map<string, Pending>;
}

function batchKey(op: WriteOperation): string {
    return op.kind === 'update' ? `update:${op.objectName}` : `upsert:${op.objectName}:${op.externalIdField}`;
}

export class WritebackBatcher {
    /** Open batches in the order their first write arrived (Map keeps insertion order). */
    private readonly batches = new Map<string, Batch>();
    private readonly inFlight = new Set<Promise<void>>();
    private timer?: NodeJS.Timeout;
    private readonly windowMs: number;
    private readonly lowBudgetWindowMs: number;
    private readonly maxInFlight: number;
    /** A window closed while every call slot was busy: send when one frees up. */
    private sendWhenFree = false;

    constructor(
        private readonly rest: SalesforceRestPort,
        private readonly options: WritebackBatcherOptions = {}
    ) {
        this.windowMs = options.windowMs ?? 50;
        this.lowBudgetWindowMs = options.lowBudgetWindowMs ?? 2000;
        this.maxInFlight = Math.max(1, options.maxInFlight ?? 1);
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
        this.sendAll(true);
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
            if (b.byKey.size >= COLLECTION_LIMIT) {
                this.batches.delete(key);
                this.dispatch([b]);
            } else if (urgent && this.windowMs === 0) {
                this.sendAll();
            } else if (!this.timer && !this.sendWhenFree) {
                const wait = !urgent && this.options.budgetLow?.() ? this.lowBudgetWindowMs : this.windowMs;
                this.timer = setTimeout(() => this.sendAll(), wait);
            }
        });
    }

    /** Sends every open batch: one Collections call, or Composite calls of up to 5 collections. */
    private sendAll(force = false): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        if (!force && this.inFlight.size >= this.maxInFlight) {
            this.sendWhenFree = true;
            return;
        }
        this.sendWhenFree = false;
        const ready = [...this.batches.values()].filter((b) => b.byKey.size > 0);
        this.batches.clear();
        for (let i = 0; i < ready.length; i += COLLECTIONS_PER_COMPOSITE) this.dispatch(ready.slice(i, i + COLLECTIONS_PER_COMPOSITE));
    }

    private dispatch(group: Batch[]): void {
        const call = (group.length === 1 ? this.call(group[0].operation, [...group[0].byKey.values()]) : this.callComposite(group)).finally(() => {
            this.inFlight.delete(call);
            if (this.sendWhenFree) this.sendAll();
        });
        this.inFlight.add(call);
    }

    /** Several collections in one Composite call; each collection's results are settled like a Collections call's. */
    private async callComposite(group: Batch[]): Promise<void> {
        const entriesOf = group.map((b) => [...b.byKey.values()]);
        let responses: { body: unknown; httpStatusCode: number; referenceId: string }[];
        try {
            const answer = await this.rest.request<{ compositeResponse: typeof responses }>('POST', '/composite', {
                allOrNone: false,
                compositeRequest: group.map((b, i) => ({
                    method: 'PATCH',
                    url: `${this.rest.basePath ?? ''}${this.pathOf(b.operation)}`,
                    referenceId: `batch${i}`,
                    body: this.bodyOf(b.operation, entriesOf[i].map((e) => e.record))
                }))
            });
            responses = answer.compositeResponse;
            this.options.onApiCall?.(group.length);
            group.forEach((b, i) => this.options.onCall?.(b.operation, entriesOf[i].length));
        } catch (err) {
            for (const entries of entriesOf) for (const e of entries) for (const w of e.waiters) w.reject(err);
            return;
        }
        await Promise.all(
            group.map(async (b, i) => {
                const response = responses.find((r) => r.referenceId === `batch${i}`);
                if (!response || response.httpStatusCode >= 300 || !Array.isArray(response.body)) {
                    const reason = new Error(
                        `Salesforce refused a ${b.operation.objectName} collection in a Composite call: ${JSON.stringify(response?.body ?? 'no answer').slice(0, 500)}`
                    );
                    for (const e of entriesOf[i]) for (const w of e.waiters) w.reject(reason);
                    return;
                }
                await this.settle(b.operation, entriesOf[i], response.body as CollectionResult[]);
            })
        );
    }

    private async call(op: WriteOperation, entries: Pending[]): Promise<void> {
        let results: CollectionResult[];
        try {
            results = await this.post(op, entries.map((e) => e.record));
        } catch (err) {
            for (const e of entries) for (const w of e.waiters) w.reject(err);
            return;
        }
        await this.settle(op, entries, results);
    }

    /** Resolves each record's callers with its result; row-locked records of a larger batch are retried alone. */
    private async settle(op: WriteOperation, entries: Pending[], results: CollectionResult[]): Promise<void> {
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

    private pathOf(op: WriteOperation): string {
        return op.kind === 'update' ? '/composite/sobjects' : `/composite/sobjects/${op.objectName}/${op.externalIdField}`;
    }

    private bodyOf(op: WriteOperation, records: Record<string, unknown>[]) {
        return { allOrNone: false, records: records.map((r) => ({ attributes: { type: op.objectName }, ...r })) };
    }

    private async post(op: WriteOperation, records: Record<string, unknown>[]): Promise<CollectionResult[]> {
        const results = await this.rest.request<CollectionResult[]>('PATCH', this.pathOf(op), this.bodyOf(op, records));
        this.options.onApiCall?.(1);
        this.options.onCall?.(op, records.length);
        return results;
    }
}
