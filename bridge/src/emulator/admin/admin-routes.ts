/**
 * The admin API under `/__emulator/` (documented in docs/emulator.md). It exists only in test and demo mode;
 * in normal mode every admin path answers 404 like any unknown URL.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { SessionService } from '../auth/session-service.ts';
import type { ApiUsage } from '../rest/api-usage.ts';
import type { AdminHookInputs, AdminHookName, AdminHooks } from './admin-hooks.ts';
import { REST_FAULT_KINDS, type FaultInjector, type RestFaultKind } from './fault-injector.ts';

export interface AdminDeps {
    sessions: SessionService;
    usage: ApiUsage;
    faults: FaultInjector;
    hooks: AdminHooks;
    /** Live record counts per object. */
    recordCounts: () => Record<string, number>;
}

/** Bad admin input: 400 naming the field. */
class AdminInputError extends Error {}

const body = (req: Request) => ((req.body ?? {}) as Record<string, unknown>) || {};

function count(req: Request, field = 'count', fallback = 1): number {
    const value = body(req)[field] ?? fallback;
    if (!Number.isInteger(value) || (value as number) < 0) throw new AdminInputError(`${field} must be a non-negative integer, got ${JSON.stringify(value)}`);
    return value as number;
}

function text(req: Request, field: string): string {
    const value = body(req)[field];
    if (typeof value !== 'string' || value === '') throw new AdminInputError(`${field} is required (a non-empty string)`);
    return value;
}

type Handler = (req: Request) => unknown;

export function createAdminRouter(deps: AdminDeps): Router {
    const router = express.Router();
    router.use(express.json({ limit: '1mb' }));

    const handle = (fn: Handler) => async (req: Request, res: Response) => {
        try {
            res.json((await fn(req)) ?? { ok: true });
        } catch (error) {
            if (error instanceof AdminInputError) res.status(400).json({ error: 'invalid_input', message: error.message });
            else res.status(500).json({ error: 'admin_action_failed', message: error instanceof Error ? error.message : String(error) });
        }
    };

    const hook = async <K extends AdminHookName>(name: K, input: AdminHookInputs[K]) => {
        if (!deps.hooks.has(name)) throw new AdminInputError(`${name} is not available: the part of the emulator that provides it is not running`);
        return { ok: true, result: (await deps.hooks.run(name, input)) ?? null };
    };

    router.get('/status', handle(() => ({ records: deps.recordCounts(), activeSessions: deps.sessions.activeCount, faults: deps.faults.status(), hooks: deps.hooks.names() })));
    router.post('/sessions/expire', handle(() => ({ expired: deps.sessions.expireAll() })));
    router.get('/api-usage', handle(() => ({ used: deps.usage.count, limit: deps.usage.dailyLimit, byEndpoint: deps.usage.endpoints() })));
    router.delete('/api-usage', handle(() => (deps.usage.reset(), { ok: true })));

    router.get('/faults', handle(() => deps.faults.status()));
    router.delete('/faults', handle(() => (deps.faults.reset(), { ok: true })));
    router.post(
        '/faults/rest',
        handle((req) => {
            const kind = text(req, 'kind') as RestFaultKind;
            if (!REST_FAULT_KINDS.includes(kind)) throw new AdminInputError(`kind must be one of ${REST_FAULT_KINDS.join(', ')}, got '${kind}'`);
            deps.faults.failNext(kind, count(req));
            return deps.faults.status();
        })
    );
    router.post('/faults/drop-connections', handle((req) => (deps.faults.dropNext(count(req)), deps.faults.status())));
    router.post('/faults/latency', handle((req) => (deps.faults.setLatency(count(req, 'ms', 0)), deps.faults.status())));

    router.post('/cometd/forget-clients', handle(() => hook('forgetCometdClients', {})));
    router.post(
        '/events/gap',
        handle((req) => {
            const recordIds = body(req).recordIds;
            if (!Array.isArray(recordIds) || recordIds.some((id) => typeof id !== 'string')) throw new AdminInputError('recordIds must be an array of record IDs');
            const changeType = body(req).changeType;
            if (changeType !== undefined && typeof changeType !== 'string') throw new AdminInputError('changeType must be a string such as GAP_UPDATE');
            return hook('emitGapEvents', { entityName: text(req, 'entityName'), recordIds: recordIds as string[], changeType });
        })
    );
    router.post('/events/overflow', handle((req) => hook('emitOverflowEvent', { entityName: text(req, 'entityName') })));
    router.post('/events/purge', handle((req) => hook('purgeEvents', { olderThanMs: count(req, 'olderThanMs', 0) })));
    router.post('/orders', handle((req) => hook('placeOrders', { count: count(req) })));
    return router;
}
