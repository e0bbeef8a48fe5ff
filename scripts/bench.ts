/**
 * `npm run bench`: the whole order-to-cash loop on the emulator, measured.
 *
 * 1. Bare BullMQ no-op throughput on the same Redis (the ceiling).
 * 2. Backlog + throughput: N fulfilment orders are placed while the workers are stopped, so their
 *    events pile up as queued jobs (peak RSS is read with that backlog); then the workers start and
 *    the time until every fulfilment order's invoice is posted to the ERP gives orders/s end to end.
 *    Salesforce API calls are counted by the emulator and set against the minimum for the same writes.
 * 3. Latency at a steady rate: orders placed at R/s; commit → WMS submission and shipment
 *    confirmation → Salesforce write-back, p50/p95/p99.
 *
 * The emulator runs in a child process (a real org is remote, too); the bridge runs in this one.
 * Usage: npm run bench -- [--orders 10000] [--rate 200] [--seconds 10] [--concurrency 200] [--profile FILE.cpuprofile] [--profile-emulator DIR]
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolveConfig } from '../bridge/src/config/load-config.ts';
import type { BridgeConfig } from '../bridge/src/config/schema.ts';
import { salesforceConfigForEmulator } from '../bridge/src/demo/emulator-salesforce-config.ts';
import { FlowCounters } from '../bridge/src/demo/flow-counters.ts';
import { startBridge } from '../bridge/src/main.ts';
import { createLogger } from '../bridge/src/observability/logger.ts';
import { Redactor } from '../bridge/src/observability/redact.ts';
import { deleteKeysWithPrefix, ensureRedis } from '../bridge/src/runtime/local-redis.ts';
import { bareBullmqThroughput } from './bench/bare-bullmq.ts';
import { startEmulatorProcess, type EmulatorProcess } from './bench/emulator-process.ts';
import { summarize } from './bench/percentiles.ts';
import { CpuMeter } from './bench/cpu-meter.ts';
import { DrainProfiler } from './bench/drain-profiler.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function flag(name: string, fallback: number): number {
    const i = process.argv.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const value = Number(process.argv[i + 1]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} expects a positive number, got "${process.argv[i + 1]}"`);
    return value;
}

const ORDERS = flag('orders', 10_000);
const RATE = flag('rate', 200);
const SECONDS = flag('seconds', 10);
const CONCURRENCY = flag('concurrency', 200);
const BARE_JOBS = 20_000;
function option(name: string): string | undefined {
    const i = process.argv.indexOf(`--${name}`);
    return i < 0 ? undefined : process.argv[i + 1];
}
const PROFILE_FILE = option('profile');
/** Directory for a V8 CPU profile of the emulator process, written when it stops. */
const EMULATOR_PROFILE_DIR = option('profile-emulator');

interface PlacedOrder {
    orderSummaryId: string;
    fulfillmentOrderIds: string[];
}

function benchConfig(base: BridgeConfig, emulator: EmulatorProcess, redisUrl: string, prefix: string): BridgeConfig {
    return {
        ...base,
        salesforce: salesforceConfigForEmulator(base, {
            loginUrl: emulator.loginUrl,
            credentials: { clientId: emulator.clientId, username: emulator.username, privateKeyPem: emulator.privateKeyPem }
        }),
        redis: { ...base.redis, url: redisUrl, prefix },
        queues: { ...base.queues, concurrency: CONCURRENCY },
        adapters: {
            ...base.adapters,
            wms: {
                ...base.adapters.wms,
                sandbox: {
                    ...base.adapters.wms.sandbox,
                    ackDelayMs: 0,
                    pickDelayMs: 0,
                    packDelayMs: 0,
                    shipDelayMs: 0,
                    transientFailureRate: 0,
                    rejectionRate: 0,
                    shortPickRate: 0
                }
            },
            erp: { ...base.adapters.erp, sandbox: { ...base.adapters.erp.sandbox, postingDelayMs: 0, transientFailureRate: 0 } }
        },
        flows: { ...base.flows, billingPollIntervalMs: 3_600_000 }
    };
}

async function waitFor(what: string, test: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await test())) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
    }
}

async function placeOrders(emulator: EmulatorProcess, count: number, placedAt: Map<string, number>): Promise<number> {
    const started = Date.now();
    const placed = await emulator.admin<{ result?: PlacedOrder[] } | PlacedOrder[]>('POST', '/orders', { count });
    const list = Array.isArray(placed) ? placed : (placed.result ?? []);
    let fos = 0;
    for (const order of list) for (const foId of order.fulfillmentOrderIds) {
        placedAt.set(foId, started);
        fos++;
    }
    return fos;
}

async function main(): Promise<void> {
    const base = resolveConfig({ files: [{ name: 'default.yaml', text: readFileSync(resolve(root, 'config/default.yaml'), 'utf8') }], env: {} }).config;
    const redis = await ensureRedis(process.env.REDIS_URL ?? base.redis.url, { startLocalIfMissing: true });
    const prefix = `{omsb-bench-${Date.now().toString(36)}}`;
    const out = (line = '') => process.stdout.write(`${line}\n`);
    out(`oms-bridge benchmark — ${ORDERS} fulfillment orders, latency at ${RATE} orders/s for ${SECONDS} s, worker concurrency ${CONCURRENCY}`);
    out(`Node ${process.version}, Redis ${redis.url}${redis.started ? ' (private)' : ''}`);

    const cpu = new CpuMeter(redis.url);
    const bareCpuBefore = await cpu.sample();
    const bareJobsPerSecond = await bareBullmqThroughput(redis.url, prefix, BARE_JOBS, 50);
    const bareCpu = CpuMeter.since(bareCpuBefore, await cpu.sample());
    out(`bare BullMQ no-op jobs:                 ${bareJobsPerSecond.toFixed(0)} jobs/s; CPU per job: Node ${(bareCpu.bridgeMs / BARE_JOBS).toFixed(3)} ms, Redis ${(bareCpu.redisMs / BARE_JOBS).toFixed(3)} ms`);

    const emulator = await startEmulatorProcess(root, [], EMULATOR_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', EMULATOR_PROFILE_DIR] : []);
    cpu.watchEmulator(emulator.pid);
    const redactor = new Redactor([emulator.privateKeyPem]);
    const logger = createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'error', format: 'json', redactor });
    const counters = new FlowCounters();
    const config = benchConfig(base, emulator, redis.url, prefix);
    let peakRss = process.memoryUsage().rss;
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const bridge = await startBridge({ config, logger, redactor, progress: counters, run: { workers: false, http: false, billingPoller: false } });
    try {
        // A first start subscribes for new events only (-1): place nothing before every channel is live.
        await waitFor('the intake to subscribe', () => {
            const status = bridge.intake?.status();
            return status?.role === 'leader' && status.channels.every((c) => c.connected);
        }, 60_000);
        // Phase 2: backlog, then drain.
        await emulator.admin('DELETE', '/api-usage');
        const placedAt = new Map<string, number>();
        let fos = 0;
        while (fos < ORDERS) fos += await placeOrders(emulator, Math.min(200, Math.ceil((ORDERS - fos) / 1.2)), placedAt);
        const sfEvents = bridge.host.producer.queue('sf-events');
        let last = -1;
        await waitFor('the intake to queue the backlog', async () => {
            const waiting = await sfEvents.getWaitingCount();
            const settled = waiting === last && waiting > 0;
            last = waiting;
            if (!settled) await new Promise((r) => setTimeout(r, 1000));
            return settled;
        }, 300_000);
        const backlog = await sfEvents.getWaitingCount();
        const rssWithBacklog = process.memoryUsage().rss;
        const heapWithBacklog = process.memoryUsage().heapUsed;
        const drainStart = Date.now();
        const cpuBefore = await cpu.sample();
        const profiler = new DrainProfiler(PROFILE_FILE);
        await profiler.start();
        await bridge.startWorkers();
        await waitFor(`${fos} invoices posted`, () => counters.get('invoice-posted') >= fos, 1_800_000);
        const drainSeconds = (Date.now() - drainStart) / 1000;
        const drainCpu = CpuMeter.since(cpuBefore, await cpu.sample());
        const heapAfterDrain = process.memoryUsage().heapUsed;
        const profileFile = await profiler.stop();
        await bridge.writer.flush();
        const usage = await emulator.admin<{ used: number; byEndpoint: Record<string, number> }>('GET', '/api-usage');
        const connectCalls = Object.entries(usage.byEndpoint)
            .filter(([endpoint]) => endpoint.includes('/commerce/'))
            .reduce((sum, [, n]) => sum + n, 0);
        // Writes: full collections of 200 records, five collections per Composite call.
        let minimumCollections = 0;
        const writeLines: string[] = [];
        for (const [op, stat] of bridge.writeStats) {
            minimumCollections += Math.ceil(stat.records / 200);
            writeLines.push(`    ${op.padEnd(44)} ${String(stat.records).padStart(7)} records in ${String(stat.calls).padStart(6)} collections`);
        }
        const minimumWrites = Math.ceil(minimumCollections / 5);
        writeLines.push(`    write-back API calls (Collections and Composite): ${bridge.writeApiCalls()}`);
        // Each fulfilment order and each invoice must be read at least once; 200 per query is the batch the bridge uses.
        // Connect actions cannot be batched: they are counted as made.
        const minimumReads = Math.ceil(fos / 200) * 2;
        const minimum = connectCalls + minimumWrites + minimumReads;
        const perThousand = (n: number) => ((n / fos) * 1000).toFixed(0);

        out();
        out(`backlog:                                ${backlog} queued Salesforce events for ${fos} fulfillment orders`);
        out(`RSS with that backlog:                  ${(rssWithBacklog / 1048576).toFixed(0)} MB`);
        // The sandbox WMS and ERP run in this process and keep every order and document they saw.
        out(`V8 heap in use before / after the drain: ${(heapWithBacklog / 1048576).toFixed(0)} MB / ${(heapAfterDrain / 1048576).toFixed(0)} MB (the in-process sandbox WMS and ERP keep every order and document)`);
        out(`throughput, event → ERP posting:        ${(fos / drainSeconds).toFixed(0)} orders/s (${fos} in ${drainSeconds.toFixed(1)} s)`);
        out(`  ratio to bare BullMQ no-op jobs/s:    ${((fos / drainSeconds) / bareJobsPerSecond).toFixed(3)}`);
        const perOrder = (ms: number) => (ms / fos).toFixed(2);
        out(`CPU per order during the drain:         bridge ${perOrder(drainCpu.bridgeMs)} ms, emulator ${perOrder(drainCpu.emulatorMs)} ms, Redis ${perOrder(drainCpu.redisMs)} ms`);
        if (profileFile) out(`  CPU profile of the drain:             ${profileFile}`);
        out(`  machine CPU in use during the drain:  ${(((drainCpu.bridgeMs + drainCpu.emulatorMs + drainCpu.redisMs) / 1000 / drainSeconds) * 100).toFixed(0)} % of one core (${availableParallelism()} cores)`);
        out(`Salesforce API calls per 1,000 orders:  ${perThousand(usage.used)} (minimum for the same work ${perThousand(minimum)}; ratio ${(usage.used / minimum).toFixed(2)})`);
        out(`  Connect actions (not batchable):      ${connectCalls}`);
        for (const line of writeLines) out(line);
        const top = Object.entries(usage.byEndpoint).sort((a, b) => b[1] - a[1]).slice(0, 8);
        out(`  calls by endpoint: ${top.map(([e, n]) => `${e}=${n}`).join(', ')}`);

        // Phase 3: latency at a steady rate, from idle queues (the drain's last jobs would otherwise be
        // measured as queueing).
        await waitFor('every queue to be idle', async () => {
            for (const name of bridge.host.queueNames()) {
                const counts = await bridge.host.producer.queue(name).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
                if (Object.values(counts).some((n) => n > 0)) return false;
            }
            return true;
        }, 600_000);
        const submitLatency: number[] = [];
        const writebackLatency: number[] = [];
        const latencyPlaced = new Map<string, number>();
        const shippedAt = new Map<string, number>();
        const removeWms = bridge.adapters.wms.events.onEvent(async (event) => {
            if (event.type === 'shipped') shippedAt.set(event.fulfillmentOrderId, Date.now());
        });
        const removeMilestones = counters.onMilestone((name, detail) => {
            const foId = detail?.fulfillmentOrderId;
            if (!foId) return;
            if (name === 'sent-to-wms' && latencyPlaced.has(foId)) submitLatency.push(Date.now() - (latencyPlaced.get(foId) ?? 0));
            if (name === 'written-back' && shippedAt.has(foId) && latencyPlaced.has(foId)) writebackLatency.push(Date.now() - (shippedAt.get(foId) ?? 0));
        });
        const postedBefore = counters.get('invoice-posted');
        let latencyFos = 0;
        const perTick = RATE / 20;
        let owed = 0;
        const phaseEnd = Date.now() + SECONDS * 1000;
        while (Date.now() < phaseEnd) {
            const tickStart = Date.now();
            owed += perTick;
            const count = Math.floor(owed);
            owed -= count;
            if (count > 0) latencyFos += await placeOrders(emulator, count, latencyPlaced);
            await new Promise((r) => setTimeout(r, Math.max(0, 50 - (Date.now() - tickStart))));
        }
        await waitFor('the latency phase to finish', () => counters.get('invoice-posted') - postedBefore >= latencyFos, 600_000);
        removeWms();
        removeMilestones();
        const submit = summarize(submitLatency);
        const writeback = summarize(writebackLatency);
        clearInterval(rssTimer);
        out();
        out(`latency at ${RATE} orders/s (${latencyFos} fulfillment orders):`);
        out(`  Salesforce commit → WMS submission:   p50 ${submit.p50} ms, p95 ${submit.p95} ms, p99 ${submit.p99} ms (n=${submit.n})`);
        out(`  shipment → Salesforce write-back:     p50 ${writeback.p50} ms, p95 ${writeback.p95} ms, p99 ${writeback.p99} ms (n=${writeback.n})`);
        out(`peak RSS of the bridge process:         ${(peakRss / 1048576).toFixed(0)} MB`);
        out();
        out('targets: ≥ 500 orders/s end to end; API calls ≤ 1.2 × minimum; p99 commit → WMS < 250 ms at 200 orders/s; peak RSS < 400 MB with a 50,000-job backlog');
    } finally {
        clearInterval(rssTimer);
        await bridge.stop(5000);
        cpu.close();
        await emulator.stop();
        await deleteKeysWithPrefix(redis.url, prefix);
        await redis.close();
    }
}

main().then(
    () => process.exit(0),
    (err: unknown) => {
        process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
        process.exit(1);
    }
);
