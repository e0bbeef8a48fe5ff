import { expect } from 'chai';
import express from 'express';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RedisSeenSignatureStore } from '../../../../bridge/src/adapters/wms/rest/seen-signature-store.ts';
import { signWebhook } from '../../../../bridge/src/adapters/wms/rest/webhook-signature.ts';
import { createWmsWebhookRouter } from '../../../../bridge/src/adapters/wms/rest/wms-webhook-router.ts';
import { defaultMappingConfig } from '../../../../bridge/src/mappings/mapping-loader.ts';
import type { WmsEvent } from '../../../../bridge/src/model/index.ts';
import { useTestRedis, type TestRedis } from '../../../support/redis.ts';

const SECRET = 'test-webhook-signing-key-0123456789';
const shipped = readFileSync('test/fixtures/wms-webhooks/shipped-ups-lowercase.json', 'utf8');
const malformed = readFileSync('test/fixtures/wms-webhooks/malformed-short-pick.json', 'utf8');

describe('adapters/wms/rest/wms-webhook-router', () => {
    let redis: TestRedis;
    let server: Server;
    let url: string;
    let received: WmsEvent[];
    let failHandler: boolean;
    let rejections: string[];

    beforeEach(async () => {
        redis = await useTestRedis('webhook');
        received = [];
        failHandler = false;
        rejections = [];
        const app = express();
        app.use(
            '/hook',
            createWmsWebhookRouter({
                secret: SECRET,
                toleranceSeconds: 300,
                mapping: defaultMappingConfig(),
                seenSignatures: new RedisSeenSignatureStore(redis.client, redis.prefix),
                onEvent: async (event) => {
                    if (failHandler) throw new Error('queue down');
                    received.push(event);
                },
                onRejected: (reason) => rejections.push(reason)
            })
        );
        server = await new Promise((resolve) => {
            const s = app.listen(0, '127.0.0.1', () => resolve(s));
        });
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    });

    afterEach(async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await redis.cleanup();
    });

    const post = (body: string, headers: Record<string, string>) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const signed = (body: string, timestamp = Math.floor(Date.now() / 1000)) => ({
        'x-timestamp': String(timestamp),
        'x-signature': `sha256=${signWebhook(SECRET, String(timestamp), body)}`
    });

    it('accepts a signed event, normalising the carrier and adding the tracking URL', async () => {
        const res = await post(shipped, signed(shipped));
        expect(res.status).to.equal(202);
        expect(received).to.have.length(1);
        const event = received[0] as Extract<WmsEvent, { type: 'shipped' }>;
        expect(event.shipment.carrier).to.equal('UPS');
        expect(event.shipment.trackingUrl).to.equal('https://www.ups.com/track?loc=en_US&tracknum=1Z999AA10123456784');
    });

    it('refuses unsigned, badly signed, stale and replayed requests with 401', async () => {
        expect((await post(shipped, {})).status).to.equal(401);
        const wrong = signed(shipped);
        wrong['x-signature'] = signWebhook('another-key-entirely-0000', wrong['x-timestamp'], shipped);
        expect((await post(shipped, wrong)).status).to.equal(401);
        expect((await post(shipped.replace('Ground', 'Air'), signed(shipped))).status).to.equal(401);
        expect((await post(shipped, signed(shipped, Math.floor(Date.now() / 1000) - 301))).status).to.equal(401);
        const once = signed(shipped);
        expect((await post(shipped, once)).status).to.equal(202);
        const replay = await post(shipped, once);
        expect(replay.status).to.equal(401);
        expect(await replay.json()).to.deep.equal({ error: 'replayed request' });
        expect(received).to.have.length(1);
        expect(rejections.join(' ')).to.not.contain(SECRET);
    });

    it('answers 400 listing every problem of a malformed event', async () => {
        const res = await post(malformed, signed(malformed));
        expect(res.status).to.equal(400);
        const body = (await res.json()) as { problems: { path: string }[] };
        expect(body.problems.map((p) => p.path)).to.include.members(['sequence', 'occurredAt', 'lines[0].quantityShort']);
        expect(received).to.have.length(0);
    });

    it('answers 503 when the bridge cannot take the event, and accepts the same delivery on retry', async () => {
        failHandler = true;
        const headers = signed(shipped);
        expect((await post(shipped, headers)).status).to.equal(503);
        failHandler = false;
        expect((await post(shipped, headers)).status).to.equal(202);
        expect(received).to.have.length(1);
    });
});
