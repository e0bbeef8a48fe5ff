/**
 * bull-board on the bridge's HTTP server. Operators see waiting, active (stuck), delayed and failed
 * jobs per queue and can retry them; job data goes through the redacting formatter first.
 */
import { Router } from 'express';
import type { Queue } from 'bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Redactor } from '../observability/redact.ts';
import { boardAuth, type BoardAuthSettings } from './board-auth.ts';
import { boardDataFormatter } from './board-data-formatter.ts';

export interface BoardOptions {
    queues: Queue[];
    auth: BoardAuthSettings;
    /** The HTTP server's bind address, to judge whether an unprotected board is really local. */
    host: string;
    /** Where the router will be mounted (default /board); bull-board needs it for its links. */
    basePath?: string;
    redactor?: Redactor;
}

/** Builds the protected board router. Throws BoardProtectionError when it would be left open. */
export function createBoardRouter(options: BoardOptions): Router {
    const basePath = options.basePath ?? '/board';
    const guard = boardAuth(options.auth, options.host);
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(basePath);
    const format = boardDataFormatter(options.redactor ?? new Redactor());
    const adapters = options.queues.map((queue) => {
        const adapter = new BullMQAdapter(queue, { readOnlyMode: false, allowRetries: true });
        adapter.setFormatter('data', format);
        adapter.setFormatter('returnValue', format);
        return adapter;
    });
    // @bull-board/express pins its own copy of @bull-board/api; the two are the same at runtime.
    const server = serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'];
    createBullBoard({ queues: adapters, serverAdapter: server, options: { uiConfig: { boardTitle: 'oms-bridge' } } });
    const router = Router();
    router.use(guard);
    router.use(serverAdapter.getRouter() as Router);
    return router;
}
