import { z } from 'zod';
import { bool, intFrom, numberFrom } from './types.ts';
import { restClientSection, restEndpointSection } from './adapters-http.ts';

const rate = () => numberFrom(0, 1);

/** The embedded sandbox warehouse. Delays are per stage; rates are per order, decided by the seeded PRNG. */
export const sandboxWmsSection = z
    .object({
        /** Seed for every random decision, so a run can be repeated (default 7). */
        seed: intFrom(0).default(7),
        /** When false the warehouse only moves when driven (tests); default true. */
        autoProgress: bool().default(true),
        /** Delay before the acknowledgement, in ms (default 200). */
        ackDelayMs: intFrom(0).default(200),
        /** Delay from acknowledgement to pick (default 1000). */
        pickDelayMs: intFrom(0).default(1000),
        /** Delay from pick to pack (default 500). */
        packDelayMs: intFrom(0).default(500),
        /** Delay from pack to (each) shipment (default 1000). */
        shipDelayMs: intFrom(0).default(1000),
        /** Share of calls failing with a transient error (default 0.02). */
        transientFailureRate: rate().default(0.02),
        /** Share of orders the warehouse refuses (default 0.005). */
        rejectionRate: rate().default(0.005),
        /** Share of orders with one line short-picked (default 0.03). */
        shortPickRate: rate().default(0.03),
        /** Share of orders shipped in two parcels (default 0.1). */
        splitShipmentRate: rate().default(0.1),
        /** Delay before re-delivering an event the bridge did not accept (default 1000). */
        redeliveryDelayMs: intFrom(1).default(1000),
        /** Item codes the warehouse knows; empty means every SKU is known (default empty). */
        knownSkus: z.array(z.string().min(1)).default([])
    })
    .strict();
export type SandboxWmsConfig = z.infer<typeof sandboxWmsSection>;

/** A generic REST WMS: templates for each call, response paths, and how events arrive. */
export const restWmsSection = z
    .object({
        ...restClientSection,
        submit: restEndpointSection,
        cancel: restEndpointSection,
        updateShipTo: restEndpointSection,
        responses: z
            .object({
                /** Path of the WMS order number in the submit response (default orderNumber). */
                orderNumber: z.string().min(1).default('orderNumber'),
                /** Path of a field that is true when the order is accepted (default: any 2xx means accepted). */
                accepted: z.string().min(1).optional(),
                /** Path of the reason when the order is not accepted (default reason). */
                reason: z.string().min(1).default('reason')
            })
            .strict()
            .default({ orderNumber: 'orderNumber', reason: 'reason' }),
        /** HTTP status the vendor uses for "already picked, cannot change" (default 409). */
        tooLateStatus: intFrom(400, 499).default(409),
        /** Path of the stage in a too-late response body (default stage). */
        tooLateStagePath: z.string().default('stage'),
        webhook: z
            .object({
                /** HMAC-SHA256 key for inbound webhooks; set in the environment. */
                signingKey: z.string().min(16).describe('secret').optional(),
                signatureHeader: z.string().default('X-Signature'),
                timestampHeader: z.string().default('X-Timestamp'),
                /** Allowed clock difference and replay window, in seconds (default 300). */
                toleranceSeconds: intFrom(1, 3600).default(300),
                /** Mount path on the bridge's HTTP server (default /webhooks/wms). */
                path: z.string().startsWith('/').default('/webhooks/wms')
            })
            .strict()
            .default({ signatureHeader: 'X-Signature', timestampHeader: 'X-Timestamp', toleranceSeconds: 300, path: '/webhooks/wms' }),
        polling: z
            .object({
                enabled: bool().default(false),
                /** Events feed path; `{{cursor}}` is replaced by the checkpointed cursor. */
                path: z.string().default('/events?after={{cursor}}'),
                intervalMs: intFrom(1000).default(30_000),
                /** Response paths: the events list and the next cursor. */
                eventsPath: z.string().default('events'),
                cursorPath: z.string().default('nextCursor')
            })
            .strict()
            .default({ enabled: false, path: '/events?after={{cursor}}', intervalMs: 30_000, eventsPath: 'events', cursorPath: 'nextCursor' })
    })
    .strict();
export type RestWmsConfig = z.infer<typeof restWmsSection>;

export const wmsAdapterSection = z
    .object({
        kind: z.enum(['sandbox', 'rest']).default('sandbox'),
        /** Mapping file (YAML/JSON) layered over the built-in tables; none = defaults only. */
        mappingFile: z.string().min(1).optional(),
        sandbox: sandboxWmsSection.default(sandboxWmsSection.parse({})),
        rest: restWmsSection.optional()
    })
    .strict()
    .refine((v) => v.kind !== 'rest' || v.rest !== undefined, {
        message: 'adapters.wms.rest is required when adapters.wms.kind is rest',
        path: ['rest']
    });
export type WmsAdapterConfig = z.infer<typeof wmsAdapterSection>;
