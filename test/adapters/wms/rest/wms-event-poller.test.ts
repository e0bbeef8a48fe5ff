import { expect } from 'chai';
import { createAuthProvider } from '../../../../bridge/src/adapters/rest/rest-auth.ts';
import { RestClient } from '../../../../bridge/src/adapters/rest/rest-client.ts';
import { RedisCursorStore, WmsEventPoller } from '../../../../bridge/src/adapters/wms/rest/wms-event-poller.ts';
import { WmsEventHub } from '../../../../bridge/src/adapters/wms-event-hub.ts';
import { restWmsSection } from '../../../../bridge/src/config/sections/adapters-wms.ts';
import { defaultMappingConfig } from '../../../../bridge/src/mappings/mapping-loader.ts';
import type { WmsEvent } from '../../../../bridge/src/model/index.ts';
import { FakeHttpServer } from '../../../contract/fake-vendors/fake-http.ts';
import { useTestRedis, type TestRedis } from '../../../support/redis.ts';

const event = (n: number) => ({ type: 'acknowledged', eventId: `E${n}`, fulfillmentOrderId: `FO${n}`, wmsOrderNumber: `W${n}`, sequence: 1, occurredAt: '2026-03-02T10:00:00Z' });

describe('adapters/wms/rest/wms-event-poller', () => {
    let redis: TestRedis;
    let feed: FakeHttpServer;
    let pages: Record<string, unknown>;

    beforeEach(async () => {
        redis = await useTestRedis('poller');
        pages = { '': { events: [event(1), event(2)], nextCursor: 'c2' }, c2: { events: [event(3)], nextCursor: 'c3' }, c3: { events: [], nextCursor: 'c3' } };
        feed = new FakeHttpServer((req) => ({ status: 200, body: pages[new URL(req.path, 'http://x').searchParams.get('after') ?? ''] }));
        await feed.start();
    });
    afterEach(async () => {
        await feed.close();
        await redis.cleanup();
    });

    function poller(hub: WmsEventHub) {
        const config = restWmsSection.parse({ baseUrl: feed.url, submit: { path: '/o' }, cancel: { path: '/c' }, updateShipTo: { path: '/u' } });
        const client = new RestClient({ ...config, auth: createAuthProvider(config.auth) });
        return new WmsEventPoller({ client, polling: config.polling, mapping: defaultMappingConfig(), hub, cursor: new RedisCursorStore(redis.client, `${redis.prefix}:cursor`) });
    }

    it('reads pages in order and checkpoints the cursor only after the events were taken', async () => {
        const hub = new WmsEventHub('test');
        const seen: string[] = [];
        let refuse = true;
        hub.onEvent(async (e: WmsEvent) => {
            if (refuse && e.eventId === 'E2') throw new Error('queue down');
            seen.push(e.eventId);
        });
        const p = poller(hub);
        await p.pollOnce().catch(() => undefined);
        expect(await redis.client.get(`${redis.prefix}:cursor`)).to.equal(null);
        refuse = false;
        expect(await p.pollOnce()).to.equal(2);
        expect(await p.pollOnce()).to.equal(1);
        expect(await p.pollOnce()).to.equal(0);
        expect(seen).to.deep.equal(['E1', 'E1', 'E2', 'E3']);
        expect(await redis.client.get(`${redis.prefix}:cursor`)).to.equal('c3');
    });

    it('stops at a malformed event instead of skipping it', async () => {
        pages[''] = { events: [event(1), { type: 'teleported' }], nextCursor: 'c2' };
        const hub = new WmsEventHub('test');
        hub.onEvent(async () => undefined);
        const error = (await poller(hub).pollOnce().catch((err: unknown) => err)) as Error;
        expect(error.message).to.contain('events[1]');
        expect(await redis.client.get(`${redis.prefix}:cursor`)).to.equal(null);
    });
});
