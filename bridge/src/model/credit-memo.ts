import { z } from 'zod';
import { currencyCode, isoDate, money, text } from './common.ts';
import { billingLineSchema } from './invoice.ts';

/** A credit memo (refund, cancellation after capture, return) to be posted to the ERP. */
export const creditMemoSchema = z.object({
    id: text(),
    number: text(),
    orderSummaryId: text(),
    customerRef: text(),
    currency: currencyCode,
    creditDate: isoDate,
    /** The invoice it credits, when known. */
    invoiceId: text().optional(),
    reason: text().optional(),
    lines: z.array(billingLineSchema).min(1),
    totalAmount: money,
    totalTax: money,
    totalWithTax: money,
    correlationId: text()
});
export type CreditMemo = z.infer<typeof creditMemoSchema>;
