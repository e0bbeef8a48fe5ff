/**
 * The CometD endpoint's Bayeux replies checked message by message over raw HTTP, against the strings
 * and advice documented for Salesforce's Streaming API.
 */
import { expect } from 'chai';
import { type Harness, postBayeux, rawHandshake, startHarness, waitFor } from './support/cometd-harness.ts';
import { USER } from './support/fake-org.ts';

const handshake = { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], id: '1' };
const connect = (clientId: string) => ({ channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '2' });
const subscribe = (clientId: string, subscription: string, replay?: unknown) => ({
    channel: '/meta/subscribe',
    clientId,
    subscription,
    id: '3',
    ...(replay === undefined ? {} : { ext: { replay: { [subscription]: replay } } })
});

describe('CometD endpoint: protocol replies', () => {
    let h: Harness;
    let url: string;
    beforeEach(async () => {
        h = await startHarness();
        url = `${h.baseUrl}/cometd/66.0`;
    });
    afterEach(() => h.close());

    it('answers a handshake with the replay extension and long-polling only', async () => {
        const [reply] = await postBayeux(url, h.token, [handshake]);
        expect(reply).to.deep.include({ channel: '/meta/handshake', successful: true, version: '1.0', minimumVersion: '1.0', supportedConnectionTypes: ['long-polling'] });
        expect(reply.ext).to.deep.equal({ replay: true, 'payload.format': true });
        expect(reply.clientId).to.be.a('string');
        expect(h.cometd.clientCount()).to.equal(1);
    });

    it('accepts the token as Bearer too', async () => {
        const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.token}` }, body: JSON.stringify([handshake]) });
        const [reply] = (await response.json()) as { successful: boolean }[];
        expect(reply.successful).to.equal(true);
    });

    it('denies a handshake without a token or with an invalid one, with the failure reason and reconnect none', async () => {
        const [anonymous] = await postBayeux(url, undefined, [handshake]);
        expect(anonymous).to.deep.include({ successful: false, error: '403::Handshake denied', advice: { reconnect: 'none' } });
        expect(anonymous.ext).to.deep.include({ sfdc: { failureReason: '401::Request requires authentication' } });
        const [invalid] = await postBayeux(url, 'not-a-session', [handshake]);
        expect(invalid.error).to.equal('403::Handshake denied');
        expect(invalid.ext).to.deep.include({ sfdc: { failureReason: '401::Authentication invalid' } });
        expect(h.cometd.clientCount()).to.equal(0);
    });

    it('requires an API version of 37.0 or later in the URI', async () => {
        const [missing] = await postBayeux(`${h.baseUrl}/cometd`, h.token, [handshake]);
        expect(missing.error).to.equal("400::API version in the URI is mandatory. URI format: '/cometd/66.0'");
        const [old] = await postBayeux(`${h.baseUrl}/cometd/36.0`, h.token, [handshake]);
        expect(old.error).to.equal("400::Unsupported API version. Only API versions '37.0' and later are supported. URI format: '/cometd/66.0'");
        expect(old.advice).to.deep.equal({ reconnect: 'none' });
    });

    it('answers 401::Authentication invalid with reconnect none once the session is gone', async () => {
        const clientId = await rawHandshake(url, h.token);
        h.sessions.expire(h.token);
        const [reply] = await postBayeux(url, h.token, [connect(clientId)]);
        expect(reply).to.deep.include({ channel: '/meta/connect', successful: false, error: '401::Authentication invalid' });
        expect(reply.advice).to.deep.equal({ reconnect: 'none', interval: 0 });
    });

    it('answers 403::Unknown client with reconnect handshake after the server forgets its clients', async () => {
        const clientId = await rawHandshake(url, h.token);
        h.cometd.forgetAllClients();
        expect(h.cometd.clientCount()).to.equal(0);
        const [reply] = await postBayeux(url, h.token, [connect(clientId)]);
        expect(reply).to.deep.include({ channel: '/meta/connect', successful: false, error: '403::Unknown client' });
        expect(reply.advice).to.deep.equal({ interval: 0, reconnect: 'handshake' });
        expect(reply).not.to.have.property('clientId');
    });

    it('refuses unknown channels, including /data channels of entities without CDC', async () => {
        const clientId = await rawHandshake(url, h.token);
        for (const channel of ['/event/Nope__e', '/data/AccountChangeEvent', '/topic/Orders', '/data/Nope__chn']) {
            const [reply] = await postBayeux(url, h.token, [subscribe(clientId, channel)]);
            expect(reply.successful, channel).to.equal(false);
            expect(reply.error).to.equal(`400::The channel you requested to subscribe to does not exist {${channel}}`);
        }
        for (const channel of ['/event/Ship_Confirm__e', '/data/ChangeEvents', '/data/FulfillmentOrderChangeEvent', '/data/Widget__ChangeEvent', '/data/Ops_Data__chn']) {
            const [reply] = await postBayeux(url, h.token, [subscribe(clientId, channel)]);
            expect(reply.successful, channel).to.equal(true);
        }
    });

    it('refuses a replay ID outside retention or never issued on the channel', async () => {
        const clientId = await rawHandshake(url, h.token);
        const event = h.bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: 'SO-1' }, USER);
        const [unknown] = await postBayeux(url, h.token, [subscribe(clientId, '/event/Ship_Confirm__e', event.replayId + 5)]);
        expect(unknown.successful).to.equal(false);
        expect(unknown.error).to.equal(
            `400::The replayId {${event.replayId + 5}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`
        );
        h.bus.purgeOlderThan(Date.now() + 1);
        const [expired] = await postBayeux(url, h.token, [subscribe(clientId, '/event/Ship_Confirm__e', event.replayId)]);
        expect(expired.error).to.match(/^400::The replayId \{\d+\} you provided was invalid\.  Please provide a valid ID/);
    });

    it('delivers retained events after the replay ID in the next connect, in order', async () => {
        const ids = [1, 2, 3].map((n) => h.bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: `SO-${n}` }, USER).replayId);
        const clientId = await rawHandshake(url, h.token);
        const [ack] = await postBayeux(url, h.token, [subscribe(clientId, '/event/Ship_Confirm__e', ids[0])]);
        expect(ack.successful).to.equal(true);
        const replies = await postBayeux(url, h.token, [connect(clientId)]);
        const events = replies.filter((m) => m.channel === '/event/Ship_Confirm__e');
        expect(events.map((m) => (m.data as { event: { replayId: number } }).event.replayId)).to.deep.equal(ids.slice(1));
        expect(events[0].data).to.have.all.keys('schema', 'payload', 'event');
        expect((events[0].data as { event: object }).event).to.have.all.keys('replayId', 'EventUuid');
    });

    it('forgets a client that does not reconnect within the reconnect window', async () => {
        await h.close();
        h = await startHarness({ reconnectWindowMs: 150 });
        url = `${h.baseUrl}/cometd/66.0`;
        const clientId = await rawHandshake(url, h.token);
        await waitFor(() => h.cometd.clientCount() === 0);
        const [reply] = await postBayeux(url, h.token, [connect(clientId)]);
        expect(reply.error).to.equal('403::Unknown client');
    });

    it('refuses publishing over CometD and other connection types', async () => {
        const clientId = await rawHandshake(url, h.token);
        const [published] = await postBayeux(url, h.token, [{ channel: '/event/Ship_Confirm__e', clientId, data: { x: 1 }, id: '9' }]);
        expect(published.successful).to.equal(false);
        expect(h.bus.eventsAfter('/event/Ship_Confirm__e', -2)).to.deep.equal([]);
        const [wrongType] = await postBayeux(url, h.token, [{ ...connect(clientId), connectionType: 'websocket' }]);
        expect(wrongType.error).to.equal('400::Invalid connection type websocket');
    });

    it('routes other paths to the server handler, and rejects GET and oversized bodies on /cometd', async () => {
        expect((await fetch(`${h.baseUrl}/services/data`)).status).to.equal(404);
        expect((await fetch(url)).status).to.equal(400);
        const big = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(40_000) });
        expect(big.status).to.equal(413);
        expect(await big.text()).to.equal('Maximum Request Size Exceeded');
    });

    it('drops connections when fault injection asks for it', async () => {
        let drops = 1;
        await h.close();
        h = await startHarness({ shouldDropConnection: () => drops-- > 0 });
        url = `${h.baseUrl}/cometd/66.0`;
        let failed = false;
        await postBayeux(url, h.token, [handshake]).catch(() => (failed = true));
        expect(failed).to.equal(true);
        const [reply] = await postBayeux(url, h.token, [handshake]);
        expect(reply.successful).to.equal(true);
    });

    it('gives the server its own handlers back on close', async () => {
        await h.cometd.close();
        expect((await fetch(url, { method: 'POST', body: '[]' })).status).to.equal(404);
    });
});
