/**
 * Salesforce Invoice (with InvoiceLines) and CreditMemo (with CreditMemoLines) → canonical documents
 * for the ERP. The customer is the billing account, cross-referenced through the customers table.
 */
import {
    creditMemoSchema,
    invoiceSchema,
    type BillingLine,
    type CreditMemo,
    type Invoice
} from '../../model/index.ts';
import { crossReference } from '../cross-reference.ts';
import { parseIsoDate } from '../dates.ts';
import type { MappingConfig } from '../mapping-config.ts';
import { failed, ProblemList, problemsFromIssues, type MappingResult } from '../mapping-result.ts';
import { isRecord, RecordReader } from '../record-reader.ts';

export interface BillingMappingContext {
    correlationId?: string;
    /** Currency when the org is single-currency (no CurrencyIsoCode field); default USD. */
    defaultCurrency?: string;
}

function isoDay(reader: RecordReader, field: string, required: boolean): string | undefined {
    const raw = required ? reader.string(field, true) : reader.string(field);
    if (raw === undefined) return undefined;
    const date = parseIsoDate(raw);
    if (!date) reader.problem(field, `"${raw}" is not an ISO date`);
    return date?.toISOString().slice(0, 10);
}

function mapLines(doc: RecordReader, relationship: string, config: MappingConfig): BillingLine[] {
    return doc.children(relationship, true).flatMap((line): BillingLine[] => {
        const id = line.string('Id', true);
        const product = line.related('Product2');
        const sourceSku = product?.string('StockKeepingUnit') ?? product?.string('ProductCode');
        const sku = sourceSku !== undefined ? crossReference('skus', sourceSku, config) : undefined;
        if (sourceSku !== undefined && sku === undefined) line.problem('Product2.StockKeepingUnit', `"${sourceSku}" has no entry in the skus table`);
        const quantity = line.number('Quantity') ?? 1;
        const amount = line.number('LineAmount') ?? line.number('ChargeAmount', true);
        const unitPrice = line.number('UnitPrice') ?? (amount !== undefined ? amount / quantity : undefined);
        const taxAmount = line.number('TaxAmount') ?? line.number('ChargeTaxAmount') ?? 0;
        const type = line.string('Type');
        const kind = type === 'Charge' || type === 'DeliveryCharge' ? 'charge' : type === 'Adjustment' ? 'adjustment' : 'product';
        const description = product?.string('Name') ?? line.string('Name') ?? type ?? 'line';
        if (quantity <= 0) line.problem('Quantity', `must be positive, got ${quantity}`);
        if (!id || amount === undefined || unitPrice === undefined) return [];
        return [{ id, sku, description, quantity: Math.abs(quantity), unitPrice, amount, taxAmount, kind }];
    });
}

function header(record: unknown, config: MappingConfig, context: BillingMappingContext) {
    const problems = new ProblemList();
    const doc = new RecordReader(isRecord(record) ? record : {}, problems);
    if (!isRecord(record)) problems.add('(root)', 'expected a record object');
    const id = doc.string('Id', true);
    const orderSummaryId = doc.string('ReferenceEntityId', true);
    const account = doc.string('BillingAccountId', true);
    const customerRef = account !== undefined ? crossReference('customers', account, config) : undefined;
    if (account !== undefined && !customerRef) doc.problem('BillingAccountId', `${account} has no entry in the customers table`);
    const currency = doc.string('CurrencyIsoCode') ?? context.defaultCurrency ?? 'USD';
    const totalAmount = doc.number('TotalAmount', true);
    const totalTax = doc.number('TotalTaxAmount') ?? 0;
    const totalWithTax = doc.number('TotalAmountWithTax') ?? (totalAmount !== undefined ? totalAmount + totalTax : undefined);
    return { problems, doc, id, orderSummaryId, customerRef, currency, totalAmount, totalTax, totalWithTax, correlationId: context.correlationId ?? `doc-${id}` };
}

export function invoiceFromSalesforce(record: unknown, config: MappingConfig, context: BillingMappingContext = {}): MappingResult<Invoice> {
    const h = header(record, config, context);
    const number = h.doc.string('DocumentNumber') ?? h.doc.string('InvoiceNumber', true);
    const invoiceDate = isoDay(h.doc, 'InvoiceDate', true);
    const dueDate = isoDay(h.doc, 'DueDate', false);
    const lines = mapLines(h.doc, 'InvoiceLines', config);
    if (!h.problems.empty) return failed(h.problems.problems);
    const { problems: _p, doc: _d, ...rest } = h;
    const parsed = invoiceSchema.safeParse({ ...rest, number, invoiceDate, dueDate, lines });
    return parsed.success ? { ok: true, value: parsed.data } : failed(problemsFromIssues(parsed.error.issues, '(model)'));
}

export function creditMemoFromSalesforce(record: unknown, config: MappingConfig, context: BillingMappingContext = {}): MappingResult<CreditMemo> {
    const h = header(record, config, context);
    const number = h.doc.string('DocumentNumber') ?? h.doc.string('CreditMemoNumber', true);
    const creditDate = isoDay(h.doc, 'CreditDate', true);
    const lines = mapLines(h.doc, 'CreditMemoLines', config);
    if (!h.problems.empty) return failed(h.problems.problems);
    const { problems: _p, doc: _d, ...rest } = h;
    const parsed = creditMemoSchema.safeParse({ ...rest, number, creditDate, lines });
    return parsed.success ? { ok: true, value: parsed.data } : failed(problemsFromIssues(parsed.error.issues, '(model)'));
}
