/**
 * The bridge's HTTP server (express 5): `/healthz`, `/readyz`, `/metrics`, plus whatever other parts
 * mount (the board at `/board`, the WMS webhook at `/webhooks/wms`).
 */
import express, { type Express, type Router, type RequestHandler } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../observability/logger.ts';
import { bridgeMetrics, type BridgeMetrics } from '../observability/bridge-metrics.ts';
import { ReadinessRegistry } from './readiness-registry.ts';

export interface HttpServerOptions {
    host: string;
    /** 0 picks a free port. */
    port: number;
    logger: Logger;
    metrics?: BridgeMetrics;
    readiness?: ReadinessRegistry;
}

export interface HttpServer {
    app: Express;
    readiness: ReadinessRegistry;
    /** Mounts a router (or handler) under a path; call before or after listen(). */
    mount(path: string, router: Router | RequestHandler): void;
    listen(): Promise<{ port: number; host: string }>;
    close(): Promise<void>;
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
    const app = express();
    app.disable('x-powered-by');
    const metrics = options.metrics ?? bridgeMetrics;
    const readiness = options.readiness ?? new ReadinessRegistry();
    let server: Server | undefined;

    app.get('/healthz', (_req, res) => {
        res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
    });
    app.get('/readyz', async (_req, res) => {
        const result = await readiness.run();
        res.status(result.ready ? 200 : 503).json(result);
    });
    app.get('/metrics', async (_req, res) => {
        try {
            const { contentType, body } = await metrics.render();
            res.type(contentType).send(body);
        } catch (err) {
            options.logger.error({ err }, 'metrics could not be collected');
            res.status(500).type('text/plain').send('metrics could not be collected; see the bridge log');
        }
    });

    return {
        app,
        readiness,
        mount(path, router) {
            app.use(path, router);
        },
        listen() {
            return new Promise((resolveListen, reject) => {
                const s = app.listen(options.port, options.host);
                s.once('error', reject);
                s.once('listening', () => {
                    server = s;
                    const address = s.address() as AddressInfo;
                    options.logger.info({ host: options.host, port: address.port }, 'http server listening');
                    resolveListen({ port: address.port, host: options.host });
                });
            });
        },
        close() {
            return new Promise((resolveClose) => {
                if (!server) return resolveClose();
                server.close(() => resolveClose());
                server.closeAllConnections();
                server = undefined;
            });
        }
    };
}
