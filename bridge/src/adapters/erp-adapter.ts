/**
 * The accounting side of the bridge. Every ERP integration (sandbox, generic REST, NetSuite, SAP
 * S/4HANA OData) implements this; test/contract/erp-adapter.contract.ts is the behaviour each must show.
 * Posting is idempotent on `idempotencyKey`: the same key twice returns the first document, never a second.
 */
import type { CreditMemo, ErpPostingResult, Invoice } from '../model/index.ts';
import type { EffectOptions } from './effect-options.ts';

export type { EffectOptions } from './effect-options.ts';

/** Identifies a posted (or attempted) document. */
export interface ErpDocumentRef {
    documentType: 'invoice' | 'credit_memo';
    /** Our invoice or credit memo ID. */
    sourceId: string;
    /** The ERP number when known (some ERPs look documents up by it only). */
    documentNumber?: string;
}

export interface ErpAdapter {
    readonly name: string;
    /**
     * Posts an invoice. Resolves with `posted` or `pending` (async posting; poll getPostingStatus).
     * Business refusals (unknown customer, closed period, unknown SKU) throw PermanentAdapterError;
     * timeouts, 5xx and 429 throw TransientAdapterError.
     */
    postInvoice(invoice: Invoice, options: EffectOptions): Promise<ErpPostingResult>;
    postCreditMemo(creditMemo: CreditMemo, options: EffectOptions): Promise<ErpPostingResult>;
    /** Current state of a document; undefined when the ERP has never seen it. */
    getPostingStatus(ref: ErpDocumentRef, options?: { signal?: AbortSignal }): Promise<ErpPostingResult | undefined>;
    start(): Promise<void>;
    close(): Promise<void>;
}
