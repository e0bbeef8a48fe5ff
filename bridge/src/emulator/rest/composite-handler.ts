/**
 * `POST /composite`: up to 25 subrequests run in order, later ones referring to earlier results with
 * `@{referenceId.path}` (`@{newFo.id}`, `@{q.records[0].Id}`). With `allOrNone` a failure rolls back all of them.
 * `collateSubrequests` only lets Salesforce group work for speed; results are the same, so it is accepted and
 * has no effect here.
 */
import type { ApiDeps, ApiHandler, ApiRequest, ApiResponse } from './api-types.ts';
import type { Dispatcher } from './api-router.ts';
import { sfError } from './salesforce-error.ts';

export const COMPOSITE_LIMIT = 25;
/** At most 5 subrequests may be sObject Collections or queries. */
export const COMPOSITE_QUERY_COLLECTION_LIMIT = 5;

interface Subrequest {
    method: string;
    url: string;
    referenceId: string;
    body?: unknown;
    httpHeaders?: Record<string, string>;
}

interface SubResult {
    body: unknown;
    httpHeaders: Record<string, string>;
    httpStatusCode: number;
    referenceId: string;
}

const halted = (message: string) => [{ errorCode: 'PROCESSING_HALTED', message }];
const ROLLED_BACK = 'The transaction was rolled back since another operation in the same transaction failed.';

class RollBack extends Error {}

class UnresolvedReference extends Error {}

function validate(body: unknown): { allOrNone: boolean; requests: Subrequest[] } {
    const input = (body ?? {}) as { allOrNone?: unknown; compositeRequest?: unknown };
    if (!Array.isArray(input.compositeRequest)) throw sfError(400, 'INVALID_API_INPUT', "The request body must have a 'compositeRequest' array");
    const requests = input.compositeRequest as Subrequest[];
    if (requests.length > COMPOSITE_LIMIT) {
        // The documented limit is 25; the exact error text for exceeding it is not documented.
        throw sfError(400, 'INVALID_API_INPUT', `Composite request can contain at most ${COMPOSITE_LIMIT} subrequests, found ${requests.length}`);
    }
    const seen = new Set<string>();
    let heavy = 0;
    requests.forEach((r, i) => {
        if (!r || typeof r.method !== 'string' || typeof r.url !== 'string' || typeof r.referenceId !== 'string') {
            throw sfError(400, 'INVALID_API_INPUT', `compositeRequest[${i}] needs method, url and referenceId`);
        }
        if (!/^[A-Za-z0-9_]+$/.test(r.referenceId)) throw sfError(400, 'INVALID_API_INPUT', `compositeRequest[${i}]: invalid referenceId '${r.referenceId}'`);
        if (seen.has(r.referenceId)) throw sfError(400, 'INVALID_API_INPUT', `Duplicate referenceId provided in the request: ${r.referenceId}`);
        seen.add(r.referenceId);
        if (/\/(query|queryAll)\b|\/composite\/sobjects/.test(r.url)) heavy++;
    });
    if (heavy > COMPOSITE_QUERY_COLLECTION_LIMIT) {
        throw sfError(400, 'INVALID_API_INPUT', `Composite request can contain at most ${COMPOSITE_QUERY_COLLECTION_LIMIT} query or sObject Collections subrequests`);
    }
    return { allOrNone: input.allOrNone === true, requests };
}

/** Value of `ref.path` in the earlier results (`id`, `records[0].Id`, ...). */
function lookup(results: Map<string, unknown>, expression: string): unknown {
    const [ref, ...path] = expression.match(/[^.[\]]+/g) ?? [];
    if (!ref || !results.has(ref)) throw new UnresolvedReference(`Invalid reference specified. No value for ${expression} found in ${ref}. Provided referenceId ${ref} does not exist or has not been processed yet.`);
    let value: unknown = results.get(ref);
    for (const key of path) {
        value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
        if (value === undefined) throw new UnresolvedReference(`Invalid reference specified. No value for ${expression} found in ${ref}.`);
    }
    return value;
}

/** Replaces `@{...}` in strings anywhere in `value`; a string that is only a reference takes the referenced value's type. */
function resolve(value: unknown, results: Map<string, unknown>): unknown {
    if (typeof value === 'string') {
        const whole = /^@\{([^}]+)\}$/.exec(value);
        if (whole) return lookup(results, whole[1]);
        return value.replace(/@\{([^}]+)\}/g, (_m, expression: string) => String(lookup(results, expression)));
    }
    if (Array.isArray(value)) return value.map((v) => resolve(v, results));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, results)]));
    return value;
}

function toApiRequest(parent: ApiRequest, sub: Subrequest, results: Map<string, unknown>): ApiRequest {
    const url = resolve(sub.url, results) as string;
    const match = /^\/services\/data\/v(\d+\.\d+)(\/[^?]*)?(?:\?(.*))?$/.exec(url);
    if (!match) throw sfError(400, 'INVALID_API_INPUT', `The url of a subrequest must start with /services/data/vXX.X: ${url}`);
    const query = Object.fromEntries(new URLSearchParams(match[3] ?? ''));
    return { ...parent, method: sub.method.toUpperCase(), path: (match[2] ?? '').replace(/\/$/, ''), query, version: match[1], body: resolve(sub.body, results) };
}

function runOne(dispatch: Dispatcher, deps: ApiDeps, parent: ApiRequest, sub: Subrequest, results: Map<string, unknown>): ApiResponse {
    try {
        return dispatch(toApiRequest(parent, sub, results), deps);
    } catch (error) {
        if (error instanceof UnresolvedReference) return { status: 400, body: halted(error.message) };
        throw error;
    }
}

export const compositeHandler =
    (dispatch: Dispatcher): ApiHandler =>
    (req, _params, deps) => {
        const { allOrNone, requests } = validate(req.body);
        const results = new Map<string, unknown>();
        const responses: SubResult[] = [];
        const record = (sub: Subrequest, response: ApiResponse) => {
            const headers: Record<string, string> = { ...(response.headers ?? {}) };
            const body = response.body ?? null;
            const id = (body as { id?: unknown } | null)?.id;
            if (response.status === 201 && typeof id === 'string') headers.Location = `/services/data/v${req.version}${toApiRequest(req, sub, results).path}/${id}`;
            if (response.status < 300) results.set(sub.referenceId, body);
            responses.push({ body, httpHeaders: headers, httpStatusCode: response.status, referenceId: sub.referenceId });
        };
        if (!allOrNone) {
            for (const sub of requests) record(sub, runOne(dispatch, deps, req, sub, results));
            return { status: 200, body: { compositeResponse: responses } };
        }
        try {
            deps.store.transaction(req.context, () => {
                for (const sub of requests) {
                    const response = runOne(dispatch, deps, req, sub, results);
                    record(sub, response);
                    if (response.status >= 400) throw new RollBack();
                }
            });
        } catch (error) {
            if (!(error instanceof RollBack)) throw error;
            const failedAt = responses.length - 1;
            const rolledBack = responses.map((r, i) => (i === failedAt ? r : { ...r, body: halted(ROLLED_BACK), httpHeaders: {}, httpStatusCode: 400 }));
            for (const sub of requests.slice(responses.length)) rolledBack.push({ body: halted(ROLLED_BACK), httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId });
            return { status: 200, body: { compositeResponse: rolledBack } };
        }
        return { status: 200, body: { compositeResponse: responses } };
    };
