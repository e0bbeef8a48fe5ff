import { z } from 'zod';
import { bool, intFrom, stringList } from './types.ts';

/** Salesforce event intake: deduplication, echo suppression, reconciliation. */
export const intakeSection = z
    .object({
        /**
         * Fields only the bridge writes. A change event caused by the bridge's own client whose changed
         * fields are all in this list is counted and dropped (no sync loops). `Prefix_*` matches by prefix,
         * `Object.Field` limits an entry to one object.
         */
        bridgeOwnedFields: stringList().default([
            'WMS_Order_Number__c',
            'Integration_Status__c',
            'Last_Sync_Time__c',
            'Last_Integration_Error__c',
            'Correlation_Id__c',
            'ERP_*',
            'LastModifiedDate',
            'SystemModstamp',
            'LastModifiedById',
            'FulfillmentOrder.Status',
            'FulfillmentOrder.StatusCategory',
            'FulfillmentOrder.InvoiceId',
            'Shipment.FulfillmentOrderId',
            'Shipment.OrderSummaryId',
            'Shipment.ShipToName',
            'Shipment.Provider',
            'Shipment.TrackingNumber',
            'Shipment.TrackingUrl',
            'Shipment.Status',
            'Shipment.ExpectedDeliveryDate',
            'Shipment.ActualDeliveryDate'
        ]),
        /**
         * Entities to re-query after a replay gap, by channel. Channels not listed are derived from their
         * name (`/data/XChangeEvent` → X; the standard SOM events → their records).
         */
        reconcileEntities: z.record(z.string(), z.array(z.string().min(1))).default({}),
        /**
         * Queue every delivered event as a job, including those no installed flow acts on. Off by default:
         * such events (a Shipment change, an OrderSummaryCreatedEvent for order to cash) are checkpointed
         * and counted (`ignored:<channel>` in the intake stats) without a job, which spares a queue round trip
         * per event. Turn on to keep a job, and its history, for every event.
         */
        queueIgnoredEvents: bool().default(false),
        /** Events buffered in memory before the subscriber disconnects instead of growing (default 5000). */
        maxPendingEvents: intFrom(10).default(5000),
        /** How long a delivered event's job ID is remembered, seconds (default 345600 = 4 days, above the 72 h retention). */
        dedupTtlSeconds: intFrom(60).default(345_600),
        /** Inbox entries moved into BullMQ per round (default 200). */
        pumpBatchSize: intFrom(1, 10_000).default(200)
    })
    .strict();
