/**
 * Loads the package's own metadata (force-app/main/default) into the object model: custom fields on standard
 * objects, custom objects, platform events, CDC channel members and custom channels. The emulator reads the same
 * files that get deployed, so the package and the emulator cannot drift apart.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectDef } from '../contracts.ts';
import { computed, defineObject, str } from './field-builders.ts';
import { parseCustomField } from './metadata-field.ts';
import { readMetadataXml, textOf } from './metadata-xml.ts';
import { EVENT_KEY_PREFIX } from './standard-events.ts';

export interface CustomChannel {
    name: string;
    channelType: 'data' | 'event';
    members: string[];
}

export interface ForceAppMetadata {
    /** `${childObject}.${field}` → child relationship name on the parent (custom lookups). */
    childRelationshipNames: Map<string, string>;
    /** Entities selected on the standard ChangeEvents channel. */
    changeEventEntities: string[];
    customChannels: CustomChannel[];
    /** Object name → its custom AutoNumber fields (including an auto-numbered Name). */
    autoNumberFields: Map<string, string[]>;
    /** Things found but not modelled (e.g. fields on a standard object the emulator does not know). */
    warnings: string[];
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Custom-object key prefixes are org-specific; `a` + two base-62 digits, assigned in name order, is stable. */
const customPrefix = (index: number) => `a${BASE62[Math.floor(index / 62) % 62]}${BASE62[index % 62]}`;

/** `ShipmentChangeEvent` → `Shipment`; `My_Obj__ChangeEvent` → `My_Obj__c`. */
export function entityOfChangeEvent(selectedEntity: string): string {
    if (selectedEntity.endsWith('__ChangeEvent')) return selectedEntity.replace(/__ChangeEvent$/, '__c');
    return selectedEntity.replace(/ChangeEvent$/, '');
}

const listDir = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

function customObjectDef(dir: string, name: string, index: number): ObjectDef {
    const file = join(dir, `${name}.object-meta.xml`);
    const node = readMetadataXml(file, 'CustomObject');
    const label = textOf(node, 'label') ?? name;
    const labelPlural = textOf(node, 'pluralLabel') ?? `${label}s`;
    if (name.endsWith('__e')) {
        return { ...defineObject({ name, keyPrefix: EVENT_KEY_PREFIX, label, labelPlural, access: 'event', fields: [] }), custom: true };
    }
    const nameField = (node.nameField ?? {}) as Record<string, unknown>;
    const nameLabel = textOf(nameField, 'label') ?? `${label} Name`;
    const nameDef =
        textOf(nameField, 'type') === 'AutoNumber' ? computed({ ...str('Name', 80), label: nameLabel }) : str('Name', 80, { label: nameLabel, required: true });
    return { ...defineObject({ name, keyPrefix: customPrefix(index), label, labelPlural, name_: nameDef, owned: true, fields: [] }), custom: true };
}

/** Adds everything under `forceAppDir` (a `force-app` folder) to `objects`, which holds the standard model. */
export function loadForceAppMetadata(forceAppDir: string, objects: Map<string, ObjectDef>): ForceAppMetadata {
    const root = existsSync(join(forceAppDir, 'main', 'default')) ? join(forceAppDir, 'main', 'default') : forceAppDir;
    const result: ForceAppMetadata = { childRelationshipNames: new Map(), changeEventEntities: [], customChannels: [], autoNumberFields: new Map(), warnings: [] };
    const objectsDir = join(root, 'objects');
    let customIndex = 0;
    for (const name of listDir(objectsDir)) {
        const dir = join(objectsDir, name);
        if (!objects.has(name)) {
            if (!existsSync(join(dir, `${name}.object-meta.xml`))) {
                result.warnings.push(`${dir}: object ${name} is neither modelled by the emulator nor defined by an .object-meta.xml; its fields are ignored`);
                continue;
            }
            const custom = customObjectDef(dir, name, customIndex++);
            objects.set(name, custom);
            if (custom.fields.Name?.calculated) result.autoNumberFields.set(name, ['Name']);
        }
        const def = objects.get(name)!;
        for (const fileName of listDir(join(dir, 'fields')).filter((f) => f.endsWith('.field-meta.xml'))) {
            const file = join(dir, 'fields', fileName);
            const parsed = parseCustomField(readMetadataXml(file, 'CustomField'), file);
            def.fields[parsed.field.name] = parsed.field;
            if (parsed.autoNumber) result.autoNumberFields.set(name, [...(result.autoNumberFields.get(name) ?? []), parsed.field.name]);
            if (parsed.childRelationshipName) result.childRelationshipNames.set(`${name}.${parsed.field.name}`, parsed.childRelationshipName);
        }
    }
    const channelsDir = join(root, 'platformEventChannels');
    for (const fileName of listDir(channelsDir).filter((f) => f.endsWith('.platformEventChannel-meta.xml'))) {
        const file = join(channelsDir, fileName);
        const node = readMetadataXml(file, 'PlatformEventChannel');
        const channelType = textOf(node, 'channelType');
        if (channelType !== 'data' && channelType !== 'event') throw new Error(`${file}: <channelType> must be data or event, got '${channelType}'`);
        result.customChannels.push({ name: fileName.replace('.platformEventChannel-meta.xml', ''), channelType, members: [] });
    }
    const membersDir = join(root, 'platformEventChannelMembers');
    for (const fileName of listDir(membersDir).filter((f) => f.endsWith('.platformEventChannelMember-meta.xml'))) {
        const file = join(membersDir, fileName);
        const node = readMetadataXml(file, 'PlatformEventChannelMember');
        const channel = textOf(node, 'eventChannel');
        const selected = textOf(node, 'selectedEntity');
        if (!channel || !selected) throw new Error(`${file}: <eventChannel> and <selectedEntity> are required`);
        if (channel === 'ChangeEvents') {
            result.changeEventEntities.push(entityOfChangeEvent(selected));
            continue;
        }
        const custom = result.customChannels.find((c) => c.name === channel);
        if (!custom) throw new Error(`${file}: channel ${channel} is not defined under platformEventChannels/`);
        custom.members.push(custom.channelType === 'data' ? entityOfChangeEvent(selected) : selected);
    }
    return result;
}
