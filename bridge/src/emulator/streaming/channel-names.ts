/**
 * Channel and schema naming as the platform does it: `/event/<Event>`, `/data/<Entity>ChangeEvent`
 * (`/data/My_Object__ChangeEvent` for custom objects), `/data/ChangeEvents`, custom `/data|event/X__chn`.
 */
import { createHash } from 'node:crypto';
import type { SchemaRegistryApi } from '../contracts.ts';

export const ALL_CHANGE_EVENTS_CHANNEL = '/data/ChangeEvents';

/** `FulfillmentOrder` → `FulfillmentOrderChangeEvent`; `Widget__c` → `Widget__ChangeEvent`. */
export function changeEventName(entity: string): string {
    return entity.endsWith('__c') ? `${entity.slice(0, -3)}__ChangeEvent` : `${entity}ChangeEvent`;
}

/** The inverse of changeEventName, or undefined when `name` is not a change event name. */
export function entityOfChangeEvent(name: string): string | undefined {
    if (name.endsWith('__ChangeEvent')) return `${name.slice(0, -'__ChangeEvent'.length)}__c`;
    if (name.endsWith('ChangeEvent') && name.length > 'ChangeEvent'.length) return name.slice(0, -'ChangeEvent'.length);
    return undefined;
}

export const changeEventChannel = (entity: string) => `/data/${changeEventName(entity)}`;
export const platformEventChannel = (eventName: string) => `/event/${eventName}`;

/**
 * A stable, opaque schema ID (22 URL-safe characters, like the platform's) derived from the event
 * name and its field list, so it changes exactly when the shape changes.
 */
export function schemaIdFor(eventName: string, fieldNames: string[]): string {
    const digest = createHash('sha256').update(`${eventName}|${[...fieldNames].sort().join(',')}`).digest('base64url');
    return digest.slice(0, 22);
}

/** The CometD path of a custom channel, whether the registry names it `X__chn` or `/data/X__chn`. */
export function customChannelPath(channel: { name: string; channelType: 'data' | 'event' }): string {
    return channel.name.startsWith('/') ? channel.name : `/${channel.channelType}/${channel.name}`;
}

/** Optional registry capability: the entities selected on the standard ChangeEvents channel alone. */
type WithChangeEventsChannel = { changeEventsChannelEntities?: () => string[] };

/**
 * Entities published on `/data/<Entity>ChangeEvent` and `/data/ChangeEvents`. An entity selected only on a
 * custom channel is delivered there alone, so a registry that tells the two apart is asked for the narrower
 * list; otherwise every CDC entity is on the standard channel.
 */
export function changeEventsChannelEntities(schema: SchemaRegistryApi): string[] {
    const narrow = (schema as SchemaRegistryApi & WithChangeEventsChannel).changeEventsChannelEntities;
    return narrow ? narrow.call(schema) : schema.cdcEntities();
}
