/**
 * The org's object model: the standard Order Management objects plus everything the package defines under
 * force-app/. Names are matched case-insensitively, as Salesforce does.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChildRelationship, FieldDef, ObjectDef, SchemaRegistryApi } from '../contracts.ts';
import { sfError } from '../rest/salesforce-error.ts';
import { coreObjects } from './core-objects.ts';
import { loadForceAppMetadata, type CustomChannel, type ForceAppMetadata } from './metadata-loader.ts';
import { somFulfillmentObjects } from './som-fulfillment-objects.ts';
import { somOrderObjects } from './som-order-objects.ts';
import { EVENT_KEY_PREFIX, standardEvents } from './standard-events.ts';

/** Child relationship names that differ from the default (the child's plural) or disambiguate several lookups. */
const STANDARD_CHILD_NAMES: Record<string, string> = {
    'OrderItemSummary.OrderSummaryId': 'OrderItemSummaries',
    'OrderDeliveryGroupSummary.OrderSummaryId': 'OrderDeliveryGroupSummaries',
    'OrderItemSummary.OrderDeliveryGroupSummaryId': 'OrderItemSummaries',
    'FulfillmentOrder.OrderSummaryId': 'FulfillmentOrders',
    'FulfillmentOrderLineItem.FulfillmentOrderId': 'FulfillmentOrderLineItems',
    'Shipment.FulfillmentOrderId': 'Shipments',
    'Shipment.OrderSummaryId': 'Shipments',
    'ShipmentItem.ShipmentId': 'ShipmentItems',
    'InvoiceLine.InvoiceId': 'InvoiceLines',
    'CreditMemoLine.CreditMemoId': 'CreditMemoLines',
    'ReturnOrder.OrderSummaryId': 'ReturnOrders',
    'ReturnOrderLineItem.ReturnOrderId': 'ReturnOrderLineItems',
    'ProcessException.OrderSummaryId': 'ProcessExceptions',
    'OrderItemSummaryChange.OrderSummaryId': 'OrderItemSummaryChanges',
    'OrderItem.OrderId': 'OrderItems',
    'Location.ParentLocationId': 'ChildLocations',
    'Account.ParentId': 'ChildAccounts'
};

const SYSTEM_LOOKUPS = new Set(['CreatedById', 'LastModifiedById', 'OwnerId']);

const plural = (name: string) => (name.endsWith('y') ? `${name.slice(0, -1)}ies` : `${name}s`);

export interface SchemaLoadOptions {
    /** The package folder to read (default: ./force-app when it exists). Pass `null`-like empty string to skip. */
    forceAppDir?: string;
}

const fieldIndexes = new WeakMap<ObjectDef, Map<string, FieldDef>>();

/** The field of `def` named `name` in any letter case, or undefined. */
export function resolveField(def: ObjectDef, name: string): FieldDef | undefined {
    let index = fieldIndexes.get(def);
    if (!index) {
        index = new Map(Object.values(def.fields).map((f) => [f.name.toLowerCase(), f]));
        fieldIndexes.set(def, index);
    }
    return def.fields[name] ?? index.get(name.toLowerCase());
}

export class SchemaRegistry implements SchemaRegistryApi {
    private readonly byName = new Map<string, ObjectDef>();
    private readonly byPrefix = new Map<string, ObjectDef>();

    private constructor(
        objects: Map<string, ObjectDef>,
        private readonly metadata: ForceAppMetadata
    ) {
        for (const def of objects.values()) {
            this.byName.set(def.name.toLowerCase(), def);
            if (def.keyPrefix !== EVENT_KEY_PREFIX) this.byPrefix.set(def.keyPrefix, def);
        }
        this.linkChildRelationships(metadata.childRelationshipNames);
    }

    /** The standard model plus the package metadata under `forceAppDir` (./force-app by default). */
    static load(options: SchemaLoadOptions = {}): SchemaRegistry {
        const objects = new Map<string, ObjectDef>();
        for (const def of [...coreObjects(), ...somOrderObjects(), ...somFulfillmentObjects(), ...standardEvents()]) objects.set(def.name, def);
        const dir = options.forceAppDir ?? resolve('force-app');
        const metadata: ForceAppMetadata =
            dir && existsSync(dir)
                ? loadForceAppMetadata(dir, objects)
                : { childRelationshipNames: new Map(), changeEventEntities: [], customChannels: [], autoNumberFields: new Map(), warnings: [] };
        return new SchemaRegistry(objects, metadata);
    }

    get(objectName: string): ObjectDef | undefined {
        return this.byName.get(objectName.toLowerCase());
    }

    require(objectName: string): ObjectDef {
        const def = this.get(objectName);
        if (!def) throw sfError(400, 'INVALID_TYPE', `sObject type '${objectName}' is not supported.`);
        return def;
    }

    list(): ObjectDef[] {
        return [...this.byName.values()];
    }

    byKeyPrefix(prefix: string): ObjectDef | undefined {
        return this.byPrefix.get(prefix);
    }

    /** Entities on the standard ChangeEvents channel plus members of custom data channels. */
    cdcEntities(): string[] {
        const entities = new Set(this.metadata.changeEventEntities);
        for (const channel of this.metadata.customChannels) if (channel.channelType === 'data') channel.members.forEach((m) => entities.add(m));
        return [...entities];
    }

    /** Entities selected on the standard `/data/ChangeEvents` channel only. */
    changeEventsChannelEntities(): string[] {
        return [...this.metadata.changeEventEntities];
    }

    customChannels(): CustomChannel[] {
        return this.metadata.customChannels.map((c) => ({ ...c, members: [...c.members] }));
    }

    /** Custom AutoNumber fields of an object, numbered by the store on insert. */
    customAutoNumbers(objectName: string): string[] {
        const def = this.get(objectName);
        return def ? [...(this.metadata.autoNumberFields.get(def.name) ?? [])] : [];
    }

    /** Metadata that was found but could not be modelled; the emulator logs these at start. */
    warnings(): string[] {
        return [...this.metadata.warnings];
    }

    private linkChildRelationships(customNames: Map<string, string>): void {
        for (const child of this.byName.values()) {
            if (child.isPlatformEvent) continue;
            for (const field of Object.values(child.fields)) {
                if (field.type !== 'reference' || SYSTEM_LOOKUPS.has(field.name) || !field.referenceTo) continue;
                const key = `${child.name}.${field.name}`;
                const explicit = customNames.get(key) ?? STANDARD_CHILD_NAMES[key];
                for (const parentName of field.referenceTo) {
                    const parent = this.get(parentName);
                    if (!parent) continue;
                    const relationshipName = explicit ?? plural(child.name);
                    if (parent.childRelationships.some((r) => r.relationshipName === relationshipName)) continue;
                    const relationship: ChildRelationship = { childSObject: child.name, field: field.name, relationshipName };
                    parent.childRelationships.push(relationship);
                }
            }
        }
    }
}
