import { expect } from 'chai';
import { AdminHooks } from '../../../bridge/src/emulator/admin/admin-hooks.ts';
import { registerStreamingAdminHooks } from '../../../bridge/src/emulator/streaming/streaming-admin-hooks.ts';
import { type Harness, rawHandshake, startHarness } from './support/cometd-harness.ts';
import { USER } from './support/fake-org.ts';

describe('streaming admin hooks', () => {
    let h: Harness;
    let hooks: AdminHooks;
    let remove: () => void;
    beforeEach(async () => {
        h = await startHarness();
        hooks = new AdminHooks();
        remove = registerStreamingAdminHooks(hooks, h.bus, h.cometd);
    });
    afterEach(() => h.close());

    it('forgets CometD clients and reports how many', async () => {
        await rawHandshake(`${h.baseUrl}/cometd/66.0`, h.token);
        expect(await hooks.run('forgetCometdClients', {})).to.deep.equal({ forgotten: 1 });
        expect(h.cometd.clientCount()).to.equal(0);
    });

    it('emits gap and overflow events on the entity channels', async () => {
        const gap = (await hooks.run('emitGapEvents', { entityName: 'FulfillmentOrder', recordIds: ['0a3A'], changeType: 'GAP_DELETE' })) as { channels: string[] };
        expect(gap.channels).to.include('/data/FulfillmentOrderChangeEvent');
        expect(h.bus.eventsAfter('/data/FulfillmentOrderChangeEvent', -2)[0].payload.ChangeEventHeader).to.deep.include({ changeType: 'GAP_DELETE' });
        await hooks.run('emitOverflowEvent', { entityName: 'OrderSummary' });
        expect(h.bus.eventsAfter('/data/OrderSummaryChangeEvent', -2)).to.have.length(1);
        let failure: unknown;
        await hooks.run('emitGapEvents', { entityName: 'FulfillmentOrder', recordIds: ['0a3A'], changeType: 'GAP_SOMETIMES' }).catch((e) => (failure = e));
        expect(String(failure)).to.match(/changeType must be one of/);
    });

    it('purges retained events and unregisters cleanly', async () => {
        h.bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: 'SO' }, USER);
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(await hooks.run('purgeEvents', { olderThanMs: 0 })).to.deep.equal({ purged: 1 });
        remove();
        expect(hooks.has('purgeEvents')).to.equal(false);
    });
});
