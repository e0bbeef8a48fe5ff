/**
 * A generic REST ERP: invoices and credit memos go out through configured endpoints with JSON body
 * templates over the canonical document (`{{document.number}}`, `{$each: "document.lines", ...}`);
 * the document number and status come back from configured response paths. Vendor error codes map to
 * our permanent codes through `errorCodes` (e.g. CUSTOMER_NOT_FOUND → unknown_customer).
 */
import type { RestErpConfig } from '../../../config/sections/adapters-erp.ts';
import type { CreditMemo, ErpPostingResult, Invoice, PostingStatus } from '../../../model/index.ts';
import { readPath } from '../../../mappings/template/json-template.ts';
import { PermanentAdapterError, type AdapterErrorCode, type AdapterErrorContext } from '../../adapter-error.ts';
import type { EffectOptions, ErpAdapter, ErpDocumentRef } from '../../erp-adapter.ts';
import { createAuthProvider, type AuthProvider } from '../../rest/rest-auth.ts';
import { callEndpoint, textAt } from '../../rest/rest-call.ts';
import { RestClient, type RestResponse } from '../../rest/rest-client.ts';

const STATUSES: readonly PostingStatus[] = ['pending', 'posted', 'rejected'];

export class RestErpAdapter implements ErpAdapter {
    readonly name = 'rest-erp';
    readonly auth: AuthProvider;
    private readonly client: RestClient;

    constructor(private readonly config: RestErpConfig) {
        this.auth = createAuthProvider(config.auth);
        this.client = new RestClient({ ...config, auth: this.auth });
    }

    async start(): Promise<void> {}
    async close(): Promise<void> {}

    postInvoice(invoice: Invoice, options: EffectOptions): Promise<ErpPostingResult> {
        return this.post('invoice', invoice, options);
    }

    postCreditMemo(creditMemo: CreditMemo, options: EffectOptions): Promise<ErpPostingResult> {
        return this.post('credit_memo', creditMemo, options);
    }

    async getPostingStatus(ref: ErpDocumentRef, options: { signal?: AbortSignal } = {}): Promise<ErpPostingResult | undefined> {
        const context: AdapterErrorContext = { adapter: this.name, operation: 'getPostingStatus', recordId: ref.sourceId };
        const response = await callEndpoint(this.client, this.config.getStatus, { ...ref }, context, options);
        if (response.status === 404) return undefined;
        if (response.status >= 300) throw this.refusal(response, context);
        return this.result(ref.documentType, ref.sourceId, response, context);
    }

    private async post(documentType: 'invoice' | 'credit_memo', document: Invoice | CreditMemo, options: EffectOptions): Promise<ErpPostingResult> {
        const operation = documentType === 'invoice' ? 'postInvoice' : 'postCreditMemo';
        const context: AdapterErrorContext = { adapter: this.name, operation, recordId: document.id, idempotencyKey: options.idempotencyKey };
        const endpoint = documentType === 'invoice' ? this.config.postInvoice : this.config.postCreditMemo;
        const response = await callEndpoint(this.client, endpoint, { document, documentType, ...options }, context, options);
        if (response.status >= 300) throw this.refusal(response, context);
        const result = this.result(documentType, document.id, response, context);
        if (result.status === 'rejected') {
            throw new PermanentAdapterError('rejected', `${this.name} ${operation}: document ${document.number} rejected${result.message ? `: ${result.message}` : ''}`, context);
        }
        return result;
    }

    private result(documentType: 'invoice' | 'credit_memo', sourceId: string, response: RestResponse, context: AdapterErrorContext): ErpPostingResult {
        const { responses } = this.config;
        const rawStatus = textAt(response.body, responses.status, readPath);
        const status = rawStatus === undefined ? undefined : (responses.statusValues[rawStatus] ?? (STATUSES.includes(rawStatus as PostingStatus) ? (rawStatus as PostingStatus) : undefined));
        if (!status) {
            throw new PermanentAdapterError('bad_response', `${this.name} ${context.operation}: status "${rawStatus ?? ''}" at ${responses.status} is not a known posting status`, context);
        }
        const documentNumber = textAt(response.body, responses.documentNumber, readPath);
        if (status === 'posted' && !documentNumber) {
            throw new PermanentAdapterError('bad_response', `${this.name} ${context.operation}: posted without ${responses.documentNumber}`, context);
        }
        const message = textAt(response.body, responses.message, readPath);
        return { sourceId, documentType, ...(documentNumber ? { documentNumber } : {}), status, ...(message ? { message } : {}) };
    }

    private refusal(response: RestResponse, context: AdapterErrorContext): PermanentAdapterError {
        const vendorCode = textAt(response.body, this.config.responses.errorCode, readPath);
        const mapped: AdapterErrorCode = (vendorCode && this.config.errorCodes[vendorCode]) || (response.status === 404 ? 'not_found' : 'invalid_request');
        const message = textAt(response.body, this.config.responses.message, readPath) ?? textAt(response.body, 'error.message', readPath);
        return new PermanentAdapterError(
            mapped,
            `${this.name} ${context.operation}: refused with ${response.status}${vendorCode ? ` ${vendorCode}` : ''}${message ? `: ${message.slice(0, 200)}` : ''}`,
            { ...context, vendorStatus: vendorCode ?? response.status }
        );
    }
}
