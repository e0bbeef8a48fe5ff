/**
 * The event bus and CometD endpoint against the emulator's real schema registry (reading force-app/),
 * record store and session service, with an order placed the way the storefront does it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { Connection } from 'jsforce';
import * as StreamingExtension from 'jsforce/lib/api/streaming/extension.js';
import { SessionService } from '../../../bridge/src/emulator/auth/session-service.ts';
import { SchemaRegistry } from '../../../bridge/src/emulator/schema/schema-registry.ts';
import { placeOrder } from '../../../bridge/src/emulator/seed/place-order.ts';
import { RecordStore } from '../../../bridge/src/emulator/store/record-store.ts';
import { attachCometd, type CometdHandle } from '../../../bridge/src/emulator/streaming/cometd-server.ts';
import { EventBus } from '../../../bridge/src/emulator/streaming/event-bus.ts';
import type { FayeClient } from '../../../bridge/src/emulator/streaming/faye-runtime.ts';
import { type ReceivedEvent, waitFor } from './support/cometd-harness.ts';

describe('streaming against the real registry, store and sessions', () => {
    let schema: SchemaRegistry;
    let store: RecordStore;
    let bus: EventBus;
    let sessions: SessionService;
    let server: Server;
    let cometd: CometdHandle;
    let instanceUrl: string;
    const clients: FayeClient[] = [];

    beforeEach(async () => {
        schema = SchemaRegistry.load();
        store = new RecordStore(schema);
        bus = new EventBus({ schema, store });
        sessions = new SessionService({ orgId: store.orgId });
        server = createServer((_req, res) => res.writeHead(404).end());
        cometd = attachCometd(server, { sessions, bus, schema, longPollTimeoutMs: 1_000 });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        instanceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(async () => {
        for (const client of clients.splice(0)) client.disconnect();
        await cometd.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        bus.close();
    });

    it('raises CDC and standard events for a storefront order', () => {
        const placed = placeOrder(store, { seed: 7, lines: 2 });
        const created = bus.eventsAfter('/event/OrderSummaryCreatedEvent', -2);
        expect(created.map((e) => e.payload.OrderSummaryId)).to.deep.equal([placed.orderSummaryId]);
        expect(bus.eventsAfter('/event/OrderSumStatusChangedEvent', -2)[0].payload).to.deep.include({ NewStatus: 'Approved' });
        const foEvents = bus.eventsAfter('/event/FOStatusChangedEvent', -2);
        expect(foEvents.map((e) => e.payload.FulfillmentOrderId)).to.have.members(placed.fulfillmentOrderIds);
        const foChanges = bus.eventsAfter('/data/FulfillmentOrderChangeEvent', -2);
        const header = foChanges[0].payload.ChangeEventHeader as { changeType: string; recordIds: string[]; changeOrigin: string };
        expect(header.changeType).to.equal('CREATE');
        expect(foChanges.flatMap((e) => (e.payload.ChangeEventHeader as { recordIds: string[] }).recordIds)).to.have.members(placed.fulfillmentOrderIds);
        expect(bus.eventsAfter('/data/ChangeEvents', -2).length).to.be.greaterThan(foChanges.length);
    });

    it('publishes a package platform event and a ProcessExceptionEvent that creates its record', () => {
        const placed = placeOrder(store, { seed: 3, lines: 1 });
        const context = { userId: '005000000000001AAA' };
        const milestone = bus.publishPlatformEvent('OMS_Integration_Milestone__e', { Stage__c: 'Sent', Order_Summary_Id__c: placed.orderSummaryId }, context);
        expect(milestone.channel).to.equal('/event/OMS_Integration_Milestone__e');
        expect(() => bus.publishPlatformEvent('OMS_Integration_Milestone__e', { Nope__c: 1 }, context)).to.throw(/No such column 'Nope__c'/);
        bus.publishPlatformEvent(
            'ProcessExceptionEvent',
            { AttachedToId: placed.fulfillmentOrderIds[0], OrderSummaryId: placed.orderSummaryId, ExceptionType: 'OM RMA Failed', Message: 'WMS rejected the order', Severity: 'High' },
            context
        );
        const [exception] = store.all('ProcessException');
        expect(exception).to.deep.include({ AttachedToId: placed.fulfillmentOrderIds[0], Message: 'WMS rejected the order', Status: 'New', Category: 'Returns' });
    });

    it('delivers FOStatusChangedEvent over CometD to jsforce with a real session', async () => {
        const session = sessions.create({ userId: '005000000000001AAA', username: 'integration@emulator.local' });
        const conn = new Connection({ instanceUrl, accessToken: session.accessToken, version: '66.0' });
        const client = conn.streaming.createClient([new StreamingExtension.Replay('/event/FOStatusChangedEvent', -1)]) as unknown as FayeClient;
        clients.push(client);
        const received: ReceivedEvent[] = [];
        await client.subscribe('/event/FOStatusChangedEvent', (m) => received.push(m as ReceivedEvent));
        const placed = placeOrder(store, { seed: 11, lines: 1 });
        await waitFor(() => received.length >= placed.fulfillmentOrderIds.length);
        expect(received[0].payload).to.deep.include({ OrderSummaryId: placed.orderSummaryId, OldStatus: null });
        expect(received[0].event.EventUuid).to.be.a('string');
        sessions.expireAll();
        expect(sessions.validate(session.accessToken)).to.equal(undefined);
    });
});
