import { SandboxWmsAdapter } from '../../bridge/src/adapters/wms/sandbox/sandbox-wms-adapter.ts';
import { sandboxWmsSection } from '../../bridge/src/config/sections/adapters-wms.ts';
import { defaultMappingConfig } from '../../bridge/src/mappings/mapping-loader.ts';
import { KNOWN_SKUS } from './contract-fixtures.ts';
import { wmsAdapterContract } from './wms-adapter.contract.ts';

wmsAdapterContract('sandbox', async () => {
    const adapter = new SandboxWmsAdapter({
        config: sandboxWmsSection.parse({
            autoProgress: false,
            transientFailureRate: 0,
            rejectionRate: 0,
            shortPickRate: 0,
            splitShipmentRate: 0,
            knownSkus: KNOWN_SKUS
        }),
        mapping: defaultMappingConfig()
    });
    return {
        adapter,
        advanceTo: async (id, stage) => {
            adapter.warehouse.advanceTo(id, stage);
        },
        plan: async (id, plan) => adapter.warehouse.setPlan(id, plan),
        failNext: (fault) => adapter.faults.failNext(fault),
        vendorOrderCount: () => adapter.warehouse.size,
        settle: () => adapter.idle(),
        close: () => adapter.close()
    };
});
