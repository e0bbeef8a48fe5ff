/**
 * Measures the emulator's SOQL engine on the bridge's read queries against a seeded org: fulfilment orders by
 * ID list (with line items), single reads by ID, and FulfillmentOrder IDs by OrderSummaryId. In-process, no HTTP.
 *
 *   npx tsx scripts/bench-emulator-soql.ts [--orders 10000] [--seconds 3]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SchemaRegistry } from '../bridge/src/emulator/schema/schema-registry.ts';
import { seedOrg } from '../bridge/src/emulator/seed/seed-org.ts';
import { QueryEngine } from '../bridge/src/emulator/soql/query-engine.ts';
import { RecordStore } from '../bridge/src/emulator/store/record-store.ts';
import { fulfillmentOrderSoql } from '../bridge/src/mappings/salesforce/fulfillment-order-query.ts';

const { values } = parseArgs({
    options: { orders: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '3' } }
});
const orders = Number(values.orders);
const seconds = Number(values.seconds);
if (!Number.isInteger(orders) || orders < 1 || !(seconds > 0)) {
    throw new Error(
        `--orders must be a positive integer and --seconds positive, got ${values.orders} and ${values.seconds}`
    );
}

const schema = SchemaRegistry.load();
const store = new RecordStore(schema);
const seedStarted = performance.now();
const seeded = seedOrg(store, { seed: 42, orders });
const counts = store.counts();
console.log(
    `seeded ${orders} orders in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s: ` +
        `${counts.FulfillmentOrder ?? 0} FulfillmentOrder, ${counts.FulfillmentOrderLineItem ?? 0} FulfillmentOrderLineItem`
);
const engine = new QueryEngine({ schema, store });
const foIds = seeded.fulfillmentOrderIds;
const pick = (i: number, n: number) => Array.from({ length: n }, (_, k) => foIds[(i * n + k) % foIds.length]);

/** Runs `run(i)` repeatedly for about `seconds` and prints calls per second and ms per call. */
function measure(label: string, run: (i: number) => number): void {
    let i = 0;
    let rows = 0;
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) rows += run(i++);
    const elapsed = (performance.now() - started) / 1000;
    console.log(
        `${label.padEnd(42)} ${(i / elapsed).toFixed(1).padStart(9)} queries/s  ${((elapsed * 1000) / i).toFixed(3).padStart(9)} ms/query  (${(rows / i).toFixed(1)} rows)`
    );
}

const options = { includeDeleted: false, apiVersion: '66.0' };
measure(
    'FO read, 200 IDs + line items',
    (i) => engine.execute(fulfillmentOrderSoql(pick(i, 200)), options).totalSize
);
measure(
    'FO read, 50 IDs + line items',
    (i) => engine.execute(fulfillmentOrderSoql(pick(i, 50)), options).totalSize
);
measure(
    'FO read, 1 ID (Id IN) + line items',
    (i) => engine.execute(fulfillmentOrderSoql(pick(i, 1)), options).totalSize
);
measure(
    "single read WHERE Id = '...'",
    (i) =>
        engine.execute(
            `SELECT Id, Status, OrderSummaryId FROM FulfillmentOrder WHERE Id = '${foIds[i % foIds.length]}'`,
            options
        ).totalSize
);
measure(
    "FO IDs WHERE OrderSummaryId = '...'",
    (i) =>
        engine.execute(
            `SELECT Id FROM FulfillmentOrder WHERE OrderSummaryId = '${seeded.orderSummaryIds[i % seeded.orderSummaryIds.length]}'`,
            options
        ).totalSize
);
