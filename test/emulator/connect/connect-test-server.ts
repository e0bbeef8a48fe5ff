/**
 * An HTTP server with only the Connect routes over a real schema and record store, driven by the real jsforce
 * client. The emulator's session handling is not involved, so any access token is accepted.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Connection } from 'jsforce';
import { registerConnectRoutes } from '../../../bridge/src/emulator/connect/index.ts';
import { RecordStore } from '../../../bridge/src/emulator/store/record-store.ts';
import { seedOrg, type SeedSummary } from '../../../bridge/src/emulator/seed/seed-org.ts';
import { fixtureSchema, TEST_CONTEXT } from '../fixtures.ts';

export interface ConnectTestServer {
    store: RecordStore;
    seed: SeedSummary;
    conn: Connection;
    unexpected: unknown[];
    close(): Promise<void>;
}

export async function startConnectTestServer(orders = 40): Promise<ConnectTestServer> {
    const schema = fixtureSchema();
    const store = new RecordStore(schema);
    const seed = seedOrg(store, { seed: 7, orders });
    const unexpected: unknown[] = [];
    const app = express();
    app.use(express.json());
    const router = express.Router({ mergeParams: true });
    registerConnectRoutes(router, { schema, store, contextFor: () => TEST_CONTEXT, onUnexpectedError: (error) => unexpected.push(error) });
    app.use('/services/data/:version', router);
    const server: Server = await new Promise((resolve) => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const { port } = server.address() as AddressInfo;
    const conn = new Connection({ instanceUrl: `http://127.0.0.1:${port}`, accessToken: 'test-token', version: '66.0' });
    return {
        store,
        seed,
        conn,
        unexpected,
        close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    };
}

/** The jsforce error for a call expected to fail with an HTTP error. */
export async function httpError(call: Promise<unknown>): Promise<{ errorCode: string; data: unknown }> {
    try {
        await call;
    } catch (error) {
        return error as { errorCode: string; data: unknown };
    }
    throw new Error('expected the call to fail');
}
