import { z } from 'zod';
import { isoDateTime, text } from './common.ts';

/** The warehouse took (or refused) a fulfilment order and gave it its own order number. */
export const wmsAcknowledgementSchema = z.object({
    fulfillmentOrderId: text(),
    wmsOrderNumber: text(),
    accepted: z.boolean(),
    reason: text().optional(),
    acknowledgedAt: isoDateTime
});
export type WmsAcknowledgement = z.infer<typeof wmsAcknowledgementSchema>;

/** Posting states shared by every ERP: `pending` means accepted but not yet booked (async posting). */
export const postingStatusSchema = z.enum(['pending', 'posted', 'rejected']);
export type PostingStatus = z.infer<typeof postingStatusSchema>;

/** What the ERP made of an invoice or credit memo. */
export const erpPostingResultSchema = z.object({
    /** Our document: the invoice or credit memo ID it was posted for. */
    sourceId: text(),
    documentType: z.enum(['invoice', 'credit_memo']),
    /** The ERP's own document number (absent only while pending without one). */
    documentNumber: text().optional(),
    status: postingStatusSchema,
    message: text().optional(),
    postedAt: isoDateTime.optional()
});
export type ErpPostingResult = z.infer<typeof erpPostingResultSchema>;
