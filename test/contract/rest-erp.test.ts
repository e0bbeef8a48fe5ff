import { expect } from 'chai';
import { RestErpAdapter } from '../../bridge/src/adapters/erp/rest/rest-erp-adapter.ts';
import { restErpSection } from '../../bridge/src/config/sections/adapters-erp.ts';
import { contractInvoice, KNOWN_SKUS } from './contract-fixtures.ts';
import { erpAdapterContract } from './erp-adapter.contract.ts';
import { ERP_CLIENT_ID, ERP_CLIENT_SECRET, FakeRestErp } from './fake-vendors/fake-rest-erp.ts';

const documentBody = {
    sourceId: '{{document.id}}',
    number: '{{document.number}}',
    customer: '{{document.customerRef}}',
    currency: '{{document.currency}}',
    lines: { $each: 'document.lines', $template: { item: '{{item.sku?}}', qty: '{{item.quantity}}', amount: '{{item.amount}}' } }
};

function erpConfig(baseUrl: string) {
    return restErpSection.parse({
        baseUrl,
        timeoutMs: 300,
        auth: { type: 'oauth2', tokenUrl: `${baseUrl}/oauth/token`, clientId: ERP_CLIENT_ID, clientSecret: ERP_CLIENT_SECRET },
        postInvoice: { path: '/api/invoices', body: { ...documentBody, date: '{{document.invoiceDate}}' } },
        postCreditMemo: { path: '/api/credit-memos', body: { ...documentBody, date: '{{document.creditDate}}' } },
        getStatus: { method: 'GET', path: '/api/documents/{{documentType}}/{{sourceId}}' },
        responses: { documentNumber: 'data.docNo', status: 'data.state', statusValues: { POSTED: 'posted', IN_PROGRESS: 'pending' } },
        errorCodes: { CUSTOMER_NOT_FOUND: 'unknown_customer', PERIOD_CLOSED: 'closed_period', ITEM_NOT_FOUND: 'unknown_sku' }
    });
}

erpAdapterContract('generic REST (fake vendor, OAuth2)', async () => {
    const vendor = new FakeRestErp({ knownSkus: KNOWN_SKUS, unknownCustomer: 'CUST-GHOST', closedPeriod: '2025-12' });
    await vendor.http.start();
    const adapter = new RestErpAdapter(erpConfig(vendor.http.url));
    return {
        adapter,
        failNext: (fault) => vendor.http.failNext(fault),
        unknownCustomer: 'CUST-GHOST',
        closedPeriodDate: '2025-12-31',
        documentCount: () => vendor.documents.size,
        close: () => vendor.http.close()
    };
});

describe('adapters/erp/rest OAuth2 token handling', () => {
    it('fetches one token for many calls and never puts it or the client secret in an error', async () => {
        const vendor = new FakeRestErp({ knownSkus: KNOWN_SKUS, unknownCustomer: 'CUST-GHOST', closedPeriod: '2025-12' });
        await vendor.http.start();
        try {
            const adapter = new RestErpAdapter(erpConfig(vendor.http.url));
            for (let i = 0; i < 3; i++) {
                const invoice = contractInvoice();
                await adapter.postInvoice(invoice, { idempotencyKey: `k-${invoice.id}`, correlationId: 'c' });
            }
            expect(vendor.tokensIssued).to.equal(1);
            const error = (await adapter
                .postInvoice(contractInvoice({ customerRef: 'CUST-GHOST' }), { idempotencyKey: 'k-ghost', correlationId: 'c' })
                .catch((err: unknown) => err)) as Error;
            expect(error.message).to.contain('CUSTOMER_NOT_FOUND');
            expect(JSON.stringify({ ...error, text: error.message })).to.not.match(/tok-1|erp-client-secret/);
        } finally {
            await vendor.http.close();
        }
    });
});
