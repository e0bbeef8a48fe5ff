/**
 * The streaming part's fault-injection actions, registered on the admin API's hooks: forget CometD
 * clients, emit gap and overflow change events, purge retained events.
 */
import type { AdminHooks } from '../admin/admin-hooks.ts';
import type { CometdHandle } from './cometd-server.ts';
import type { EventBus, GapChangeType } from './event-bus.ts';

const GAP_TYPES = ['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE'];

/** Registers the streaming hooks; returns a function that removes them again. */
export function registerStreamingAdminHooks(hooks: AdminHooks, bus: EventBus, cometd: CometdHandle, now: () => number = Date.now): () => void {
    const removers = [
        hooks.register('forgetCometdClients', () => {
            const forgotten = cometd.clientCount();
            cometd.forgetAllClients();
            return { forgotten };
        }),
        hooks.register('emitGapEvents', ({ entityName, recordIds, changeType }) => {
            const gapType = changeType ?? 'GAP_UPDATE';
            if (!GAP_TYPES.includes(gapType)) throw new RangeError(`changeType must be one of ${GAP_TYPES.join(', ')}, got ${gapType}`);
            const events = bus.emitGapEvents(entityName, recordIds, gapType as GapChangeType);
            return { replayId: events[0]?.replayId, channels: events.map((e) => e.channel) };
        }),
        hooks.register('emitOverflowEvent', ({ entityName }) => {
            const events = bus.emitOverflow(entityName);
            return { replayId: events[0]?.replayId, channels: events.map((e) => e.channel) };
        }),
        hooks.register('purgeEvents', ({ olderThanMs }) => {
            if (!Number.isFinite(olderThanMs) || olderThanMs < 0) throw new RangeError(`olderThanMs must be a non-negative number, got ${olderThanMs}`);
            return { purged: bus.purgeOlderThan(now() - olderThanMs) };
        })
    ];
    return () => removers.forEach((remove) => remove());
}
