import { z } from 'zod';
import { intFrom, numberFrom } from './types.ts';
import { restClientSection, restEndpointSection } from './adapters-http.ts';

/** The embedded sandbox ERP. */
export const sandboxErpSection = z
    .object({
        seed: intFrom(0).default(11),
        /** Time from acceptance to booked (`pending` → `posted`), in ms (default 500; 0 posts at once). */
        postingDelayMs: intFrom(0).default(500),
        /** Share of calls failing with a transient error (default 0.02). */
        transientFailureRate: numberFrom(0, 1).default(0.02),
        /** Customers the ERP does not know: posting for them is refused (default ["UNKNOWN-CUSTOMER"]). */
        unknownCustomers: z.array(z.string().min(1)).default(['UNKNOWN-CUSTOMER']),
        /** Closed accounting periods as YYYY-MM: documents dated in them are refused (default none). */
        closedPeriods: z.array(z.string().regex(/^\d{4}-\d{2}$/, 'expected YYYY-MM')).default([]),
        /** Item codes the ERP knows; empty means every SKU is known (default empty). */
        knownSkus: z.array(z.string().min(1)).default([])
    })
    .strict();
export type SandboxErpConfig = z.infer<typeof sandboxErpSection>;

export const restErpSection = z
    .object({
        ...restClientSection,
        postInvoice: restEndpointSection,
        postCreditMemo: restEndpointSection,
        /** Status lookup; `{{sourceId}}`, `{{documentType}}` and `{{documentNumber}}` are available. */
        getStatus: restEndpointSection,
        responses: z
            .object({
                documentNumber: z.string().min(1).default('documentNumber'),
                status: z.string().min(1).default('status'),
                message: z.string().min(1).default('message'),
                /** Path of the vendor's error code in an error body (default error.code). */
                errorCode: z.string().min(1).default('error.code'),
                /** Vendor status values → our posting status (default: posted/pending/rejected map to themselves). */
                statusValues: z.record(z.string(), z.enum(['pending', 'posted', 'rejected'])).default({})
            })
            .strict()
            .default({ documentNumber: 'documentNumber', status: 'status', message: 'message', errorCode: 'error.code', statusValues: {} }),
        /** Vendor error codes → our permanent error codes. */
        errorCodes: z
            .record(z.string(), z.enum(['unknown_customer', 'unknown_sku', 'closed_period', 'invalid_request', 'rejected']))
            .default({})
    })
    .strict();
export type RestErpConfig = z.infer<typeof restErpSection>;

export const erpAdapterSection = z
    .object({
        kind: z.enum(['sandbox', 'rest']).default('sandbox'),
        sandbox: sandboxErpSection.default(sandboxErpSection.parse({})),
        rest: restErpSection.optional()
    })
    .strict()
    .refine((v) => v.kind !== 'rest' || v.rest !== undefined, {
        message: 'adapters.erp.rest is required when adapters.erp.kind is rest',
        path: ['rest']
    });
export type ErpAdapterConfig = z.infer<typeof erpAdapterSection>;
