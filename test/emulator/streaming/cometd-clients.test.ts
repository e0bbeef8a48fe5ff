/**
 * The CometD endpoint driven by the clients integrations really use: the jsforce streaming client with
 * its Replay and AuthFailure extensions, and a bare faye client.
 */
import { expect } from 'chai';
import { Connection } from 'jsforce';
import * as StreamingExtension from 'jsforce/lib/api/streaming/extension.js';
import { faye, type BayeuxMessage, type ExtensionCallback, type FayeClient } from '../../../bridge/src/emulator/streaming/faye-runtime.ts';
import { type Harness, type ReceivedEvent, startHarness, waitFor } from './support/cometd-harness.ts';
import { USER } from './support/fake-org.ts';

const CHANNEL = '/event/Ship_Confirm__e';
const publish = (h: Harness, n: number) => h.bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: `SO-${n}` }, USER);
const numbers = (events: ReceivedEvent[]) => events.map((e) => e.payload.Order_Number__c);

/** A minimal replay extension for the bare faye client: sends the last seen replay ID on every subscribe. */
function replayExtension(channel: string, start: number) {
    let last = start;
    return {
        incoming(message: BayeuxMessage, callback: ExtensionCallback) {
            const replayId = (message.data as ReceivedEvent | undefined)?.event?.replayId;
            if (message.channel === channel && typeof replayId === 'number') last = replayId;
            callback(message);
        },
        outgoing(message: BayeuxMessage, callback: ExtensionCallback) {
            if (message.channel === '/meta/subscribe') message.ext = { ...message.ext, replay: { [channel]: last } };
            callback(message);
        }
    };
}

describe('CometD endpoint: real clients', () => {
    let h: Harness;
    const clients: FayeClient[] = [];
    beforeEach(async () => {
        h = await startHarness();
    });
    afterEach(async () => {
        for (const client of clients.splice(0)) client.disconnect();
        await h.close();
    });

    function fayeClient(replayFrom?: number): FayeClient {
        const client = new faye.Client(`${h.baseUrl}/cometd/66.0`, { retry: 0.1 });
        client.setHeader('Authorization', `OAuth ${h.token}`);
        if (replayFrom !== undefined) client.addExtension(replayExtension(CHANNEL, replayFrom));
        clients.push(client);
        return client;
    }

    function jsforceClient(replayFrom: number, onAuthFailure: (message: BayeuxMessage) => void = () => undefined): FayeClient {
        const conn = new Connection({ instanceUrl: h.baseUrl, accessToken: h.token, version: '66.0' });
        const client = conn.streaming.createClient([
            new StreamingExtension.Replay(CHANNEL, replayFrom),
            new StreamingExtension.AuthFailure(onAuthFailure)
        ]) as unknown as FayeClient;
        clients.push(client);
        return client;
    }

    describe('bare faye client', () => {
        it('receives live events in order, none lost between connects', async () => {
            const received: ReceivedEvent[] = [];
            await fayeClient().subscribe(CHANNEL, (m) => received.push(m as ReceivedEvent));
            for (let n = 0; n < 300; n++) {
                publish(h, n);
                if (n % 37 === 0) await new Promise((resolve) => setImmediate(resolve));
            }
            await waitFor(() => received.length >= 300);
            expect(numbers(received)).to.deep.equal(Array.from({ length: 300 }, (_, n) => `SO-${n}`));
            const first = received[0];
            expect(first.event.EventUuid).to.match(/^[0-9a-f-]{36}$/);
            expect(first.schema).to.be.a('string').with.length(22);
            expect(first.payload).to.include.keys('CreatedDate', 'CreatedById');
        });

        it('replays everything retained for -2, then live events, without duplicates', async () => {
            [1, 2, 3].forEach((n) => publish(h, n));
            const received: ReceivedEvent[] = [];
            await fayeClient(-2).subscribe(CHANNEL, (m) => received.push(m as ReceivedEvent));
            publish(h, 4);
            await waitFor(() => received.length >= 4);
            await new Promise((resolve) => setTimeout(resolve, 50));
            expect(numbers(received)).to.deep.equal(['SO-1', 'SO-2', 'SO-3', 'SO-4']);
        });

        it('replays from a stored replay ID', async () => {
            const stored = [1, 2, 3].map((n) => publish(h, n))[0].replayId;
            const received: ReceivedEvent[] = [];
            await fayeClient(stored).subscribe(CHANNEL, (m) => received.push(m as ReceivedEvent));
            await waitFor(() => received.length >= 2);
            expect(numbers(received)).to.deep.equal(['SO-2', 'SO-3']);
        });

        it('gets the documented error for an expired replay ID', async () => {
            const stale = publish(h, 1).replayId;
            h.bus.purgeOlderThan(Date.now() + 1);
            const failure = await fayeClient(stale)
                .subscribe(CHANNEL, () => undefined)
                .then(
                    () => undefined,
                    (error) => error
                );
            // faye's error grammar does not parse this message (it has braces and commas), so it keeps the raw string.
            expect((failure as { message: string }).message).to.equal(
                '400::The replayId {' + stale + '} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.'
            );
        });

        it('gets 401::Authentication invalid with reconnect none when the session expires, and stops', async () => {
            const errorsSeen: BayeuxMessage[] = [];
            const client = fayeClient();
            client.addExtension({
                incoming: (message, callback) => {
                    if (message.error) errorsSeen.push(message);
                    callback(message);
                }
            });
            await client.subscribe(CHANNEL, () => undefined);
            h.sessions.expire(h.token);
            await waitFor(() => errorsSeen.length >= 1);
            expect(errorsSeen[0]).to.deep.include({ channel: '/meta/connect', error: '401::Authentication invalid' });
            expect(errorsSeen[0].advice).to.deep.equal({ reconnect: 'none', interval: 0 });
        });

        it('re-handshakes after the server forgets it and resumes from its last replay ID', async () => {
            const received: ReceivedEvent[] = [];
            const seenErrors: string[] = [];
            const client = fayeClient(-1);
            client.addExtension({
                incoming: (message, callback) => {
                    if (message.error) seenErrors.push(message.error);
                    callback(message);
                }
            });
            await client.subscribe(CHANNEL, (m) => received.push(m as ReceivedEvent));
            publish(h, 1);
            await waitFor(() => received.length === 1);
            h.cometd.forgetAllClients();
            publish(h, 2);
            publish(h, 3);
            await waitFor(() => received.length >= 3);
            await new Promise((resolve) => setTimeout(resolve, 50));
            expect(seenErrors).to.include('403::Unknown client');
            expect(numbers(received)).to.deep.equal(['SO-1', 'SO-2', 'SO-3']);
        });
    });

    describe('jsforce streaming client', () => {
        it('receives retained (-2) and live events through the Replay extension', async () => {
            publish(h, 1);
            const received: ReceivedEvent[] = [];
            await jsforceClient(-2).subscribe(CHANNEL, (m) => received.push(m as ReceivedEvent));
            publish(h, 2);
            await waitFor(() => received.length >= 2);
            expect(numbers(received)).to.deep.equal(['SO-1', 'SO-2']);
        });

        it('replays from a stored replay ID', async () => {
            const stored = [1, 2, 3].map((n) => publish(h, n))[1].replayId;
            const received: ReceivedEvent[] = [];
            await jsforceClient(stored).subscribe(CHANNEL, (m) => received.push(m as ReceivedEvent));
            await waitFor(() => received.length >= 1);
            expect(numbers(received)).to.deep.equal(['SO-3']);
        });

        it('fails the subscription with the documented error for an expired replay ID', async () => {
            const stale = publish(h, 1).replayId;
            h.bus.setRetention(1);
            await new Promise((resolve) => setTimeout(resolve, 5));
            const failure = (await jsforceClient(stale)
                .subscribe(CHANNEL, () => undefined)
                .then(
                    () => undefined,
                    (error) => error
                )) as { message: string } | undefined;
            expect(failure?.message).to.match(/^400::The replayId \{\d+\} you provided was invalid\.  Please provide a valid ID, -2 to replay all events/);
        });

        it('receives change events on /data channels', async () => {
            const received: ReceivedEvent[] = [];
            const conn = new Connection({ instanceUrl: h.baseUrl, accessToken: h.token, version: '66.0' });
            const client = conn.streaming.createClient([new StreamingExtension.Replay('/data/FulfillmentOrderChangeEvent', -1)]) as unknown as FayeClient;
            clients.push(client);
            await client.subscribe('/data/FulfillmentOrderChangeEvent', (m) => received.push(m as ReceivedEvent));
            h.store.transaction({ ...USER, callOptionsClient: 'som-bridge' }, (tx) => tx.insert('FulfillmentOrder', { Status: 'Allocated' }));
            await waitFor(() => received.length >= 1);
            expect(received[0].payload.ChangeEventHeader).to.deep.include({ entityName: 'FulfillmentOrder', changeType: 'CREATE', changeOrigin: 'com/salesforce/api/rest/66.0;client=som-bridge' });
            expect(received[0].event).to.have.all.keys('replayId');
        });

        it('calls AuthFailure with 401::Authentication invalid when the session expires', async () => {
            const failures: BayeuxMessage[] = [];
            await jsforceClient(-1, (message) => failures.push(message)).subscribe(CHANNEL, () => undefined);
            h.sessions.expire(h.token);
            await waitFor(() => failures.length >= 1);
            expect(failures[0]).to.deep.include({ channel: '/meta/connect', error: '401::Authentication invalid' });
            expect(failures[0].advice).to.deep.include({ reconnect: 'none' });
        });

        it('calls AuthFailure with the handshake denial for an invalid token', async () => {
            const failures: BayeuxMessage[] = [];
            const conn = new Connection({ instanceUrl: h.baseUrl, accessToken: 'revoked', version: '66.0' });
            const client = conn.streaming.createClient([new StreamingExtension.AuthFailure((m: BayeuxMessage) => failures.push(m))]) as unknown as FayeClient;
            clients.push(client);
            client.subscribe(CHANNEL, () => undefined);
            await waitFor(() => failures.length >= 1);
            expect(failures[0]).to.deep.include({ channel: '/meta/handshake', error: '403::Handshake denied' });
            expect(failures[0].ext).to.deep.include({ sfdc: { failureReason: '401::Authentication invalid' } });
        });

        it('resubscribes from its last replay ID after 403::Unknown client', async () => {
            const received: ReceivedEvent[] = [];
            await jsforceClient(-1).subscribe(CHANNEL, (m) => received.push(m as ReceivedEvent));
            publish(h, 1);
            await waitFor(() => received.length === 1);
            h.cometd.forgetAllClients();
            publish(h, 2);
            await waitFor(() => received.length >= 2);
            await new Promise((resolve) => setTimeout(resolve, 50));
            expect(numbers(received)).to.deep.equal(['SO-1', 'SO-2']);
        });
    });
});
