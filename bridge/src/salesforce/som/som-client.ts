/**
 * Reads and actions on Salesforce Order Management that the order-to-cash flow needs, over REST and
 * Connect REST. Reads of fulfilment orders are coalesced: lookups made within a few milliseconds of
 * each other become one SOQL `IN` query, which is what keeps API calls per order near the minimum.
 */
import { fulfillmentOrderSoql } from '../../mappings/salesforce/fulfillment-order-query.ts';
import { PermanentError } from '../../errors/index.ts';
import type { SalesforceRestPort } from '../writeback/rest-port.ts';
import { ReadCoalescer } from './read-coalescer.ts';

export interface QueryResult<T> {
    totalSize: number;
    done: boolean;
    records: T[];
    nextRecordsUrl?: string;
}

export interface ConnectResult {
    success: boolean;
    errors?: { errorCode?: string; message: string }[];
    [key: string]: unknown;
}

export type SfRecord = Record<string, unknown> & { Id: string };

/** The invoice of a fulfilment order: made by this call, or found from before (with its open balance). */
export interface CreatedInvoice {
    invoiceId: string;
    created: boolean;
    /** Open balance of an invoice found from before (undefined when unknown). */
    balance?: number;
}

function invoiceSoql(ids: string[]): string {
    return (
        'SELECT Id, DocumentNumber, InvoiceNumber, ReferenceEntityId, BillingAccountId, InvoiceDate, DueDate, ' +
        'TotalAmount, TotalTaxAmount, TotalAmountWithTax, Status, Balance, ERP_Document_Number__c, ERP_Posting_Status__c, ' +
        '(SELECT Id, Quantity, UnitPrice, LineAmount, ChargeAmount, TaxAmount, Type, Product2.Name, Product2.StockKeepingUnit, Product2.ProductCode FROM InvoiceLines) ' +
        `FROM Invoice WHERE Id IN (${ids.map((id) => `'${id}'`).join(', ')})`
    );
}

const ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

function requireId(id: string, what: string): string {
    if (!ID.test(id)) throw new PermanentError('VALIDATION_FAILED', `${what} "${id}" is not a Salesforce record ID`);
    return id;
}

export class SomClient {
    private readonly fulfillmentOrders: ReadCoalescer<SfRecord>;
    private readonly invoices: ReadCoalescer<SfRecord>;

    constructor(
        private readonly rest: SalesforceRestPort,
        options: { coalesceWindowMs?: number } = {}
    ) {
        this.fulfillmentOrders = new ReadCoalescer((ids) => this.queryAll<SfRecord>(fulfillmentOrderSoql(ids)), {
            windowMs: options.coalesceWindowMs ?? 10,
            maxBatch: 200
        });
        this.invoices = new ReadCoalescer((ids) => this.queryAll<SfRecord>(invoiceSoql(ids)), {
            windowMs: options.coalesceWindowMs ?? 10,
            maxBatch: 200
        });
    }

    /** Runs a SOQL query and follows `nextRecordsUrl` until done. */
    async queryAll<T>(soql: string): Promise<T[]> {
        let page = await this.rest.request<QueryResult<T>>('GET', `/query?q=${encodeURIComponent(soql)}`);
        const records = [...page.records];
        while (!page.done && page.nextRecordsUrl) {
            const relative = page.nextRecordsUrl.replace(/^\/services\/data\/v\d+\.\d+/, '');
            page = await this.rest.request<QueryResult<T>>('GET', relative);
            records.push(...page.records);
        }
        return records;
    }

    /** A fulfilment order with its lines, delivery method and location (undefined when it does not exist). */
    getFulfillmentOrder(id: string): Promise<SfRecord | undefined> {
        return this.fulfillmentOrders.load(requireId(id, 'FulfillmentOrder ID'));
    }

    /** An invoice with its lines (coalesced with other invoice reads into one query). */
    getInvoice(id: string): Promise<SfRecord | undefined> {
        return this.invoices.load(requireId(id, 'Invoice ID'));
    }

    async getCreditMemo(id: string): Promise<SfRecord | undefined> {
        const [record] = await this.queryAll<SfRecord>(
            'SELECT Id, DocumentNumber, CreditMemoNumber, ReferenceEntityId, BillingAccountId, CreditDate, ' +
                'TotalAmount, TotalTaxAmount, TotalAmountWithTax, Status, ERP_Document_Number__c, ERP_Posting_Status__c, ' +
                '(SELECT Id, ChargeAmount, TaxAmount, Type, Product2.Name, Product2.StockKeepingUnit, Product2.ProductCode FROM CreditMemoLines) ' +
                `FROM CreditMemo WHERE Id = '${requireId(id, 'CreditMemo ID')}'`
        );
        return record;
    }

    /**
     * Connect `create-invoice` for a fulfilment order. On a repeat (a retried job, a repeated shipment
     * confirmation) it returns the invoice made before with its balance, so the caller does not ask
     * for funds that were already captured.
     */
    async createInvoice(fulfillmentOrderId: string): Promise<CreatedInvoice> {
        const foId = requireId(fulfillmentOrderId, 'FulfillmentOrder ID');
        const result = await this.connect(`/commerce/fulfillment/fulfillment-orders/${foId}/actions/create-invoice`, {});
        if (result.success && typeof result.invoiceId === 'string') return { invoiceId: result.invoiceId, created: true };
        const [fo] = await this.queryAll<{ InvoiceId?: string | null; Invoice?: { Balance?: number | null } | null }>(
            `SELECT InvoiceId, Invoice.Balance FROM FulfillmentOrder WHERE Id = '${foId}'`
        );
        if (fo?.InvoiceId) return { invoiceId: fo.InvoiceId, created: false, balance: fo.Invoice?.Balance ?? undefined };
        throw connectFailure('create-invoice', foId, result);
    }

    /** Connect `ensure-funds-async`: asks SOM to capture payment for the invoice. */
    async ensureFunds(orderSummaryId: string, invoiceId: string): Promise<string | undefined> {
        const osId = requireId(orderSummaryId, 'OrderSummary ID');
        const result = await this.connect(`/commerce/order-management/order-summaries/${osId}/async-actions/ensure-funds-async`, {
            invoiceId: requireId(invoiceId, 'Invoice ID')
        });
        if (!result.success) throw connectFailure('ensure-funds-async', osId, result);
        return typeof result.backgroundOperationId === 'string' ? result.backgroundOperationId : undefined;
    }

    /** Connect `cancel-item`: removes quantities the warehouse cannot ship from the fulfilment order. */
    async cancelItems(fulfillmentOrderId: string, lines: { fulfillmentOrderLineItemId: string; quantity: number }[]): Promise<void> {
        const foId = requireId(fulfillmentOrderId, 'FulfillmentOrder ID');
        const result = await this.connect(`/commerce/fulfillment/fulfillment-orders/${foId}/actions/cancel-item`, {
            fulfillmentOrderLineItemsToCancel: lines
        });
        if (!result.success) throw connectFailure('cancel-item', foId, result);
    }

    private connect(path: string, body: unknown): Promise<ConnectResult> {
        return this.rest.request<ConnectResult>('POST', path, body);
    }
}

function connectFailure(action: string, recordId: string, result: ConnectResult): PermanentError {
    const reasons = (result.errors ?? []).map((e) => `${e.errorCode ?? 'ERROR'}: ${e.message}`).join('; ') || 'no reason given';
    return new PermanentError('REJECTED', `Salesforce refused ${action} for ${recordId}: ${reasons}`, {
        context: { recordId, remoteCode: result.errors?.[0]?.errorCode }
    });
}
