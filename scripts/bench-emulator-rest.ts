/**
 * Measures the emulator's REST throughput as the bridge sees it: the real jsforce client over HTTP against an
 * emulator started in this process with a seeded org. Three workloads, each with several requests in flight:
 * sObject Collections updates of 200 FulfillmentOrders, single-record calls (PATCH and GET), and the bridge's
 * fulfilment-order SOQL read with 50 IDs. Client and emulator share this process (and its one event loop), so
 * the figures are a floor for the emulator alone. Every call's answer is checked; failures are counted and shown.
 *
 *   npx tsx scripts/bench-emulator-rest.ts [--orders 1000] [--seconds 5] [--concurrency 8] [--only collections,single,soql]
 *
 * Profile one workload: node --import tsx --cpu-prof scripts/bench-emulator-rest.ts --only collections
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Connection } from 'jsforce';
import { startEmulator } from '../bridge/src/emulator/start-emulator.ts';
import { fulfillmentOrderSoql } from '../bridge/src/mappings/salesforce/fulfillment-order-query.ts';

const TARGET_COLLECTION_CALLS_PER_SECOND = 1_000;
const COLLECTION_SIZE = 200;
const SOQL_IDS = 50;

const { values } = parseArgs({
    options: {
        orders: { type: 'string', default: '1000' },
        seconds: { type: 'string', default: '5' },
        concurrency: { type: 'string', default: '8' },
        only: { type: 'string', default: 'collections,single,soql' }
    }
});
const orders = Number(values.orders);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
if (
    !Number.isInteger(orders) ||
    orders < 1 ||
    !(seconds > 0) ||
    !Number.isInteger(concurrency) ||
    concurrency < 1
) {
    throw new Error(
        `--orders and --concurrency must be positive integers and --seconds positive; got ${values.orders}, ${values.concurrency}, ${values.seconds}`
    );
}

const WORKLOADS = ['collections', 'single', 'soql'];
const selected = new Set(values.only.split(',').map((name) => name.trim()));
const unknown = [...selected].filter((name) => !WORKLOADS.includes(name));
if (unknown.length > 0)
    throw new Error(`--only takes ${WORKLOADS.join(', ')}; unknown: ${unknown.join(', ')}`);

const seedStarted = performance.now();
const emulator = await startEmulator({ orders, apiDailyLimit: Number.MAX_SAFE_INTEGER });
const foIds = emulator.store.all('FulfillmentOrder').map((r) => r.Id);
console.log(
    `emulator on ${emulator.instanceUrl}: ${orders} orders, ${foIds.length} FulfillmentOrders, ` +
        `started in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; ${concurrency} requests in flight, ${seconds} s per workload`
);
if (foIds.length < COLLECTION_SIZE)
    throw new Error(`need at least ${COLLECTION_SIZE} FulfillmentOrders; raise --orders`);

const session = emulator.sessions.create({
    userId: emulator.credentials.userId,
    username: emulator.credentials.username
});
const conn = new Connection({
    instanceUrl: emulator.instanceUrl,
    accessToken: session.accessToken,
    version: '66.0'
});
/** IDs `count` long, starting at a position that moves with `call`, so calls touch different records. */
const idsFor = (call: number, count: number) =>
    Array.from({ length: count }, (_, k) => foIds[(call * count + k) % foIds.length]);

interface Figures {
    calls: number;
    failures: number;
    callsPerSecond: number;
    p50: number;
    p95: number;
    firstFailure?: string;
}

const SKIPPED: Figures = { calls: 0, failures: 0, callsPerSecond: 0, p50: 0, p95: 0 };

/** Runs `call(n)` from `concurrency` loops for `seconds`; a call resolves to an error text or undefined. */
async function workload(
    name: string,
    label: string,
    call: (n: number) => Promise<string | undefined>
): Promise<Figures> {
    if (!selected.has(name)) return SKIPPED;
    let next = 0;
    let failures = 0;
    let firstFailure: string | undefined;
    const latencies: number[] = [];
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const loop = async () => {
        while (performance.now() < deadline) {
            const n = next++;
            const callStarted = performance.now();
            const failure = await call(n).catch((error: unknown) => String(error));
            latencies.push(performance.now() - callStarted);
            if (failure !== undefined) {
                failures++;
                firstFailure ??= failure;
            }
        }
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    const figures = {
        calls: latencies.length,
        failures,
        callsPerSecond: latencies.length / elapsed,
        p50: at(0.5),
        p95: at(0.95),
        firstFailure
    };
    console.log(
        `${label.padEnd(40)} ${figures.callsPerSecond.toFixed(1).padStart(8)} calls/s   p50 ${figures.p50.toFixed(1).padStart(6)} ms   ` +
            `p95 ${figures.p95.toFixed(1).padStart(6)} ms   ${figures.calls} calls, ${failures} failed` +
            (firstFailure ? ` (first: ${firstFailure.slice(0, 200)})` : '')
    );
    return figures;
}

const statuses = ['Sent', 'Acknowledged', 'Picking', 'Packed'];
const fulfillmentOrders = conn.sobject('FulfillmentOrder');

try {
    const collections = await workload(
        'collections',
        `Collections update (${COLLECTION_SIZE} records)`,
        async (n) => {
            const records = idsFor(n, COLLECTION_SIZE).map((Id) => ({
                Id,
                Integration_Status__c: statuses[n % statuses.length],
                Last_Sync_Time__c: new Date().toISOString()
            }));
            const results = await fulfillmentOrders.update(records, { allOrNone: false });
            const failed = results.filter((r) => !r.success);
            return failed.length > 0
                ? `${failed.length} records failed: ${JSON.stringify(failed[0])}`
                : undefined;
        }
    );
    const singleUpdate = await workload('single', 'single-record update (PATCH)', async (n) => {
        const result = await fulfillmentOrders.update({
            Id: foIds[n % foIds.length],
            Integration_Status__c: statuses[n % statuses.length],
            Last_Sync_Time__c: new Date().toISOString()
        });
        return result.success ? undefined : JSON.stringify(result);
    });
    const singleRead = await workload('single', 'single-record retrieve (GET)', async (n) => {
        const record = await fulfillmentOrders.retrieve(foIds[n % foIds.length]);
        return record.Id === foIds[n % foIds.length] ? undefined : `got ${String(record.Id)}`;
    });
    const soql = await workload('soql', `SOQL fulfilment-order read (${SOQL_IDS} IDs)`, async (n) => {
        const result = await conn.query(fulfillmentOrderSoql(idsFor(n, SOQL_IDS)));
        return result.totalSize === SOQL_IDS ? undefined : `totalSize ${result.totalSize}`;
    });

    const ratio = (a: number, b: number) => (a > 0 && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
    console.log('');
    if (selected.has('collections')) {
        const met = collections.callsPerSecond >= TARGET_COLLECTION_CALLS_PER_SECOND;
        console.log(
            `Collections update: ${collections.callsPerSecond.toFixed(0)} calls/s = ` +
                `${(collections.callsPerSecond * COLLECTION_SIZE).toFixed(0)} records/s; ` +
                `${ratio(collections.callsPerSecond, TARGET_COLLECTION_CALLS_PER_SECOND)} the ` +
                `${TARGET_COLLECTION_CALLS_PER_SECOND} calls/s target (${met ? 'met' : 'missed'})`
        );
    }
    console.log(
        `records/s, Collections vs single PATCH: ${ratio(collections.callsPerSecond * COLLECTION_SIZE, singleUpdate.callsPerSecond)}; ` +
            `single GET vs PATCH: ${ratio(singleRead.callsPerSecond, singleUpdate.callsPerSecond)}; ` +
            `FOs read/s, SOQL (${SOQL_IDS} IDs) vs single GET: ${ratio(soql.callsPerSecond * SOQL_IDS, singleRead.callsPerSecond)}`
    );
    const failures = collections.failures + singleUpdate.failures + singleRead.failures + soql.failures;
    if (failures > 0) process.exitCode = 1;
} finally {
    await emulator.stop();
}
