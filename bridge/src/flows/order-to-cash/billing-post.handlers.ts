/**
 * `erp.post-invoice` and `erp.post-credit-memo`: post a SOM billing document to the ERP with the job's
 * idempotency key, then write the ERP document number and posting status back. A document that already
 * carries an ERP number was posted before and is left alone.
 */
import { PermanentError, TransientError } from '../../errors/index.ts';
import type { ErpDocumentRef } from '../../adapters/erp-adapter.ts';
import type { ErpPostingResult } from '../../model/index.ts';
import { creditMemoFromSalesforce, invoiceFromSalesforce } from '../../mappings/salesforce/billing-from-salesforce.ts';
import type { JobHandler } from '../../queue/job-handler.ts';
import type { SfRecord } from '../../salesforce/som/som-client.ts';
import { callAdapter } from './adapter-failure.ts';
import type { OrderToCashDeps } from './order-to-cash-deps.ts';
import { assertWritten } from './writeback-result.ts';

const POSTING_STATUS = { posted: 'Posted', pending: 'Pending', rejected: 'Rejected' } as const;

async function writePosting(deps: OrderToCashDeps, objectName: 'Invoice' | 'CreditMemo', id: string, result: ErpPostingResult) {
    const fields: Record<string, unknown> & { Id: string } = { Id: id, ERP_Posting_Status__c: POSTING_STATUS[result.status] };
    if (result.documentNumber) fields.ERP_Document_Number__c = result.documentNumber;
    if (result.status === 'posted') fields.ERP_Posting_Date__c = (result.postedAt ?? new Date().toISOString()).slice(0, 10);
    assertWritten(await deps.writer.update(objectName, fields), `the ERP posting of ${objectName} ${id}`);
}

function alreadyPosted(record: SfRecord): boolean {
    return typeof record.ERP_Document_Number__c === 'string' && record.ERP_Posting_Status__c === 'Posted';
}

async function settle(deps: OrderToCashDeps, objectName: 'Invoice' | 'CreditMemo', id: string, result: ErpPostingResult) {
    await writePosting(deps, objectName, id, result);
    if (result.status === 'rejected') {
        throw new PermanentError('REJECTED', `The ERP rejected ${objectName} ${id}: ${result.message ?? 'no reason given'}`, { context: { recordId: id } });
    }
}

const PENDING_CHECKS_MS = [250, 500, 1000, 2000, 4000];

/**
 * Posts once, then follows an asynchronous posting through `getPostingStatus` for a few seconds. A
 * document still pending after that retries later through the queue; a retry asks for the status
 * first, so the same document is never posted twice.
 */
async function postAndFollow(
    deps: OrderToCashDeps,
    ref: ErpDocumentRef,
    post: () => Promise<ErpPostingResult>,
    signal: AbortSignal
): Promise<ErpPostingResult> {
    let result = (await callAdapter(ref.sourceId, () => deps.erp.getPostingStatus(ref, { signal }))) ?? (await callAdapter(ref.sourceId, post));
    for (const wait of PENDING_CHECKS_MS) {
        if (result.status !== 'pending' || signal.aborted) break;
        await new Promise((resolve) => setTimeout(resolve, wait));
        result = (await callAdapter(ref.sourceId, () => deps.erp.getPostingStatus({ ...ref, documentNumber: result.documentNumber }, { signal }))) ?? result;
    }
    if (result.status === 'pending') {
        throw new TransientError('UNAVAILABLE', `The ERP is still posting ${ref.documentType} ${ref.sourceId}`, { context: { recordId: ref.sourceId }, retryAfterMs: 5000 });
    }
    return result;
}

export function invoicePostHandler(deps: OrderToCashDeps): JobHandler<'erp.post-invoice'> {
    return async (_job, ctx) => {
        const id = ctx.payload.invoiceId;
        const record = await deps.som.getInvoice(id);
        if (!record) throw new PermanentError('NOT_FOUND', `Invoice ${id} does not exist in Salesforce`, { context: { recordId: id } });
        if (alreadyPosted(record)) return { documentNumber: record.ERP_Document_Number__c, skipped: 'already posted' };
        const mapped = invoiceFromSalesforce(record, deps.mapping, { correlationId: ctx.correlationId });
        if (!mapped.ok) {
            throw new PermanentError('MAPPING_FAILED', `Invoice ${id} cannot be posted: ${mapped.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { context: { recordId: id } });
        }
        const effect = { idempotencyKey: ctx.idempotencyKey, correlationId: ctx.correlationId, signal: ctx.signal };
        const result = await postAndFollow(deps, { documentType: 'invoice', sourceId: id }, () => deps.erp.postInvoice(mapped.value, effect), ctx.signal);
        await settle(deps, 'Invoice', id, result);
        deps.progress?.milestone('invoice-posted', { orderSummaryId: ctx.payload.orderSummaryId });
        return { documentNumber: result.documentNumber };
    };
}

export function creditMemoPostHandler(deps: OrderToCashDeps): JobHandler<'erp.post-credit-memo'> {
    return async (_job, ctx) => {
        const id = ctx.payload.creditMemoId;
        const record = await deps.som.getCreditMemo(id);
        if (!record) throw new PermanentError('NOT_FOUND', `CreditMemo ${id} does not exist in Salesforce`, { context: { recordId: id } });
        if (alreadyPosted(record)) return { documentNumber: record.ERP_Document_Number__c, skipped: 'already posted' };
        const mapped = creditMemoFromSalesforce(record, deps.mapping, { correlationId: ctx.correlationId });
        if (!mapped.ok) {
            throw new PermanentError('MAPPING_FAILED', `CreditMemo ${id} cannot be posted: ${mapped.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { context: { recordId: id } });
        }
        const effect = { idempotencyKey: ctx.idempotencyKey, correlationId: ctx.correlationId, signal: ctx.signal };
        const result = await postAndFollow(deps, { documentType: 'credit_memo', sourceId: id }, () => deps.erp.postCreditMemo(mapped.value, effect), ctx.signal);
        await settle(deps, 'CreditMemo', id, result);
        deps.progress?.milestone('credit-memo-posted', { orderSummaryId: ctx.payload.orderSummaryId });
        return { documentNumber: result.documentNumber };
    };
}
