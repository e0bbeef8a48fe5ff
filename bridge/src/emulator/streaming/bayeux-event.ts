/**
 * A bus event as a CometD message: `{ channel, data: { schema, payload, event: { replayId, EventUuid? } } }`.
 * Platform events carry their EventUuid beside the replay ID; change events carry the replay ID only.
 */
import type { BusEvent } from '../contracts.ts';
import type { BayeuxMessage } from './faye-runtime.ts';

export function toBayeuxMessage(event: BusEvent): BayeuxMessage {
    const meta: Record<string, unknown> = event.eventUuid ? { EventUuid: event.eventUuid, replayId: event.replayId } : { replayId: event.replayId };
    return { channel: event.channel, data: { schema: event.schema, payload: event.payload, event: meta } };
}
