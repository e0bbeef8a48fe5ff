/**
 * Turns one CometD delivery into what intake must write, without touching Redis: jobs (one per record
 * for change events), an echo to count and drop, a gap overflow to reconcile, or a malformed event to
 * park as a visible exception. Pure, so every branch is tested with recorded and broken envelopes.
 */
import type { EchoFilter } from './echo-filter.ts';
import { orderSummaryIdOf, type SfEventJobData } from './intake-job.ts';

export interface ClassifiedBase {
    channel: string;
    /** Opaque replay ID as a string; absent only for envelopes too broken to carry one. */
    replayId?: string;
    /** Epoch ms the change happened (commitTimestamp, CreatedDate, else receipt): stored with the checkpoint. */
    eventTime: number;
}

export type ClassifiedEvent =
    | (ClassifiedBase & { kind: 'jobs'; replayId: string; drafts: SfEventJobData[] })
    | (ClassifiedBase & { kind: 'echo'; replayId: string; entityName: string; changedFields: string[] })
    | (ClassifiedBase & { kind: 'ignored'; replayId: string; reason: string })
    | (ClassifiedBase & { kind: 'overflow'; replayId: string; entityName: string })
    | (ClassifiedBase & { kind: 'malformed'; reason: string; raw: unknown });

export interface ClassifyContext {
    echoFilter: EchoFilter;
    receivedAt: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function readReplayId(data: Obj): string | undefined {
    const event = data.event;
    if (!isObj(event)) return undefined;
    const id = event.replayId;
    if (typeof id === 'number' && Number.isFinite(id)) return String(id);
    if (typeof id === 'string' && id.trim() !== '') return id;
    return undefined;
}

function malformed(channel: string, replayId: string | undefined, reason: string, raw: unknown, receivedAt: number): ClassifiedEvent {
    return { kind: 'malformed', channel, replayId, reason, raw, eventTime: receivedAt };
}

export function classifyEvent(channel: string, raw: unknown, context: ClassifyContext): ClassifiedEvent {
    const { receivedAt } = context;
    if (!isObj(raw)) return malformed(channel, undefined, 'event data is not an object', raw, receivedAt);
    const replayId = readReplayId(raw);
    if (replayId === undefined) return malformed(channel, undefined, 'data.event.replayId is missing or not a number', raw, receivedAt);
    const payload = raw.payload;
    if (!isObj(payload)) return malformed(channel, replayId, 'data.payload is missing or not an object', raw, receivedAt);
    const base = { channel, replayId, receivedAt: new Date(receivedAt).toISOString() };
    const header = payload.ChangeEventHeader;
    if (channel.startsWith('/data/') || header !== undefined) {
        if (!isObj(header)) return malformed(channel, replayId, 'payload.ChangeEventHeader is missing or not an object', raw, receivedAt);
        return classifyChange(base, header, payload, raw, context);
    }
    const event = raw.event as Obj;
    const eventUuid = typeof event.EventUuid === 'string' && event.EventUuid ? event.EventUuid : typeof payload.EventUuid === 'string' ? payload.EventUuid : undefined;
    const created = typeof payload.CreatedDate === 'string' ? Date.parse(payload.CreatedDate) : NaN;
    const eventTime = Number.isFinite(created) ? created : receivedAt;
    const correlationId = eventUuid ? `sf-${eventUuid}` : `sf-${channel}-${replayId}`;
    return {
        kind: 'jobs',
        channel,
        replayId,
        eventTime,
        drafts: [{ kind: 'event', ...base, eventUuid, orderSummaryId: orderSummaryIdOf(payload), committedAt: Number.isFinite(created) ? created : undefined, payload, correlationId }]
    };
}

function classifyChange(
    base: { channel: string; replayId: string; receivedAt: string },
    header: Obj,
    payload: Obj,
    raw: unknown,
    context: ClassifyContext
): ClassifiedEvent {
    const { channel, replayId } = base;
    const bad = (reason: string) => malformed(channel, replayId, `ChangeEventHeader.${reason}`, raw, context.receivedAt);
    const entityName = header.entityName;
    const changeType = header.changeType;
    const transactionKey = header.transactionKey;
    const sequenceNumber = header.sequenceNumber;
    if (typeof entityName !== 'string' || !entityName) return bad('entityName is missing');
    if (typeof changeType !== 'string' || !changeType) return bad('changeType is missing');
    if (typeof transactionKey !== 'string' || !transactionKey) return bad('transactionKey is missing');
    if (typeof sequenceNumber !== 'number' || !Number.isInteger(sequenceNumber)) return bad('sequenceNumber is missing or not an integer');
    const recordIds = header.recordIds ?? [];
    if (!Array.isArray(recordIds) || recordIds.some((id) => typeof id !== 'string' || !id)) return bad('recordIds is not a list of IDs');
    const changedFields = Array.isArray(header.changedFields) ? header.changedFields.filter((f): f is string => typeof f === 'string') : [];
    const committedAt = typeof header.commitTimestamp === 'number' ? header.commitTimestamp : undefined;
    const common = { channel, replayId, eventTime: committedAt ?? context.receivedAt };
    const changeOrigin = typeof header.changeOrigin === 'string' ? header.changeOrigin : undefined;

    if (changeType === 'GAP_OVERFLOW') return { kind: 'overflow', ...common, entityName };
    if (recordIds.length === 0) return bad('recordIds is empty');
    // Documented: after a custom field type conversion that loses data, recordIds holds the object's key
    // prefix and a wildcard (`001*`). No record can be read by that "ID", so the entity is reconciled as
    // after an overflow: every record whose SystemModstamp is at or after the commit is re-read.
    if ((recordIds as string[]).some((id) => id.endsWith('*'))) return { kind: 'overflow', ...common, entityName };
    if (changeType.startsWith('GAP_')) {
        const drafts = (recordIds as string[]).map(
            (recordId): SfEventJobData => ({
                kind: 'reread',
                ...base,
                transactionKey,
                sequenceNumber,
                recordId,
                entityName,
                changeType,
                committedAt,
                payload,
                correlationId: `sf-${transactionKey}-${sequenceNumber}-${recordId}`
            })
        );
        return { kind: 'jobs', ...common, drafts };
    }
    // CREATE events list no changedFields on some API versions: the fields they set are the non-null payload fields.
    const fields =
        changedFields.length > 0 || changeType !== 'CREATE'
            ? changedFields
            : Object.keys(payload).filter((k) => k !== 'ChangeEventHeader' && payload[k] !== null && payload[k] !== undefined);
    if (context.echoFilter.isEcho(entityName, changeOrigin, fields)) return { kind: 'echo', ...common, entityName, changedFields: fields };
    const orderSummaryId = orderSummaryIdOf(payload);
    const drafts = (recordIds as string[]).map(
        (recordId): SfEventJobData => ({
            kind: 'event',
            ...base,
            transactionKey,
            sequenceNumber,
            recordId,
            entityName,
            changeType,
            orderSummaryId: orderSummaryId ?? (entityName === 'OrderSummary' ? recordId : undefined),
            committedAt,
            payload,
            correlationId: `sf-${transactionKey}-${sequenceNumber}-${recordId}`
        })
    );
    return { kind: 'jobs', ...common, drafts };
}
