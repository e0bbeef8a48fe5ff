/**
 * Route table for `/services/data/vNN.N/...` data resources and the synchronous dispatcher that runs them.
 * Composite subrequests go through the same dispatcher, so they behave exactly like direct calls.
 */
import type { ApiDeps, ApiHandler, ApiRequest, ApiResponse } from './api-types.ts';
import { collectionCreate, collectionDelete, collectionRetrieve, collectionUpdate, collectionUpsert } from './collection-handlers.ts';
import { compositeBatchHandler } from './composite-batch-handler.ts';
import { compositeHandler } from './composite-handler.ts';
import { compositeTreeHandler } from './composite-tree-handler.ts';
import { replicationHandlers } from './replication-handlers.ts';
import { limitsHandler, resourcesHandler } from './org-handlers.ts';
import { queryAllHandler, queryHandler, queryMoreHandler } from './query-handlers.ts';
import { SalesforceApiError } from './salesforce-error.ts';
import {
    createHandler,
    deleteByExternalIdHandler,
    deleteHandler,
    describeBasic,
    describeFull,
    describeGlobal,
    retrieveByExternalIdHandler,
    retrieveHandler,
    updateHandler,
    upsertHandler
} from './sobject-handlers.ts';

interface Route {
    pattern: RegExp;
    /** Endpoint label for API counting; `{type}` is replaced by the object name. */
    label: string;
    methods: Record<string, ApiHandler>;
}

const SEG = '([^/]+)';
const route = (path: string, label: string, methods: Record<string, ApiHandler>, names: string[] = []): Route & { names: string[] } => ({
    pattern: new RegExp(`^${path}/?$`),
    label,
    methods,
    names
});

export type Dispatcher = (req: ApiRequest, deps: ApiDeps) => ApiResponse;

/** Called with errors that are not Salesforce API errors (bugs); the caller still gets UNKNOWN_EXCEPTION. */
export type UnexpectedErrorSink = (error: unknown, req: ApiRequest) => void;

export function createDispatcher(onUnexpected: UnexpectedErrorSink): { dispatch: Dispatcher; endpointOf: (method: string, path: string) => string } {
    const dispatch: Dispatcher = (req, deps) => {
        const matched = match(req.method, req.path);
        if (!matched) return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
        if (matched.kind === 'wrongMethod') {
            return { status: 405, body: [{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${req.method}' not allowed. Allowed are ${matched.allowed.join(',')}` }] };
        }
        try {
            return matched.handler(req, matched.params, deps);
        } catch (error) {
            if (error instanceof SalesforceApiError) return { status: error.statusCode, body: error.toBody() };
            onUnexpected(error, req);
            const errorId = Math.floor(Math.random() * 2 ** 31).toString();
            return { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}-0 (${errorId})` }] };
        }
    };

    const replication = replicationHandlers(Date.now());
    const routes = [
        route('', 'GET /', { GET: resourcesHandler }),
        route('/limits', 'GET /limits', { GET: limitsHandler }),
        route('/sobjects', '{method} /sobjects', { GET: describeGlobal }),
        route(`/sobjects/${SEG}/describe`, '{method} /sobjects/{type}/describe', { GET: describeFull }, ['type']),
        route(`/sobjects/${SEG}`, '{method} /sobjects/{type}', { GET: describeBasic, POST: createHandler }, ['type']),
        route(`/sobjects/${SEG}/updated`, 'GET /sobjects/{type}/updated', { GET: replication.updated }, ['type']),
        route(`/sobjects/${SEG}/deleted`, 'GET /sobjects/{type}/deleted', { GET: replication.deleted }, ['type']),
        route(`/sobjects/${SEG}/${SEG}`, '{method} /sobjects/{type}/{id}', { GET: retrieveHandler, PATCH: updateHandler, DELETE: deleteHandler }, ['type', 'id']),
        route(`/sobjects/${SEG}/${SEG}/(.+)`, '{method} /sobjects/{type}/{field}/{value}', { GET: retrieveByExternalIdHandler, PATCH: upsertHandler, DELETE: deleteByExternalIdHandler }, [
            'type',
            'field',
            'value'
        ]),
        route('/query', 'GET /query', { GET: queryHandler }),
        route(`/query/${SEG}`, 'GET /query/{cursor}', { GET: queryMoreHandler }, ['cursor']),
        route('/queryAll', 'GET /queryAll', { GET: queryAllHandler }),
        route(`/queryAll/${SEG}`, 'GET /queryAll/{cursor}', { GET: queryMoreHandler }, ['cursor']),
        route('/composite', 'POST /composite', { POST: compositeHandler(dispatch) }),
        route('/composite/batch', 'POST /composite/batch', { POST: compositeBatchHandler(dispatch) }),
        route(`/composite/tree/${SEG}`, 'POST /composite/tree/{type}', { POST: compositeTreeHandler }, ['type']),
        route('/composite/sobjects', '{method} /composite/sobjects', { POST: collectionCreate, PATCH: collectionUpdate, DELETE: collectionDelete }),
        route(`/composite/sobjects/${SEG}`, '{method} /composite/sobjects/{type}', { GET: collectionRetrieve, POST: collectionRetrieve }, ['type']),
        route(`/composite/sobjects/${SEG}/${SEG}`, '{method} /composite/sobjects/{type}/{field}', { PATCH: collectionUpsert }, ['type', 'field'])
    ];

    function match(method: string, path: string) {
        for (const r of routes) {
            const m = r.pattern.exec(path);
            if (!m) continue;
            const params: Record<string, string> = {};
            r.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
            const handler = r.methods[method];
            if (!handler) return { kind: 'wrongMethod' as const, allowed: Object.keys(r.methods) };
            return { kind: 'ok' as const, handler, params, route: r };
        }
        return undefined;
    }

    const endpointOf = (method: string, path: string) => {
        const matched = match(method, path);
        // Connect resources are served by their own router; name them by path with record IDs folded.
        if (!matched && path.startsWith('/commerce/')) return `${method} ${path.replace(/\/[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?(?=\/|$)/g, '/{id}')}`;
        if (!matched || matched.kind === 'wrongMethod') return `${method} (unknown)`;
        return matched.route.label.replace('{method}', method).replace('{type}', matched.params.type ?? '{type}');
    };

    return { dispatch, endpointOf };
}
