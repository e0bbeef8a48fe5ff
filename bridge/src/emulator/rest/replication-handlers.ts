/**
 * The data-replication resources `/sobjects/{type}/updated` and `/sobjects/{type}/deleted`: the IDs of
 * records added or changed (by SystemModstamp), or deleted, within a time span. As documented ("sObject Get
 * Updated", "sObject Get Deleted", and getUpdated()/getDeleted() in the SOAP API guide): the seconds of
 * `start` and `end` are ignored, updated records are returned for at most 30 days back and deleted ones for
 * 15, more than 600,000 IDs is EXCEEDED_ID_LIMIT, and `latestDateCovered` (never after `end`) is where the
 * next call should start. The emulator never purges its recycle bin, so `earliestDateAvailable` is when it
 * started. Error texts for bad dates are not quoted in the documentation; the code is the SOAP API's.
 */
import { formatDatetime } from '../store/field-values.ts';
import { parseInstant } from '../soql/filter-value.ts';
import { ok, type ApiDeps, type ApiHandler } from './api-types.ts';
import { objectFromUrl } from './record-ops.ts';
import { sfError } from './salesforce-error.ts';

const DAY_MS = 86_400_000;
export const UPDATED_WINDOW_DAYS = 30;
export const DELETED_WINDOW_DAYS = 15;
export const MAX_REPLICATION_IDS = 600_000;

const toMinute = (ms: number) => Math.floor(ms / 60_000) * 60_000;

/**
 * The span asked for, to the minute, and what the answer covers for certain: never past the current minute,
 * so a record written later in this minute is listed again by a next call starting at latestDateCovered.
 */
function span(query: Record<string, string>, now: number, windowDays: number): { start: number; end: number; covered: number } {
    const read = (name: 'start' | 'end') => {
        const text = query[name];
        const ms = text === undefined ? undefined : parseInstant(text);
        if (ms === undefined) throw sfError(400, 'INVALID_REPLICATION_DATE', `${name} must be a date and time such as 2026-05-06T00:00:00+00:00, got ${text === undefined ? 'nothing' : `'${text}'`}`);
        return toMinute(ms);
    };
    const start = read('start');
    const end = read('end');
    if (end <= start) throw sfError(400, 'INVALID_REPLICATION_DATE', 'end must be after start (seconds are ignored)');
    if (start < toMinute(now) - windowDays * DAY_MS) throw sfError(400, 'INVALID_REPLICATION_DATE', `start must be within the last ${windowDays} days`);
    return { start, end, covered: Math.min(end, toMinute(now)) };
}

function inSpan(record: Record<string, unknown>, start: number, end: number): boolean {
    const stamp = typeof record.SystemModstamp === 'string' ? parseInstant(record.SystemModstamp) : undefined;
    return stamp !== undefined && stamp >= start && stamp < end;
}

function limited<T>(items: T[]): T[] {
    if (items.length > MAX_REPLICATION_IDS) throw sfError(400, 'EXCEEDED_ID_LIMIT', `more than ${MAX_REPLICATION_IDS} IDs: choose start and end dates closer together`);
    return items;
}

export function replicationHandlers(startedAt: number): { updated: ApiHandler; deleted: ApiHandler } {
    const clock = (deps: ApiDeps) => (deps.now ?? Date.now)();
    return {
        updated: (req, params, deps) => {
            const def = objectFromUrl(deps, params.type);
            const { start, end, covered } = span(req.query, clock(deps), UPDATED_WINDOW_DAYS);
            const ids = deps.store.all(def.name).filter((r) => inSpan(r, start, end)).map((r) => r.Id);
            return ok({ ids: limited(ids), latestDateCovered: formatDatetime(covered) });
        },
        deleted: (req, params, deps) => {
            const def = objectFromUrl(deps, params.type);
            const { start, end, covered } = span(req.query, clock(deps), DELETED_WINDOW_DAYS);
            const deletedRecords = deps.store
                .all(def.name, { includeDeleted: true })
                .filter((r) => r.IsDeleted === true && inSpan(r, start, end))
                .map((r) => ({ id: r.Id, deletedDate: r.SystemModstamp }));
            return ok({ deletedRecords: limited(deletedRecords), earliestDateAvailable: formatDatetime(toMinute(startedAt)), latestDateCovered: formatDatetime(covered) });
        }
    };
}
