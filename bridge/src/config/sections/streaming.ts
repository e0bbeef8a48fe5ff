import { z } from 'zod';
import { intFrom, stringList } from './types.ts';

/** Streaming API intake. */
export const streamingSection = z
    .object({
        /** Channels to subscribe to (CometD names). */
        channels: stringList().default([
            '/event/FOStatusChangedEvent',
            '/event/OrderSummaryCreatedEvent',
            '/event/OrderSumStatusChangedEvent',
            '/event/FulfillOrdItemQtyChgEvent',
            '/data/FulfillmentOrderChangeEvent',
            '/data/ShipmentChangeEvent',
            '/data/ReturnOrderChangeEvent',
            '/event/OMS_Resend_Request__e'
        ]),
        /** Force a reconnect after this long without any traffic (default 130s: above the 110s long poll). */
        silenceTimeoutMs: intFrom(1000).default(130_000),
        /**
         * Largest expected difference between this host's clock and Salesforce's (default 60s). A channel that
         * has carried no event since intake first subscribed resumes from -2 after a restart; retained events
         * committed more than this before that first subscription predate the bridge and are skipped.
         */
        clockSkewMs: intFrom(0).default(60_000),
        /** Subscriber lease time-to-live (default 10s). */
        leaseTtlMs: intFrom(1000).default(10_000),
        /** Base and ceiling of the reconnect backoff. */
        backoffBaseMs: intFrom(10).default(1000),
        backoffMaxMs: intFrom(100).default(60_000)
    })
    .strict();
