/**
 * Builds the Invoice for a FulfillmentOrder inside a transaction: one InvoiceLine per line item, posted with
 * the full amount as Balance, linked through FulfillmentOrder.InvoiceId. Shared by the create-invoice action
 * and the seed data, so seeded invoices look exactly like ones the action makes.
 */
import type { SObjectRecord, TransactionApi } from '../contracts.ts';
import { isoDate, isoDateTime } from './dates.ts';
import { num, roundMoney } from './som-records.ts';

export function buildInvoice(
    tx: TransactionApi,
    fulfillmentOrder: SObjectRecord,
    lines: SObjectRecord[],
    orderSummary: SObjectRecord | undefined,
    now: Date
): string {
    const totalAmount = roundMoney(lines.reduce((sum, line) => sum + num(line, 'TotalPrice'), 0));
    const totalTax = roundMoney(lines.reduce((sum, line) => sum + num(line, 'TotalTaxAmount'), 0));
    const invoice = tx.insert('Invoice', {
        ReferenceEntityId: orderSummary?.Id ?? null,
        BillingAccountId: fulfillmentOrder.AccountId ?? orderSummary?.AccountId ?? null,
        InvoiceDate: isoDate(now),
        DueDate: isoDate(new Date(now.getTime() + 30 * 86_400_000)),
        PostedDate: isoDateTime(now),
        Status: 'Posted',
        TaxLocaleType: 'Net',
        TotalChargeAmount: totalAmount,
        TotalAdjustmentAmount: 0,
        TotalAmount: totalAmount,
        TotalTaxAmount: totalTax,
        TotalAmountWithTax: roundMoney(totalAmount + totalTax),
        Balance: roundMoney(totalAmount + totalTax)
    });
    for (const line of lines) {
        const amount = num(line, 'TotalPrice');
        const tax = num(line, 'TotalTaxAmount');
        tx.insert('InvoiceLine', {
            InvoiceId: invoice.Id,
            Product2Id: line.Product2Id ?? null,
            ReferenceEntityItemId: line.OrderItemSummaryId ?? null,
            ReferenceEntityItemType: 'Order Product',
            ReferenceEntityItemTypeCode: 'Product',
            Type: 'Charge',
            Quantity: num(line, 'Quantity'),
            UnitPrice: num(line, 'UnitPrice'),
            LineAmount: amount,
            ChargeAmount: amount,
            ChargeTaxAmount: tax,
            ChargeAmountWithTax: roundMoney(amount + tax),
            TaxAmount: tax,
            AdjustmentAmount: 0
        });
    }
    tx.update('FulfillmentOrder', fulfillmentOrder.Id, { InvoiceId: invoice.Id });
    return invoice.Id;
}
