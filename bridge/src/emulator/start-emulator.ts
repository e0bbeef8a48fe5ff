/**
 * Starts a complete emulated org: schema from the standard model and force-app/, the record store (seeded or
 * restored from a snapshot), OAuth, REST with the Connect resources, the event bus with CometD, and the admin
 * API in test/demo mode. This is the emulator's composition root.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdminHooks } from './admin/admin-hooks.ts';
import { FaultInjector } from './admin/fault-injector.ts';
import { resolveCredentials, type IntegrationCredentials } from './auth/integration-user.ts';
import type { OrgIdentity } from './auth/org-identity.ts';
import { SessionService } from './auth/session-service.ts';
import { registerConnectRoutes } from './connect/index.ts';
import { createEmulatorApp } from './emulator-server.ts';
import { ApiUsage } from './rest/api-usage.ts';
import { LATEST_VERSION } from './rest/versions.ts';
import { SchemaRegistry } from './schema/schema-registry.ts';
import { placeOrder } from './seed/place-order.ts';
import { seedOrg } from './seed/seed-org.ts';
import { QueryEngine } from './soql/query-engine.ts';
import { loadSnapshot, saveSnapshot } from './store/snapshot.ts';
import { RecordStore } from './store/record-store.ts';
import { EventBus, type GapChangeType } from './streaming/event-bus.ts';
import { attachCometd, type CometdHandle } from './streaming/cometd-server.ts';
import { orgLimits } from './rest/org-limits.ts';

export type EmulatorMode = 'normal' | 'test' | 'demo';

export interface StartEmulatorOptions {
    /** Port (default 0: any free port). */
    port?: number;
    /** Interface to bind (default 127.0.0.1: loopback only). */
    host?: string;
    /** Seed for generated data (default 42). */
    seed?: number;
    /** Order summaries generated on a fresh start (default 50). */
    orders?: number;
    /** `test` and `demo` enable the admin API (default normal). */
    mode?: EmulatorMode;
    /** JSON file the org is loaded from at start (if present) and saved to on stop. */
    snapshotFile?: string;
    /** Session lifetime in seconds (default 7200). */
    sessionSeconds?: number;
    /** Daily API request allowance (default 100,000). */
    apiDailyLimit?: number;
    /** How long events stay replayable, ms (default 72 h). */
    retentionMs?: number;
    /** CometD long-poll timeout, ms (default 110 s). */
    longPollTimeoutMs?: number;
    /** CometD reconnect window, ms (default 40 s). */
    reconnectWindowMs?: number;
    /** Package metadata folder (default ./force-app). */
    forceAppDir?: string;
    /** Fixed credentials (e.g. a configured public key); whatever is missing is generated. */
    credentials?: Partial<IntegrationCredentials>;
    /** Receives one-line operational messages (default: none). */
    log?: (message: string) => void;
}

/** Everything a client or test needs from a running emulator. */
export interface RunningEmulator {
    port: number;
    host: string;
    loginUrl: string;
    instanceUrl: string;
    mode: EmulatorMode;
    credentials: IntegrationCredentials & { refreshToken: string; userId: string; orgId: string };
    schema: SchemaRegistry;
    store: RecordStore;
    sessions: SessionService;
    bus: EventBus;
    cometd: CometdHandle;
    usage: ApiUsage;
    faults: FaultInjector;
    hooks: AdminHooks;
    stop(): Promise<void>;
}

const stderr = (error: unknown) => process.stderr.write(`emulator: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);

function ensureIntegrationUser(store: RecordStore, credentials: IntegrationCredentials): string {
    const existing = store.findBy('User', 'Username', credentials.username)[0];
    if (existing) return existing.Id;
    // Created by the platform's automated-process user, the same one the seed data uses.
    const context = { userId: '005000000000001AAA', api: 'emulator' };
    const user = store.transaction(context, (tx) => tx.insert('User', { Username: credentials.username, LastName: 'Integration', FirstName: 'OMS', Email: 'integration@example.com', Alias: 'integ' }));
    return user.Id;
}

function listen(server: Server, port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
    });
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
    const log = options.log ?? (() => undefined);
    const host = options.host ?? '127.0.0.1';
    const mode = options.mode ?? 'normal';
    const now = Date.now;
    const schema = SchemaRegistry.load({ forceAppDir: options.forceAppDir });
    for (const warning of schema.warnings()) log(`metadata: ${warning}`);
    const store = new RecordStore(schema, { now, onListenerError: stderr });
    const snapshot = options.snapshotFile ? loadSnapshot(options.snapshotFile) : undefined;
    if (snapshot) store.importState(snapshot.store);
    const credentials = snapshot?.credentials ?? resolveCredentials(options.credentials);
    const userId = ensureIntegrationUser(store, credentials);
    if (!snapshot && (options.orders ?? 50) > 0) {
        const summary = seedOrg(store, { seed: options.seed ?? 42, orders: options.orders ?? 50 });
        log(`seeded ${summary.orderSummaryIds.length} orders (seed ${summary.seed})`);
    }
    // The bus starts after seeding: the seeded history is the org's past, not events waiting to be delivered.
    const bus = new EventBus({ schema, store, retentionMs: options.retentionMs, now });
    const sessions = new SessionService({ orgId: store.orgId, sessionSeconds: options.sessionSeconds, now });
    const usage = new ApiUsage({ dailyLimit: options.apiDailyLimit, now });
    const faults = new FaultInjector();
    const hooks = new AdminHooks();
    const query = new QueryEngine({ schema, store, now });

    let port = 0;
    const baseUrl = () => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const identity: OrgIdentity = {
        orgId: store.orgId,
        userId,
        username: credentials.username,
        displayName: 'OMS Integration',
        email: 'integration@example.com',
        loginUrl: baseUrl,
        instanceUrl: baseUrl,
        latestVersion: LATEST_VERSION
    };
    const refreshToken = sessions.issueRefreshToken({ userId, username: credentials.username }, credentials.clientId);
    const app = createEmulatorApp({
        oauth: { sessions, credentials, identity, now },
        rest: {
            api: { schema, store, bus, query, limits: () => orgLimits(usage) },
            sessions,
            usage,
            faults,
            onUnexpectedError: stderr,
            extraRoutes: (router, contextFor) => registerConnectRoutes(router, { schema, store, contextFor, onUnexpectedError: stderr })
        },
        admin: mode === 'normal' ? undefined : { sessions, usage, faults, hooks, recordCounts: () => store.counts() },
        faults,
        onUnexpectedError: stderr
    });
    const server = createServer(app);
    const cometd = attachCometd(server, {
        sessions,
        bus,
        schema,
        longPollTimeoutMs: options.longPollTimeoutMs,
        reconnectWindowMs: options.reconnectWindowMs,
        shouldDropConnection: () => faults.shouldDropConnection()
    });
    port = await listen(server, options.port ?? 0, host);

    hooks.register('forgetCometdClients', () => cometd.forgetAllClients());
    hooks.register('emitGapEvents', (input) => bus.emitGapEvents(input.entityName, input.recordIds, (input.changeType ?? 'GAP_UPDATE') as GapChangeType).length);
    hooks.register('emitOverflowEvent', (input) => bus.emitOverflow(input.entityName).length);
    hooks.register('purgeEvents', (input) => ({ purged: bus.purgeOlderThan(now() - input.olderThanMs) }));
    let orderSeed = (options.seed ?? 42) * 7919;
    hooks.register('placeOrders', (input) => Array.from({ length: input.count }, () => placeOrder(store, { seed: ++orderSeed })));

    let stopped = false;
    const stop = async () => {
        if (stopped) return;
        stopped = true;
        await cometd.close();
        await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        });
        bus.close();
        if (options.snapshotFile) {
            saveSnapshot(options.snapshotFile, credentials, store.exportState());
            log(`saved snapshot to ${options.snapshotFile}`);
        }
    };
    const url = baseUrl();
    log(`emulator listening on ${url} (${mode} mode)`);
    return {
        port,
        host,
        loginUrl: url,
        instanceUrl: url,
        mode,
        credentials: { ...credentials, refreshToken, userId, orgId: store.orgId },
        schema,
        store,
        sessions,
        bus,
        cometd,
        usage,
        faults,
        hooks,
        stop
    };
}
