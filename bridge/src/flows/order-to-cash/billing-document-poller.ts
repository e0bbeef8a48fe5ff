/**
 * Finds invoices and credit memos that SOM made on its own (its flows, cancellations and returns after
 * capture) and hands them to the ERP queues. Invoice and CreditMemo have no Change Data Capture and no
 * standard event in core Order Management, so a low-frequency SOQL poll over documents without an ERP
 * number is the dependable source. It is checkpointed on CreatedDate (with an overlap, since commits can
 * land out of order), and the job IDs make re-finding a document harmless.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../../observability/logger.ts';
import type { JobProducer } from '../../queue/job-producer.ts';
import type { SomClient } from '../../salesforce/som/som-client.ts';

export interface BillingPollerOptions {
    som: SomClient;
    producer: JobProducer;
    redis: Redis;
    prefix: string;
    logger: Logger;
    /** Poll interval (default 60 s). */
    intervalMs?: number;
    /** Re-read this far behind the checkpoint (default 5 minutes). */
    overlapMs?: number;
}

interface DocumentRow {
    Id: string;
    ReferenceEntityId: string;
    CreatedDate: string;
}

const DOCUMENTS = [
    { object: 'Invoice', queue: 'erp-invoice', jobType: 'erp.post-invoice', idField: 'invoiceId' },
    { object: 'CreditMemo', queue: 'erp-credit-memo', jobType: 'erp.post-credit-memo', idField: 'creditMemoId' }
] as const;

export class BillingDocumentPoller {
    private timer?: NodeJS.Timeout;
    private running?: Promise<void>;

    constructor(private readonly options: BillingPollerOptions) {}

    private checkpointKey(object: string): string {
        return `${this.options.prefix}:billing-poll:${object}`;
    }

    /** One pass over both document types; returns how many documents were handed on. */
    async pollOnce(): Promise<number> {
        let found = 0;
        for (const doc of DOCUMENTS) {
            const since = await this.options.redis.get(this.checkpointKey(doc.object));
            const overlap = this.options.overlapMs ?? 300_000;
            const from = since ? new Date(Date.parse(since) - overlap).toISOString() : undefined;
            const rows = await this.options.som.queryAll<DocumentRow>(
                `SELECT Id, ReferenceEntityId, CreatedDate FROM ${doc.object} WHERE ERP_Document_Number__c = null ` +
                    `AND ERP_Posting_Status__c != 'Rejected'${from ? ` AND CreatedDate >= ${from}` : ''} ORDER BY CreatedDate LIMIT 2000`
            );
            for (const row of rows) {
                const payload = { [doc.idField]: row.Id, orderSummaryId: row.ReferenceEntityId } as never;
                await this.options.producer.enqueue(doc.queue, doc.jobType, payload, { correlationId: `${doc.object.toLowerCase()}-${row.Id}` });
            }
            const newest = rows.at(-1)?.CreatedDate;
            if (newest) await this.options.redis.set(this.checkpointKey(doc.object), newest);
            found += rows.length;
        }
        return found;
    }

    start(intervalMs = this.options.intervalMs ?? 60_000): void {
        const tick = () => {
            this.running = this.pollOnce()
                .then((n) => (n ? this.options.logger.info({ documents: n }, 'billing documents handed to the ERP queues') : undefined))
                .catch((err: unknown) => this.options.logger.error({ err }, 'billing document poll failed; will try again'))
                .finally(() => {
                    if (this.timer) this.timer = setTimeout(tick, intervalMs);
                });
        };
        this.timer = setTimeout(tick, 0);
    }

    async stop(): Promise<void> {
        const timer = this.timer;
        this.timer = undefined;
        if (timer) clearTimeout(timer);
        await this.running;
    }
}
