import { SandboxErpAdapter } from '../../bridge/src/adapters/erp/sandbox/sandbox-erp-adapter.ts';
import { sandboxErpSection } from '../../bridge/src/config/sections/adapters-erp.ts';
import { KNOWN_SKUS } from './contract-fixtures.ts';
import { erpAdapterContract } from './erp-adapter.contract.ts';

erpAdapterContract('sandbox', async () => {
    const adapter = new SandboxErpAdapter({
        config: sandboxErpSection.parse({
            postingDelayMs: 0,
            transientFailureRate: 0,
            unknownCustomers: ['CUST-GHOST'],
            closedPeriods: ['2025-12'],
            knownSkus: KNOWN_SKUS
        })
    });
    return {
        adapter,
        failNext: (fault) => adapter.faults.failNext(fault),
        unknownCustomer: 'CUST-GHOST',
        closedPeriodDate: '2025-12-31',
        documentCount: () => adapter.book.size,
        close: () => adapter.close()
    };
});
