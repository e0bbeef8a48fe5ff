/**
 * The catalog: every job type, the queue it runs on, its payload schema and its idempotency-key rule.
 *
 * The idempotency key is the identity of the *effect* a job causes (e.g. "submit FO 0a3… version 2 to
 * the WMS"). It becomes the BullMQ job ID (so a replayed event or a double enqueue never makes a second
 * job), it is passed to every adapter call (so a retried call never double-posts), it is the
 * ExternalReference of any ProcessException the job raises, and a dead-letter retry keeps it.
 * Adding a job type = adding one entry here; handlers are registered on the WorkerHost.
 */
import { z } from 'zod';
import type { QueueName } from './queue-names.ts';

/** ProcessException categories the bridge uses (SOM picklist values). */
export type ExceptionCategory = 'Fulfillment' | 'Invoicing' | 'Payment' | 'Order Activation';

/** How one job type behaves; see the module note. */
export interface JobTypeDef<S extends z.ZodType = z.ZodType> {
    queue: QueueName;
    /** Validated on enqueue and again before the handler runs. */
    schema: S;
    idempotencyKey(payload: z.infer<S>): string;
    /** The order summary the job belongs to, when known: serializes jobs of one order and targets exceptions. */
    orderSummaryId?(payload: z.infer<S>): string | undefined;
    /** Record a ProcessException is attached to (default: the order summary). */
    attachedToId?(payload: z.infer<S>): string | undefined;
    /**
     * False for jobs that only read and enqueue (level-triggered, idempotent): they need not wait for
     * other jobs of their order, and holding the order lock would only delay the jobs that do effects.
     */
    serializePerOrder?: boolean;
    /** ProcessException category when this job fails for good. */
    exceptionCategory: ExceptionCategory;
    /** One line for people: what the job does ("submit a fulfillment order to the WMS"). */
    describe: string;
}

function defineJobType<S extends z.ZodType>(def: JobTypeDef<S>): JobTypeDef<S> {
    return def;
}

const sfId = z.string().regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/, 'expected a 15 or 18 character Salesforce ID');
const version = z.number().int().nonnegative();
/** Salesforce commit time (epoch ms) of the change that caused the job: feeds the end-to-end latency metric. */
const committedAt = z.number().int().positive().optional();

const sfEventPayload = z.looseObject({
    channel: z.string().min(1),
    replayId: z.union([z.string().min(1), z.number()]),
    eventUuid: z.string().min(1).optional(),
    transactionKey: z.string().min(1).optional(),
    sequenceNumber: z.number().int().optional(),
    recordId: z.string().min(1).optional(),
    orderSummaryId: sfId.optional(),
    payload: z.record(z.string(), z.unknown()),
    receivedAt: z.string().min(1),
    correlationId: z.string().min(1),
    committedAt
});

const foJob = z.looseObject({
    fulfillmentOrderId: sfId,
    orderSummaryId: sfId,
    /** Increases with every change the bridge acts on (e.g. FO LastModifiedDate as epoch ms). */
    version,
    committedAt
});

const warehouseEvent = z.looseObject({
    kind: z.enum(['acknowledged', 'picked', 'packed', 'shipped', 'short-picked']),
    /** The warehouse's own event/document ID: what makes a duplicate webhook a duplicate. */
    warehouseEventId: z.string().min(1),
    fulfillmentOrderId: sfId,
    orderSummaryId: sfId.optional(),
    data: z.record(z.string(), z.unknown()).default({}),
    committedAt
});

const writeback = z.looseObject({
    sobject: z.string().min(1),
    /** Target record, or an external ID for an upsert. */
    recordId: sfId.optional(),
    externalIdField: z.string().min(1).optional(),
    externalId: z.string().min(1).optional(),
    fields: z.record(z.string(), z.unknown()),
    /** What caused the write (e.g. `wms.ack:WH-123`), so two different writes to one record both run. */
    sourceKey: z.string().min(1),
    orderSummaryId: sfId.optional(),
    committedAt
}).refine((p) => p.recordId || (p.externalIdField && p.externalId), {
    message: 'expected recordId, or externalIdField and externalId'
});

export const JOB_TYPES = {
    'sf.event': defineJobType({
        queue: 'sf-events',
        schema: sfEventPayload,
        describe: 'handle a Salesforce event',
        exceptionCategory: 'Order Activation',
        serializePerOrder: false,
        // Platform events carry EventUuid; change events are identified by transaction + sequence + record.
        idempotencyKey: (p) =>
            p.eventUuid
                ? `sf.event:${p.eventUuid}`
                : p.transactionKey !== undefined && p.sequenceNumber !== undefined
                  ? `sf.event:${p.transactionKey}:${p.sequenceNumber}:${p.recordId ?? '-'}`
                  : `sf.event:${p.channel}:${String(p.replayId)}:${p.recordId ?? '-'}`,
        orderSummaryId: (p) => p.orderSummaryId
    }),
    'wms.submit': defineJobType({
        queue: 'wms-outbound',
        schema: foJob,
        describe: 'submit a fulfillment order to the WMS',
        exceptionCategory: 'Fulfillment',
        idempotencyKey: (p) => `wms.submit:${p.fulfillmentOrderId}:v${p.version}`,
        orderSummaryId: (p) => p.orderSummaryId,
        attachedToId: (p) => p.fulfillmentOrderId
    }),
    'wms.cancel': defineJobType({
        queue: 'wms-outbound',
        schema: foJob,
        describe: 'cancel a fulfillment order in the WMS',
        exceptionCategory: 'Fulfillment',
        idempotencyKey: (p) => `wms.cancel:${p.fulfillmentOrderId}:v${p.version}`,
        orderSummaryId: (p) => p.orderSummaryId,
        attachedToId: (p) => p.fulfillmentOrderId
    }),
    'wms.update-ship-to': defineJobType({
        queue: 'wms-outbound',
        schema: foJob,
        describe: 'change the ship-to address of a fulfillment order in the WMS',
        exceptionCategory: 'Fulfillment',
        idempotencyKey: (p) => `wms.update-ship-to:${p.fulfillmentOrderId}:v${p.version}`,
        orderSummaryId: (p) => p.orderSummaryId,
        attachedToId: (p) => p.fulfillmentOrderId
    }),
    'wms.event': defineJobType({
        queue: 'wms-inbound',
        schema: warehouseEvent,
        describe: 'apply a warehouse event',
        exceptionCategory: 'Fulfillment',
        idempotencyKey: (p) => `wms.event:${p.fulfillmentOrderId}:${p.kind}:${p.warehouseEventId}`,
        orderSummaryId: (p) => p.orderSummaryId,
        attachedToId: (p) => p.fulfillmentOrderId
    }),
    'erp.post-invoice': defineJobType({
        queue: 'erp-invoice',
        schema: z.looseObject({ invoiceId: sfId, orderSummaryId: sfId, committedAt }),
        describe: 'post an invoice to the ERP',
        exceptionCategory: 'Invoicing',
        idempotencyKey: (p) => `erp.invoice:${p.invoiceId}`,
        orderSummaryId: (p) => p.orderSummaryId,
        attachedToId: (p) => p.invoiceId
    }),
    'erp.post-credit-memo': defineJobType({
        queue: 'erp-credit-memo',
        schema: z.looseObject({ creditMemoId: sfId, orderSummaryId: sfId, committedAt }),
        describe: 'post a credit memo to the ERP',
        exceptionCategory: 'Invoicing',
        idempotencyKey: (p) => `erp.credit-memo:${p.creditMemoId}`,
        orderSummaryId: (p) => p.orderSummaryId,
        attachedToId: (p) => p.creditMemoId
    }),
    'sf.writeback': defineJobType({
        queue: 'sf-writeback',
        schema: writeback,
        describe: 'write a result back to Salesforce',
        exceptionCategory: 'Fulfillment',
        idempotencyKey: (p) => `sf.writeback:${p.sobject}:${p.recordId ?? `${p.externalIdField}=${p.externalId}`}:${p.sourceKey}`,
        orderSummaryId: (p) => p.orderSummaryId,
        attachedToId: (p) => p.recordId
    }),
    'reconcile.entity': defineJobType({
        queue: 'reconcile',
        schema: z.looseObject({
            entity: z.string().min(1),
            /** ISO time the gap starts (the checkpoint's time). */
            since: z.string().min(1),
            until: z.string().min(1).optional(),
            reason: z.string().min(1)
        }),
        describe: 're-read records changed during a gap',
        exceptionCategory: 'Order Activation',
        idempotencyKey: (p) => `reconcile:${p.entity}:${p.since}:${p.until ?? 'open'}`
    })
} satisfies Record<string, JobTypeDef>;

export type JobType = keyof typeof JOB_TYPES;
export type PayloadOf<T extends JobType> = z.infer<(typeof JOB_TYPES)[T]['schema']>;

export function isJobType(value: string): value is JobType {
    return Object.prototype.hasOwnProperty.call(JOB_TYPES, value);
}

/** The definition of a job type, typed loosely for generic code (workers, DLQ tools). */
export function jobTypeDef(type: JobType): JobTypeDef {
    return JOB_TYPES[type] as unknown as JobTypeDef;
}

/** Job types that run on one queue. */
export function jobTypesOf(queue: QueueName): JobType[] {
    return (Object.keys(JOB_TYPES) as JobType[]).filter((t) => JOB_TYPES[t].queue === queue);
}
