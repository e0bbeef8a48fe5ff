/**
 * The emulator's SOQL engine behind `/query`, `/queryAll` and `/query/<locator>`. A query is parsed,
 * checked against the schema and compiled once; matching records are filtered before anything is
 * projected, and only the page being returned is shaped. Results larger than the batch size leave a
 * cursor behind whose locator encodes the position (`0r8...-2000`), as Salesforce's do.
 */
import type { RecordStoreApi, SchemaRegistryApi, SObjectRecord } from '../contracts.ts';
import { executeAggregate, isAggregateQuery } from './aggregate-query.ts';
import { CursorStore } from './cursor-store.ts';
import { compileQuery, selectRows, type ChildPlan, type QueryPlan } from './query-plan.ts';
import { projectRecord, type ChildIndex } from './record-projector.ts';
import { invalidQueryLocator, malformedQuery } from './soql-error.ts';
import { parseSoql } from './soql-parser.ts';

/** The body of a query response, exactly as Salesforce returns it. */
export interface QueryResult {
    totalSize: number;
    done: boolean;
    records: Record<string, unknown>[];
    nextRecordsUrl?: string;
}

export interface QueryOptions {
    /** True for `queryAll`: deleted records are included, with `IsDeleted` true. */
    includeDeleted: boolean;
    /** From `Sforce-Query-Options: batchSize=n`; kept within the documented 200–2,000. */
    batchSize?: number;
    /** API version of the request, `66.0` or `v66.0`; used in `attributes.url` and `nextRecordsUrl`. */
    apiVersion: string;
}

export interface QueryEngineDeps {
    schema: SchemaRegistryApi;
    store: RecordStoreApi;
    /** Clock for date literals and cursor expiry. Default `Date.now`. */
    now?: () => number;
    /** Path before the version segment of REST URLs. Default `/services/data`. */
    instanceVersionPath?: string;
    /** Most open cursors. Default 100. */
    maxCursors?: number;
    /** Cursor lifetime in ms. Default two days (the documented query locator lifetime). */
    cursorTtlMs?: number;
}

/** Documented batch sizes for the REST query resource. */
export const DEFAULT_BATCH_SIZE = 2000;
export const MIN_BATCH_SIZE = 200;
export const MAX_BATCH_SIZE = 2000;

interface CursorState {
    plan: QueryPlan;
    rows: SObjectRecord[];
    includeDeleted: boolean;
    batchSize: number;
    childIndexes: Map<ChildPlan, ChildIndex>;
}

export class QueryEngine {
    private readonly schema: SchemaRegistryApi;
    private readonly store: RecordStoreApi;
    private readonly now: () => number;
    private readonly versionPath: string;
    private readonly cursors: CursorStore<CursorState>;

    constructor(deps: QueryEngineDeps) {
        this.schema = deps.schema;
        this.store = deps.store;
        this.now = deps.now ?? Date.now;
        this.versionPath = (deps.instanceVersionPath ?? '/services/data').replace(/\/+$/, '');
        this.cursors = new CursorStore({
            maxCursors: deps.maxCursors,
            ttlMs: deps.cursorTtlMs,
            now: this.now
        });
    }

    execute(soql: string, options: QueryOptions): QueryResult {
        const version = normalizeVersion(options.apiVersion);
        const query = parseSoql(soql);
        const planContext = { schema: this.schema, store: this.store, soql, now: this.now() };
        // Aggregate results come back whole: the SOQL reference notes that aggregate queries do not support queryMore.
        if (isAggregateQuery(query)) return executeAggregate(query, planContext, options.includeDeleted);
        const plan = compileQuery(query, planContext);
        const rows = selectRows(plan, this.store, options.includeDeleted);
        if (plan.countOnly) return { totalSize: rows.length, done: true, records: [] };
        const state: CursorState = {
            plan,
            rows,
            includeDeleted: options.includeDeleted,
            batchSize: clampBatchSize(options.batchSize),
            childIndexes: new Map()
        };
        if (plan.offset !== undefined) {
            // Documented for OFFSET: only the first batch is returned and no cursor is created; the
            // client re-queries with a higher OFFSET for more.
            state.rows = rows.slice(0, state.batchSize);
        }
        return this.page(state, 0, version, undefined);
    }

    /** The page a `nextRecordsUrl` points to; accepts the locator (`0r8...-2000`) or the whole URL. */
    continue(cursorId: string, apiVersion: string): QueryResult {
        const version = normalizeVersion(apiVersion);
        const match = /^([A-Za-z0-9]+)-(\d+)$/.exec(cursorId.slice(cursorId.lastIndexOf('/') + 1));
        if (!match) throw invalidQueryLocator();
        const [, locator, positionText] = match;
        const state = this.cursors.get(locator);
        const position = Number(positionText);
        if (!state || position <= 0 || position >= state.rows.length) throw invalidQueryLocator();
        return this.page(state, position, version, locator);
    }

    private page(
        state: CursorState,
        start: number,
        version: string,
        existingLocator: string | undefined
    ): QueryResult {
        const end = Math.min(start + state.batchSize, state.rows.length);
        const ctx = {
            schema: this.schema,
            store: this.store,
            sobjectsUrl: `${this.versionPath}/v${version}/sobjects`,
            includeDeleted: state.includeDeleted,
            childIndexes: state.childIndexes
        };
        const records = state.rows
            .slice(start, end)
            .map((row) => projectRecord(row, state.plan.object.name, state.plan.items, ctx));
        const result: QueryResult = { totalSize: state.rows.length, done: end >= state.rows.length, records };
        if (result.done) {
            if (existingLocator) this.cursors.close(existingLocator);
            return result;
        }
        const locator = existingLocator ?? this.cursors.open(state);
        result.nextRecordsUrl = `${this.versionPath}/v${version}/query/${locator}-${end}`;
        return result;
    }
}

function normalizeVersion(apiVersion: string): string {
    const version = String(apiVersion ?? '').replace(/^v/i, '');
    if (!/^\d+\.\d$/.test(version)) throw malformedQuery(`invalid API version '${apiVersion}'`);
    return version;
}

/** Salesforce treats the batch size as a request within 200–2,000, not a promise; out-of-range values are clamped. */
function clampBatchSize(requested: number | undefined): number {
    if (requested === undefined || !Number.isFinite(requested)) return DEFAULT_BATCH_SIZE;
    return Math.min(MAX_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Math.floor(requested)));
}
