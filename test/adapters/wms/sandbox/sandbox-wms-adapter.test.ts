import { expect } from 'chai';
import { SandboxWmsAdapter } from '../../../../bridge/src/adapters/wms/sandbox/sandbox-wms-adapter.ts';
import { TransientAdapterError } from '../../../../bridge/src/adapters/adapter-error.ts';
import { sandboxWmsSection } from '../../../../bridge/src/config/sections/adapters-wms.ts';
import { defaultMappingConfig } from '../../../../bridge/src/mappings/mapping-loader.ts';
import type { WmsEvent } from '../../../../bridge/src/model/index.ts';
import { contractFulfillmentOrder } from '../../../contract/contract-fixtures.ts';

function sandbox(overrides: Record<string, unknown>) {
    return new SandboxWmsAdapter({
        config: sandboxWmsSection.parse({ ackDelayMs: 0, pickDelayMs: 0, packDelayMs: 0, shipDelayMs: 0, redeliveryDelayMs: 5, transientFailureRate: 0, rejectionRate: 0, ...overrides }),
        mapping: defaultMappingConfig()
    });
}

async function until(predicate: () => boolean): Promise<void> {
    while (!predicate()) await new Promise((r) => setTimeout(r, 5));
}

describe('adapters/wms/sandbox (automatic progress)', () => {
    it('runs an order through to shipment by itself, re-sending events the bridge refused', async () => {
        const adapter = sandbox({ shortPickRate: 0, splitShipmentRate: 0 });
        const events: WmsEvent[] = [];
        let refusals = 2;
        adapter.events.onEvent(async (event) => {
            if (refusals-- > 0) throw new Error('queue unavailable');
            events.push(event);
        });
        const fo = contractFulfillmentOrder();
        await adapter.submitFulfillmentOrder(fo, { idempotencyKey: 'k1', correlationId: 'c1' });
        await until(() => events.some((e) => e.type === 'shipped'));
        expect(events.map((e) => e.type)).to.deep.equal(['acknowledged', 'picked', 'packed', 'shipped']);
        await adapter.close();
    });

    it('decides short picks, splits and faults from the seed, the same way every run', async () => {
        const plans = (seed: number) => {
            const adapter = sandbox({ seed, autoProgress: false, shortPickRate: 0.5, splitShipmentRate: 0.5 });
            const fos = Array.from({ length: 20 }, (_, i) => contractFulfillmentOrder({ id: `0a3SEED${i}` }));
            return Promise.all(fos.map((fo) => adapter.submitFulfillmentOrder(fo, { idempotencyKey: fo.id, correlationId: 'c' }))).then(() =>
                fos.map((fo) => {
                    const plan = adapter.warehouse.get(fo.id)!.plan;
                    // Line IDs differ per run; compare which line was short.
                    return { parcels: plan.parcels, short: plan.shortLines.map((s) => fo.lines.findIndex((l) => l.id === s.lineRef)) };
                })
            );
        };
        const first = await plans(3);
        expect(await plans(3)).to.deep.equal(first);
        expect(first.some((p) => p.parcels === 2)).to.equal(true);
        expect(first.some((p) => p.short.length > 0)).to.equal(true);
    });

    it('survives the bridge retrying through random transient faults: one order per FO', async () => {
        const adapter = sandbox({ autoProgress: false, transientFailureRate: 0.5 });
        const fos = Array.from({ length: 30 }, () => contractFulfillmentOrder());
        let faults = 0;
        for (const fo of fos) {
            for (;;) {
                try {
                    await adapter.submitFulfillmentOrder(fo, { idempotencyKey: `submit-${fo.id}`, correlationId: 'c' });
                    break;
                } catch (err) {
                    expect(err).to.be.instanceOf(TransientAdapterError);
                    faults++;
                }
            }
        }
        expect(faults).to.be.greaterThan(0);
        expect(adapter.warehouse.size).to.equal(30);
    });
});
