import { z } from 'zod';
import { currencyCode, isoDate, money, positiveQuantity, text } from './common.ts';

/** A billed line; `sku` lets the ERP find its item, `taxAmount` is already computed by the source. */
export const billingLineSchema = z.object({
    id: text(),
    sku: text().optional(),
    description: text(),
    quantity: positiveQuantity,
    unitPrice: money,
    amount: money,
    taxAmount: money.default(0),
    kind: z.enum(['product', 'charge', 'adjustment']).default('product')
});
export type BillingLine = z.infer<typeof billingLineSchema>;

/** An invoice created in the order system, to be posted to the ERP as an accounting document. */
export const invoiceSchema = z.object({
    id: text(),
    number: text(),
    orderSummaryId: text(),
    /** Customer account, already cross-referenced to the ERP's customer number when a table exists. */
    customerRef: text(),
    currency: currencyCode,
    invoiceDate: isoDate,
    dueDate: isoDate.optional(),
    lines: z.array(billingLineSchema).min(1),
    totalAmount: money,
    totalTax: money,
    totalWithTax: money,
    correlationId: text()
});
export type Invoice = z.infer<typeof invoiceSchema>;
