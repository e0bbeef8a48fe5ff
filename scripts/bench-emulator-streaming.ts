/**
 * Measures how many events per second the emulator delivers over CometD to one jsforce streaming client.
 * Publisher, emulator and client share this one process, so the figure is a floor for the emulator alone.
 *
 *   npx tsx scripts/bench-emulator-streaming.ts [--events 20000] [--batch 250]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Connection } from 'jsforce';
import * as StreamingExtension from 'jsforce/lib/api/streaming/extension.js';
import { SessionService } from '../bridge/src/emulator/auth/session-service.ts';
import { SchemaRegistry } from '../bridge/src/emulator/schema/schema-registry.ts';
import { RecordStore } from '../bridge/src/emulator/store/record-store.ts';
import { attachCometd } from '../bridge/src/emulator/streaming/cometd-server.ts';
import { EventBus } from '../bridge/src/emulator/streaming/event-bus.ts';
import type { FayeClient } from '../bridge/src/emulator/streaming/faye-runtime.ts';

const TARGET_EVENTS_PER_SECOND = 2_000;
const CHANNEL = '/event/OMS_Integration_Milestone__e';

const { values } = parseArgs({ options: { events: { type: 'string', default: '20000' }, batch: { type: 'string', default: '250' } } });
const total = Number(values.events);
const batch = Number(values.batch);
if (!Number.isInteger(total) || total < 1 || !Number.isInteger(batch) || batch < 1) {
    throw new Error(`--events and --batch must be positive integers, got ${values.events} and ${values.batch}`);
}

const schema = SchemaRegistry.load();
const store = new RecordStore(schema);
const bus = new EventBus({ schema, store, maxEventsPerChannel: Math.max(total, 1) });
const sessions = new SessionService({ orgId: store.orgId });
const server = createServer((_req, res) => res.writeHead(404).end());
const cometd = attachCometd(server, { sessions, bus, schema });
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const instanceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const session = sessions.create({ userId: '005000000000001AAA', username: 'bench@emulator.local' });
const conn = new Connection({ instanceUrl, accessToken: session.accessToken, version: '66.0' });
const client = conn.streaming.createClient([new StreamingExtension.Replay(CHANNEL, -1)]) as unknown as FayeClient;

let received = 0;
let lastSeen = -1;
let outOfOrder = 0;
let resolveDone: () => void = () => undefined;
const done = new Promise<void>((resolve) => (resolveDone = resolve));
await client.subscribe(CHANNEL, (message) => {
    const replayId = (message as { event: { replayId: number } }).event.replayId;
    if (replayId <= lastSeen) outOfOrder += 1;
    lastSeen = replayId;
    received += 1;
    if (received === total) resolveDone();
});

const context = { userId: session.userId };
const started = performance.now();
for (let sent = 0; sent < total; ) {
    for (let i = 0; i < batch && sent < total; i++, sent++) {
        bus.publishPlatformEvent('OMS_Integration_Milestone__e', { Stage__c: 'Sent', Message__c: `event ${sent}` }, context);
    }
    // Let the server answer long polls between batches, as a live org interleaves publishing and delivery.
    await new Promise((resolve) => setImmediate(resolve));
}
await done;
const seconds = (performance.now() - started) / 1000;
const rate = Math.round(total / seconds);

client.disconnect();
await cometd.close();
server.closeAllConnections();
server.close();
bus.close();

console.log(`emulator CometD delivery: ${total} events to one jsforce client in ${seconds.toFixed(2)} s = ${rate} events/s`);
console.log(`order violations: ${outOfOrder}; target ${TARGET_EVENTS_PER_SECOND} events/s: ${rate >= TARGET_EVENTS_PER_SECOND ? 'met' : 'NOT met'}`);
process.exitCode = rate >= TARGET_EVENTS_PER_SECOND && outOfOrder === 0 ? 0 : 1;
