/**
 * The behaviour every ErpAdapter must show: one document per idempotency key, the ERP's own document
 * number and status back, business refusals (unknown customer, closed period, unknown item) as
 * permanent errors, vendor trouble (timeout, 503, 429) as transient, and a status lookup that agrees
 * with the posting.
 */
import { expect } from 'chai';
import { PermanentAdapterError, TransientAdapterError } from '../../bridge/src/adapters/adapter-error.ts';
import type { ErpAdapter } from '../../bridge/src/adapters/erp-adapter.ts';
import { erpPostingResultSchema } from '../../bridge/src/model/index.ts';
import { contractCreditMemo, contractInvoice } from './contract-fixtures.ts';
import type { ContractFault } from './wms-adapter.contract.ts';

export interface ErpContractHarness {
    adapter: ErpAdapter;
    failNext(fault: ContractFault): void;
    /** A customer reference the ERP does not know. */
    unknownCustomer: string;
    /** A date inside a closed accounting period. */
    closedPeriodDate: string;
    /** Documents the ERP holds. */
    documentCount(): number;
    close(): Promise<void>;
}

const opts = (key: string) => ({ idempotencyKey: key, correlationId: `corr-${key}` });

async function failure(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
        () => {
            throw new Error('expected the call to fail');
        },
        (err: unknown) => err
    );
}

export function erpAdapterContract(label: string, makeHarness: () => Promise<ErpContractHarness>): void {
    describe(`ErpAdapter contract: ${label}`, function () {
        let harness: ErpContractHarness;

        beforeEach(async () => {
            harness = await makeHarness();
            await harness.adapter.start();
        });
        afterEach(() => harness.close());

        it('posts an invoice and returns the ERP document number and status', async () => {
            const invoice = contractInvoice();
            const result = await harness.adapter.postInvoice(invoice, opts(`i-${invoice.id}`));
            expect(erpPostingResultSchema.safeParse(result).success, JSON.stringify(result)).to.equal(true);
            expect(result).to.include({ sourceId: invoice.id, documentType: 'invoice' });
            expect(result.status).to.be.oneOf(['posted', 'pending']);
            expect(result.documentNumber).to.be.a('string').and.not.equal('');
        });

        it('posts a credit memo with its own document number', async () => {
            const invoice = contractInvoice();
            const memo = contractCreditMemo({ invoiceId: invoice.id });
            const posted = await harness.adapter.postInvoice(invoice, opts(`i-${invoice.id}`));
            const credited = await harness.adapter.postCreditMemo(memo, opts(`m-${memo.id}`));
            expect(credited).to.include({ sourceId: memo.id, documentType: 'credit_memo' });
            expect(credited.documentNumber).to.not.equal(posted.documentNumber);
            expect(harness.documentCount()).to.equal(2);
        });

        it('returns the first result for a repeated key and books no second document', async () => {
            const invoice = contractInvoice();
            const first = await harness.adapter.postInvoice(invoice, opts(`i-${invoice.id}`));
            const again = await harness.adapter.postInvoice(invoice, opts(`i-${invoice.id}`));
            const [x, y] = await Promise.all([
                harness.adapter.postInvoice(invoice, opts(`i-${invoice.id}`)),
                harness.adapter.postInvoice(invoice, opts(`i-${invoice.id}`))
            ]);
            for (const r of [again, x, y]) expect(r.documentNumber).to.equal(first.documentNumber);
            expect(harness.documentCount()).to.equal(1);
        });

        it('refuses an unknown customer permanently', async () => {
            const invoice = contractInvoice({ customerRef: harness.unknownCustomer });
            const error = await failure(harness.adapter.postInvoice(invoice, opts(`i-${invoice.id}`)));
            expect(error).to.be.instanceOf(PermanentAdapterError);
            expect((error as PermanentAdapterError).code).to.equal('unknown_customer');
            expect(harness.documentCount()).to.equal(0);
        });

        it('refuses a document dated in a closed period permanently', async () => {
            const memo = contractCreditMemo({ creditDate: harness.closedPeriodDate });
            const error = await failure(harness.adapter.postCreditMemo(memo, opts(`m-${memo.id}`)));
            expect(error).to.be.instanceOf(PermanentAdapterError);
            expect((error as PermanentAdapterError).code).to.equal('closed_period');
        });

        it('refuses an unknown item permanently', async () => {
            const invoice = contractInvoice();
            invoice.lines = [{ ...invoice.lines[0], sku: 'SKU-DOES-NOT-EXIST' }];
            const error = await failure(harness.adapter.postInvoice(invoice, opts(`i-${invoice.id}`)));
            expect(error).to.be.instanceOf(PermanentAdapterError);
            expect((error as PermanentAdapterError).code).to.equal('unknown_sku');
        });

        for (const fault of ['timeout', 'unavailable', 'rate_limited'] as const) {
            it(`classifies a ${fault} as transient; the retry with the same key books one document`, async () => {
                const invoice = contractInvoice();
                harness.failNext(fault);
                const error = await failure(harness.adapter.postInvoice(invoice, opts(`i-${invoice.id}`)));
                expect(error).to.be.instanceOf(TransientAdapterError);
                expect((error as TransientAdapterError).code).to.equal(fault);
                if (fault === 'rate_limited') expect((error as TransientAdapterError).retryAfterMs).to.be.greaterThan(0);
                const result = await harness.adapter.postInvoice(invoice, opts(`i-${invoice.id}`));
                expect(result.documentNumber).to.be.a('string');
                expect(harness.documentCount()).to.equal(1);
            });
        }

        it('reports the posting status of a posted document, and nothing for an unknown one', async () => {
            const invoice = contractInvoice();
            const posted = await harness.adapter.postInvoice(invoice, opts(`i-${invoice.id}`));
            const status = await harness.adapter.getPostingStatus({ documentType: 'invoice', sourceId: invoice.id, documentNumber: posted.documentNumber });
            expect(status?.documentNumber).to.equal(posted.documentNumber);
            expect(status?.status).to.be.oneOf(['posted', 'pending']);
            expect(await harness.adapter.getPostingStatus({ documentType: 'invoice', sourceId: '3ttNEVERPOSTED' })).to.equal(undefined);
        });
    });
}
