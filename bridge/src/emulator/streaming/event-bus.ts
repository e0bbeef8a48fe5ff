/**
 * The emulator's event bus: platform events and change events, stored per channel with retention and
 * fanned out to listeners (the CometD server is one). Every event gets an opaque, increasing replay ID;
 * one event published on several channels (`/data/XChangeEvent`, `/data/ChangeEvents`, a custom
 * channel) keeps the same replay ID on each.
 *
 * Replay IDs start at the bus's creation time in ms and grow by one, so IDs handed out by an earlier
 * emulator process are not silently reused by a later one: they are simply unknown, hence invalid.
 */
import { randomUUID } from 'node:crypto';
import type { BusEvent, ChangeContext, CommittedTransaction, EventBusApi, RecordStoreApi, SchemaRegistryApi } from '../contracts.ts';
import { sfError } from '../rest/salesforce-error.ts';
import { buildChangeEvents } from './change-event-builder.ts';
import {
    ALL_CHANGE_EVENTS_CHANNEL,
    changeEventChannel,
    changeEventName,
    changeEventsChannelEntities,
    customChannelPath,
    entityOfChangeEvent,
    platformEventChannel,
    schemaIdFor
} from './channel-names.ts';
import { EventLog } from './event-log.ts';
import { EVENT_SYSTEM_FIELDS, validateEventPayload } from './platform-event-payload.ts';
import { processExceptionFields } from './process-exception-record.ts';
import { standardEventsFor } from './som-standard-events.ts';

export const DEFAULT_RETENTION_MS = 72 * 60 * 60 * 1000;
export const DEFAULT_MAX_EVENTS_PER_CHANNEL = 100_000;
const SYSTEM_USER_ID = '005000000000001AAA';

export type GapChangeType = 'GAP_CREATE' | 'GAP_UPDATE' | 'GAP_DELETE' | 'GAP_UNDELETE';
const GAP_TYPES: readonly string[] = ['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE'];

export type BusListener = (event: BusEvent) => void;

/** What the bus needs, with its tunables. */
export interface EventBusDeps {
    schema: SchemaRegistryApi;
    store: RecordStoreApi;
    /** How long events stay replayable (default 72 h, the platform's window for change and high-volume events). */
    retentionMs?: number;
    /** Upper bound on events kept per channel, whatever their age (default 100,000). */
    maxEventsPerChannel?: number;
    /** Clock, epoch ms (default Date.now). */
    now?: () => number;
    /** User recorded as `commitUser` on gap and overflow events (default a fixed system user ID). */
    systemUserId?: string;
    /** Called when a listener throws; the event itself stays published (default: a process warning). */
    onListenerError?: (error: unknown, event: BusEvent) => void;
}

export class EventBus implements EventBusApi {
    private readonly schema: SchemaRegistryApi;
    private readonly store: RecordStoreApi;
    private readonly now: () => number;
    private readonly maxPerChannel: number;
    private readonly systemUserId: string;
    private readonly onListenerError: (error: unknown, event: BusEvent) => void;
    private retentionMs: number;
    private readonly logs = new Map<string, EventLog>();
    private readonly listeners = new Map<string, Set<BusListener>>();
    private readonly schemaIds = new Map<string, string>();
    private lastReplayId: number;
    private lastCommitNumber = 0;
    private readonly detachFromStore: () => void;

    constructor(deps: EventBusDeps) {
        this.schema = deps.schema;
        this.store = deps.store;
        this.now = deps.now ?? Date.now;
        this.retentionMs = positive('retentionMs', deps.retentionMs ?? DEFAULT_RETENTION_MS);
        this.maxPerChannel = positive('maxEventsPerChannel', deps.maxEventsPerChannel ?? DEFAULT_MAX_EVENTS_PER_CHANNEL);
        this.systemUserId = deps.systemUserId ?? SYSTEM_USER_ID;
        this.onListenerError =
            deps.onListenerError ??
            ((error, event) => process.emitWarning(`event bus listener failed on ${event.channel} replayId ${event.replayId}: ${String(error)}`));
        this.lastReplayId = Math.max(0, Math.floor(this.now()));
        this.detachFromStore = deps.store.onCommit((transaction) => this.publishTransaction(transaction));
    }

    /** Stops listening to the store's commits. */
    close(): void {
        this.detachFromStore();
    }

    publishPlatformEvent(eventName: string, payload: Record<string, unknown>, context: ChangeContext): BusEvent {
        const def = this.schema.require(eventName);
        if (!def.isPlatformEvent) {
            throw sfError(400, 'INVALID_TYPE', `sObject type '${eventName}' is not a platform event`);
        }
        const body = validateEventPayload(def, payload);
        if (eventName === 'ProcessExceptionEvent') {
            const fields = processExceptionFields(body, this.schema.get('ProcessException'));
            this.store.transaction(context, (tx) => tx.insert('ProcessException', fields));
        }
        return this.emitPlatformEvent(eventName, body, context.userId);
    }

    publishTransaction(transaction: CommittedTransaction): void {
        this.lastCommitNumber = Math.max(this.lastCommitNumber, transaction.commitNumber);
        const captured = this.capturedEntities();
        for (const built of buildChangeEvents(transaction, captured)) {
            this.emit(this.changeChannelsFor(built.entity), this.changeSchemaId(built.entity), built.payload);
        }
        for (const standard of standardEventsFor(transaction)) {
            this.emitPlatformEvent(standard.eventName, this.shapeStandardPayload(standard.eventName, standard.payload), transaction.context.userId);
        }
    }

    /** Listens to one channel; returns the function that stops listening. */
    subscribe(channel: string, listener: BusListener): () => void {
        let set = this.listeners.get(channel);
        if (!set) this.listeners.set(channel, (set = new Set()));
        set.add(listener);
        return () => {
            set.delete(listener);
            if (set.size === 0 && this.listeners.get(channel) === set) this.listeners.delete(channel);
        };
    }

    /** Retained events after `replayId`: -1 gives none, -2 gives every retained event. */
    eventsAfter(channel: string, replayId: number): BusEvent[] {
        if (replayId === -1) return [];
        const log = this.retainedLog(channel);
        if (!log) return [];
        return replayId === -2 ? log.all() : log.after(replayId);
    }

    /** -1 and -2 are always valid; any other ID must still be retained on that channel. */
    isReplayIdValid(channel: string, replayId: number): boolean {
        if (replayId === -1 || replayId === -2) return true;
        if (!Number.isInteger(replayId)) return false;
        return this.retainedLog(channel)?.holds(replayId) ?? false;
    }

    /** Drops every event published before `epochMs`; returns how many were dropped. */
    purgeOlderThan(epochMs: number): number {
        let dropped = 0;
        for (const log of this.logs.values()) dropped += log.purgeOlderThan(epochMs);
        return dropped;
    }

    setRetention(ms: number): void {
        this.retentionMs = positive('retentionMs', ms);
        this.purgeOlderThan(this.now() - this.retentionMs);
    }

    /** Emits gap events (header and record IDs only) for fault injection. */
    emitGapEvents(entity: string, recordIds: string[], gapType: GapChangeType): BusEvent[] {
        if (!GAP_TYPES.includes(gapType)) throw new RangeError(`gapType must be one of ${GAP_TYPES.join(', ')}, got ${String(gapType)}`);
        if (!Array.isArray(recordIds) || recordIds.length === 0) throw new RangeError(`emitGapEvents(${entity}) needs at least one record ID`);
        return this.emitHeaderOnly(entity, recordIds, gapType);
    }

    /** Emits one GAP_OVERFLOW event (no record IDs) for `entity`. */
    emitOverflow(entity: string): BusEvent[] {
        return this.emitHeaderOnly(entity, [], 'GAP_OVERFLOW');
    }

    /** Entities whose changes are captured on at least one channel. */
    capturedEntities(): Set<string> {
        const entities = new Set(this.schema.cdcEntities());
        for (const channel of this.schema.customChannels()) {
            if (channel.channelType !== 'data') continue;
            for (const member of channel.members) entities.add(entityOfChangeEvent(member) ?? member);
        }
        return entities;
    }

    private emitHeaderOnly(entity: string, recordIds: string[], changeType: string): BusEvent[] {
        if (!this.capturedEntities().has(entity)) throw new RangeError(`Change Data Capture is not enabled for ${entity}`);
        const header = {
            entityName: entity,
            recordIds: [...recordIds],
            changeType,
            changeOrigin: '',
            transactionKey: randomUUID(),
            sequenceNumber: 1,
            isTransactionEnd: true,
            commitTimestamp: this.now(),
            commitNumber: this.lastCommitNumber,
            commitUser: this.systemUserId,
            changedFields: []
        };
        return this.emit(this.changeChannelsFor(entity), this.changeSchemaId(entity), { ChangeEventHeader: header });
    }

    private emitPlatformEvent(eventName: string, body: Record<string, unknown>, userId: string): BusEvent {
        const payload = { ...body, CreatedDate: new Date(this.now()).toISOString(), CreatedById: userId };
        const channels = [platformEventChannel(eventName)];
        for (const custom of this.schema.customChannels()) {
            if (custom.channelType === 'event' && custom.members.includes(eventName)) channels.push(customChannelPath(custom));
        }
        const fieldNames = Object.keys(this.schema.get(eventName)?.fields ?? payload);
        const [first] = this.emit(channels, this.cachedSchemaId(eventName, fieldNames), payload, randomUUID());
        return first;
    }

    /** Standard events come from the emulator itself: keep the fields the definition has, fill the rest with null. */
    private shapeStandardPayload(eventName: string, payload: Record<string, unknown>): Record<string, unknown> {
        const def = this.schema.get(eventName);
        if (!def) return payload;
        const shaped: Record<string, unknown> = {};
        for (const field of Object.keys(def.fields)) if (!EVENT_SYSTEM_FIELDS.includes(field)) shaped[field] = payload[field] ?? null;
        return shaped;
    }

    private changeChannelsFor(entity: string): string[] {
        const channels: string[] = [];
        if (changeEventsChannelEntities(this.schema).includes(entity)) channels.push(changeEventChannel(entity), ALL_CHANGE_EVENTS_CHANNEL);
        const eventName = changeEventName(entity);
        for (const custom of this.schema.customChannels()) {
            if (custom.channelType === 'data' && (custom.members.includes(eventName) || custom.members.includes(entity))) {
                channels.push(customChannelPath(custom));
            }
        }
        return channels;
    }

    private changeSchemaId(entity: string): string {
        return this.cachedSchemaId(changeEventName(entity), ['ChangeEventHeader', ...Object.keys(this.schema.get(entity)?.fields ?? {})]);
    }

    private cachedSchemaId(name: string, fieldNames: string[]): string {
        let id = this.schemaIds.get(name);
        if (!id) this.schemaIds.set(name, (id = schemaIdFor(name, fieldNames)));
        return id;
    }

    private emit(channels: string[], schema: string, payload: Record<string, unknown>, eventUuid?: string): BusEvent[] {
        const replayId = ++this.lastReplayId;
        const publishedAt = this.now();
        const events = channels.map((channel) => {
            const event: BusEvent = { channel, replayId, schema, payload, publishedAt };
            if (eventUuid) event.eventUuid = eventUuid;
            const log = this.logFor(channel);
            log.purgeOlderThan(publishedAt - this.retentionMs);
            log.append(event);
            return event;
        });
        for (const event of events) this.fanOut(event);
        return events;
    }

    private fanOut(event: BusEvent): void {
        const set = this.listeners.get(event.channel);
        if (!set) return;
        for (const listener of [...set]) {
            try {
                listener(event);
            } catch (error) {
                this.onListenerError(error, event);
            }
        }
    }

    private logFor(channel: string): EventLog {
        let log = this.logs.get(channel);
        if (!log) this.logs.set(channel, (log = new EventLog(this.maxPerChannel)));
        return log;
    }

    private retainedLog(channel: string): EventLog | undefined {
        const log = this.logs.get(channel);
        log?.purgeOlderThan(this.now() - this.retentionMs);
        return log;
    }
}

function positive(name: string, value: number): number {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
    return Math.floor(value);
}
