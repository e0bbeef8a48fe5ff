/**
 * Which CometD channels exist in the org: `/event/<PlatformEvent>`, `/data/ChangeEvents`,
 * `/data/<Entity>ChangeEvent` for CDC-enabled entities, and the custom `/data|event/X__chn` channels.
 * A `/data/...` channel of an entity without Change Data Capture does not exist, as on the platform.
 */
import type { SchemaRegistryApi } from '../contracts.ts';
import { ALL_CHANGE_EVENTS_CHANNEL, changeEventsChannelEntities, customChannelPath, entityOfChangeEvent } from './channel-names.ts';

export function channelExists(schema: SchemaRegistryApi, channel: string): boolean {
    const match = /^\/(event|data)\/([A-Za-z][A-Za-z0-9_]*)$/.exec(channel);
    if (!match) return false;
    const [, kind, name] = match;
    if (name.endsWith('__chn')) {
        return schema.customChannels().some((c) => customChannelPath(c) === channel);
    }
    if (kind === 'event') return schema.get(name)?.isPlatformEvent === true;
    if (channel === ALL_CHANGE_EVENTS_CHANNEL) return true;
    const entity = entityOfChangeEvent(name);
    return entity !== undefined && changeEventsChannelEntities(schema).includes(entity);
}
