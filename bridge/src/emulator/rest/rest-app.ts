/**
 * The `/services/data` HTTP layer: versions list (no auth), then for `/vNN.N/...` the session check, API
 * counting with `Sforce-Limit-Info`, injected faults and latency, JSON body parsing, the Connect resources
 * and the data resources. Every failure is a Salesforce-shaped error body, never a stack trace.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { FaultInjector } from '../admin/fault-injector.ts';
import type { ChangeContext, Session, SessionValidator } from '../contracts.ts';
import { createDispatcher, type UnexpectedErrorSink } from './api-router.ts';
import type { ApiDeps } from './api-types.ts';
import type { ApiUsage } from './api-usage.ts';
import { LATEST_VERSION, servedVersion, versionList } from './versions.ts';

export interface RestAppDeps {
    api: ApiDeps;
    sessions: SessionValidator;
    usage: ApiUsage;
    faults?: FaultInjector;
    latestVersion?: string;
    /** Mounts extra routes (Connect resources) on the versioned router, after auth and counting. */
    extraRoutes?: (router: Router, contextFor: (req: Request) => ChangeContext) => void;
    onUnexpectedError: UnexpectedErrorSink;
}

const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
const NOT_FOUND = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];

interface CallState {
    session: Session;
    context: ChangeContext;
    version: string;
}

const states = new WeakMap<Request, CallState>();

/** `Sforce-Call-Options: client=oms-bridge, defaultNamespace=x` → `oms-bridge`. */
export const callOptionsClient = (header: string | undefined) => /(?:^|,)\s*client\s*=\s*([^,\s]+)/i.exec(header ?? '')?.[1];

const tokenOf = (req: Request) => /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
    if (text.trim() === '') return { ok: true, value: undefined };
    try {
        return { ok: true, value: JSON.parse(text) };
    } catch (error) {
        const position = /position (\d+)/.exec(String(error))?.[1];
        let line = 1;
        let column = 1;
        for (let i = 0; i < Number(position ?? text.length); i++) {
            if (text[i] === '\n') {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        return { ok: false, message: `Unexpected character in the request body: ${(error as Error).message} at [line:${line}, column:${column}]` };
    }
}

export function createRestApp(deps: RestAppDeps): Router {
    const latest = deps.latestVersion ?? LATEST_VERSION;
    const { dispatch, endpointOf } = createDispatcher(deps.onUnexpectedError);
    const app = express.Router();

    app.get(['/services/data', '/services/data/'], (_req, res) => {
        res.json(versionList(latest));
    });

    const versioned = express.Router({ mergeParams: true });
    app.use('/services/data/:version', (req: Request, res: Response, next: NextFunction) => {
        const version = servedVersion(String(req.params.version), latest);
        if (!version) {
            res.status(404).json(NOT_FOUND);
            return;
        }
        const token = tokenOf(req);
        const session = token ? deps.sessions.validate(token) : undefined;
        if (!session) {
            res.status(401).json(INVALID_SESSION);
            return;
        }
        const counted = deps.usage.record(endpointOf(req.method, req.path.replace(/\/$/, '')));
        res.setHeader('Sforce-Limit-Info', deps.usage.header());
        if (!counted) {
            res.status(403).json([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
            return;
        }
        const context: ChangeContext = { userId: session.userId, callOptionsClient: callOptionsClient(req.headers['sforce-call-options'] as string | undefined), api: `com/salesforce/api/rest/${version}` };
        states.set(req, { session, context, version });
        next();
    });
    app.use('/services/data/:version', async (_req: Request, res: Response, next: NextFunction) => {
        const fault = deps.faults?.takeRestFault();
        const latency = deps.faults?.latencyMs ?? 0;
        if (latency > 0) await sleep(latency);
        if (fault) {
            res.status(fault.statusCode).json(fault.body);
            return;
        }
        next();
    });
    app.use('/services/data/:version', express.text({ type: () => true, limit: '50mb' }), (req: Request, res: Response, next: NextFunction) => {
        const parsed = parseJson(typeof req.body === 'string' ? req.body : '');
        if (!parsed.ok) {
            res.status(400).json([{ message: parsed.message, errorCode: 'JSON_PARSER_ERROR' }]);
            return;
        }
        req.body = parsed.value;
        next();
    });
    app.use('/services/data/:version', versioned);

    const contextFor = (req: Request) => states.get(req)?.context ?? { userId: '' };
    deps.extraRoutes?.(versioned, contextFor);

    versioned.use((req: Request, res: Response) => {
        const state = states.get(req)!;
        const response = dispatch(
            {
                method: req.method,
                path: req.path.replace(/\/$/, ''),
                query: Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)])),
                body: req.body,
                version: state.version,
                session: state.session,
                context: state.context,
                headers: req.headers as Record<string, string | undefined>
            },
            deps.api
        );
        for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
        if (response.body === undefined) res.status(response.status).end();
        else res.status(response.status).json(response.body);
    });
    return app;
}
