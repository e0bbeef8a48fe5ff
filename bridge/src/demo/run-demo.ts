/**
 * `oms-bridge start`, the main job. Without Salesforce credentials it brings up the whole pipeline on
 * this machine — Redis (the configured one or a private server), the org emulator, the sandbox WMS and
 * ERP, the bridge and its board — feeds a steady stream of storefront orders into the emulator and
 * shows the flow live. With credentials it runs the bridge against the configured org and adapters.
 */
import { hasOrgCredentials } from '../config/load-config.ts';
import type { BridgeConfig } from '../config/schema.ts';
import { startEmulator, type RunningEmulator } from '../emulator/start-emulator.ts';
import { OrderFeeder } from '../emulator/seed/order-feeder.ts';
import { startBridge, type RunningBridge } from '../main.ts';
import { createLogger, type Logger } from '../observability/logger.ts';
import type { Redactor } from '../observability/redact.ts';
import { deleteKeysWithPrefix, ensureRedis, portIsFree, type RedisEndpoint } from '../runtime/local-redis.ts';
import { salesforceConfigForEmulator } from './emulator-salesforce-config.ts';
import { FlowCounters } from './flow-counters.ts';
import { progressLine } from './progress-line.ts';

export interface RunDemoOptions {
    config: BridgeConfig;
    redactor: Redactor;
    /** Stop by itself after this many seconds (default: run until Ctrl-C). */
    forSeconds?: number;
    out?: NodeJS.WriteStream;
}

interface Running {
    redis: RedisEndpoint;
    emulator?: RunningEmulator;
    bridge?: RunningBridge;
    feeder?: OrderFeeder;
}

/** Points the Salesforce settings at the emulator's integration user (JWT bearer, like a real org). */
function emulatorConfig(config: BridgeConfig, emulator: RunningEmulator, redactor: Redactor): BridgeConfig {
    redactor.addSecret(emulator.credentials.privateKeyPem);
    redactor.addSecret(emulator.credentials.clientSecret);
    return {
        ...config,
        salesforce: salesforceConfigForEmulator(config, emulator),
        // The demo board listens on loopback only, so it may run without a password (said on screen).
        http: { ...config.http, board: { ...config.http.board, localOnly: config.http.board.localOnly || !config.http.board.password && !config.http.board.token } }
    };
}

export async function runDemo(options: RunDemoOptions): Promise<void> {
    const out = options.out ?? process.stdout;
    const onOrg = hasOrgCredentials(options.config);
    let config = options.config;
    const logger: Logger = createLogger({ level: onOrg ? config.log.level : config.demo.logLevel, format: config.log.format, redactor: options.redactor });
    const running: Running = { redis: await ensureRedis(config.redis.url, { startLocalIfMissing: config.redis.startLocalIfMissing && !onOrg }) };
    // An emulated org lives only as long as this run, so its queues, checkpoints and leases get a
    // namespace of their own, removed at the end: a later run must not see this org's job IDs.
    const demoPrefix = onOrg ? undefined : `{omsb-demo-${Date.now().toString(36)}-${process.pid}}`;
    config = { ...config, redis: { ...config.redis, url: running.redis.url, prefix: demoPrefix ?? config.redis.prefix } };
    if (running.redis.started) out.write(`Started a private redis-server at ${running.redis.url}\n`);
    const counters = new FlowCounters();
    let ticker: NodeJS.Timeout | undefined;
    const stop = async () => {
        if (ticker) clearInterval(ticker);
        running.feeder?.stop();
        await running.bridge?.stop(5000);
        await running.emulator?.stop();
        if (demoPrefix) await deleteKeysWithPrefix(running.redis.url, demoPrefix).catch(() => 0);
        await running.redis.close();
    };
    try {
        if (!onOrg) {
            running.emulator = await startEmulator({ port: config.emulator.port, seed: config.emulator.seed, orders: config.emulator.orders, mode: 'demo' });
            config = emulatorConfig(config, running.emulator, options.redactor);
            out.write(`Salesforce org emulator at ${running.emulator.instanceUrl} (no org credentials configured)\n`);
            // The demo must start on any machine: when the configured port is taken, take a free one.
            if (config.http.port !== 0 && !(await portIsFree(config.http.host, config.http.port))) {
                out.write(`Port ${config.http.port} is in use; the board gets a free port instead.\n`);
                config = { ...config, http: { ...config.http, port: 0 } };
            }
        } else {
            out.write(`Running against ${config.salesforce.loginUrl}\n`);
        }
        running.bridge = await startBridge({ config, logger, redactor: options.redactor, progress: counters });
        const http = running.bridge.http;
        if (http) out.write(`Board: http://${http.host}:${http.port}/board${config.http.board.localOnly ? ' (loopback only, no password)' : ''}  Metrics: http://${http.host}:${http.port}/metrics\n`);
        // A first start subscribes for new events only (-1), so orders wait until every channel is live.
        for (let waited = 0; waited < 30_000 && !running.bridge.intake?.status().channels.every((c) => c.connected); waited += 100) {
            await new Promise((r) => setTimeout(r, 100));
        }
        if (running.emulator && config.demo.ordersPerSecond > 0) {
            running.feeder = new OrderFeeder(running.emulator.store, {
                ratePerSecond: config.demo.ordersPerSecond,
                seed: config.emulator.seed + 1,
                onError: (err) => logger.error({ err }, 'demo order feeder failed to place an order')
            }).start();
            out.write(`Placing ${config.demo.ordersPerSecond} storefront orders per second. Ctrl-C stops.\n`);
        }
    } catch (err) {
        await stop();
        throw err;
    }
    const bridge = running.bridge;
    const render = async (final = false) => {
        const line = progressLine({
            ordersPlaced: running.feeder?.placed ?? 0,
            counters,
            deadLettered: await bridge.deadLetterCount().catch(() => 0),
            apiUsed: bridge.limitInfo()?.apiUsed,
            apiLimit: bridge.limitInfo()?.apiLimit
        });
        out.write(out.isTTY && !final ? `\r\x1b[K${line}` : `${line}\n`);
    };
    let ticks = 0;
    ticker = setInterval(() => {
        ticks++;
        if (out.isTTY || ticks % 5 === 0) void render();
    }, 1000);
    await new Promise<void>((resolve) => {
        const done = () => resolve();
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
        if (options.forSeconds) setTimeout(done, options.forSeconds * 1000).unref();
    });
    if (ticker) clearInterval(ticker);
    ticker = undefined;
    running.feeder?.stop();
    await render(true);
    out.write('Stopping...\n');
    await stop();
    out.write('Stopped.\n');
}
