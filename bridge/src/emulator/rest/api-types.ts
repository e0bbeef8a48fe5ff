/**
 * The shapes REST handlers work with. Handlers are synchronous functions from an ApiRequest to an ApiResponse,
 * so the same handler serves a direct HTTP call and a Composite subrequest inside one store transaction.
 */
import type { ChangeContext, EventBusApi, RecordStoreApi, SchemaRegistryApi, Session } from '../contracts.ts';
import type { QueryResult } from '../soql/query-engine.ts';

export interface ApiRequest {
    method: string;
    /** Path after `/services/data/vNN.N`, without query string, e.g. `/sobjects/Account/001...`. */
    path: string;
    query: Record<string, string>;
    body: unknown;
    /** API version of the call, e.g. `66.0`. */
    version: string;
    session: Session;
    context: ChangeContext;
    headers: Record<string, string | undefined>;
}

export interface ApiResponse {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

/** The SOQL engine as the REST layer uses it. */
export interface QueryService {
    execute(soql: string, options: { includeDeleted: boolean; batchSize?: number; apiVersion: string }): QueryResult;
    continue(cursorId: string, apiVersion: string): QueryResult;
}

export interface ApiDeps {
    schema: SchemaRegistryApi;
    store: RecordStoreApi;
    /** Event bus for `POST /sobjects/X__e`; without one, publishing answers an error. */
    bus?: EventBusApi;
    query?: QueryService;
    /** Figures for `/limits`. */
    limits: () => Record<string, { Max: number; Remaining: number }>;
    /** Clock for time-span resources (default `Date.now`). */
    now?: () => number;
}

export type ApiHandler = (req: ApiRequest, params: Record<string, string>, deps: ApiDeps) => ApiResponse;

export const ok = (body: unknown, status = 200): ApiResponse => ({ status, body });
