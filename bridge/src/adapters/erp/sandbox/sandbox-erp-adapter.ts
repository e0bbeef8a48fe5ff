/**
 * The embedded sandbox ERP: books invoices and credit memos with its own document numbers, posts them
 * after a configurable delay (pending → posted), refuses unknown customers, closed periods and unknown
 * items the way an ERP does (permanently), fails transiently now and then, and never books a source
 * document twice, whatever the idempotency key.
 */
import type { SandboxErpConfig } from '../../../config/sections/adapters-erp.ts';
import type { CreditMemo, ErpPostingResult, Invoice } from '../../../model/index.ts';
import { PermanentAdapterError, type AdapterErrorContext } from '../../adapter-error.ts';
import type { EffectOptions, ErpAdapter, ErpDocumentRef } from '../../erp-adapter.ts';
import { IdempotencyLedger } from '../../idempotency-ledger.ts';
import { SandboxFaults, transientFault } from '../../sandbox-faults.ts';
import { SandboxLedgerBook } from './sandbox-ledger-book.ts';

export interface SandboxErpOptions {
    config: SandboxErpConfig;
    now?: () => Date;
}

type Document = (Invoice | CreditMemo) & { lines: { sku?: string }[] };

export class SandboxErpAdapter implements ErpAdapter {
    readonly name = 'sandbox-erp';
    readonly faults: SandboxFaults;
    readonly book = new SandboxLedgerBook();
    private readonly ledger = new IdempotencyLedger();
    private readonly unknownCustomers: Set<string>;
    private readonly closedPeriods: Set<string>;
    private readonly now: () => Date;

    constructor(private readonly options: SandboxErpOptions) {
        this.now = options.now ?? (() => new Date());
        this.faults = new SandboxFaults(options.config.seed, options.config.transientFailureRate);
        this.unknownCustomers = new Set(options.config.unknownCustomers);
        this.closedPeriods = new Set(options.config.closedPeriods);
    }

    async start(): Promise<void> {}
    async close(): Promise<void> {}

    /** Operator actions on the simulated ERP (the demo's "fix the cause, then retry"). */
    addCustomer(customerRef: string): void {
        this.unknownCustomers.delete(customerRef);
    }
    removeCustomer(customerRef: string): void {
        this.unknownCustomers.add(customerRef);
    }
    openPeriod(period: string): void {
        this.closedPeriods.delete(period);
    }
    closePeriod(period: string): void {
        this.closedPeriods.add(period);
    }

    postInvoice(invoice: Invoice, options: EffectOptions): Promise<ErpPostingResult> {
        return this.post('invoice', invoice, invoice.invoiceDate, options);
    }

    postCreditMemo(creditMemo: CreditMemo, options: EffectOptions): Promise<ErpPostingResult> {
        return this.post('credit_memo', creditMemo, creditMemo.creditDate, options);
    }

    async getPostingStatus(ref: ErpDocumentRef): Promise<ErpPostingResult | undefined> {
        const doc = this.book.find(ref.documentType, ref.sourceId);
        if (!doc || (ref.documentNumber && ref.documentNumber !== doc.documentNumber)) return undefined;
        return SandboxLedgerBook.result(doc, this.now().getTime());
    }

    private post(documentType: 'invoice' | 'credit_memo', doc: Document, date: string, options: EffectOptions): Promise<ErpPostingResult> {
        const context: AdapterErrorContext = {
            adapter: this.name,
            operation: documentType === 'invoice' ? 'postInvoice' : 'postCreditMemo',
            recordId: doc.id,
            idempotencyKey: options.idempotencyKey
        };
        return this.ledger.once(options.idempotencyKey, context, async () => {
            const fault = this.faults.next(options.idempotencyKey);
            if (fault && !fault.afterCommit) throw transientFault(fault, context);
            this.validate(doc, date, context);
            const nowMs = this.now().getTime();
            const booked = this.book.book(documentType, doc.id, nowMs, this.options.config.postingDelayMs);
            const result = SandboxLedgerBook.result(booked, nowMs);
            if (fault) {
                this.ledger.record(options.idempotencyKey, context.operation, result);
                throw transientFault(fault, context);
            }
            return result;
        });
    }

    private validate(doc: Document, date: string, context: AdapterErrorContext): void {
        if (this.book.find(context.operation === 'postInvoice' ? 'invoice' : 'credit_memo', doc.id)) return;
        if (this.unknownCustomers.has(doc.customerRef)) {
            throw new PermanentAdapterError('unknown_customer', `${this.name}: customer ${doc.customerRef} does not exist (document ${doc.number})`, context, {});
        }
        const period = date.slice(0, 7);
        if (this.closedPeriods.has(period)) {
            throw new PermanentAdapterError('closed_period', `${this.name}: accounting period ${period} is closed (document ${doc.number} dated ${date})`, context);
        }
        const known = this.options.config.knownSkus;
        const unknown = doc.lines.filter((l) => l.sku && known.length > 0 && !known.includes(l.sku));
        if (unknown.length) {
            throw new PermanentAdapterError('unknown_sku', `${this.name}: unknown item ${unknown.map((l) => l.sku).join(', ')} (document ${doc.number})`, context);
        }
    }
}
