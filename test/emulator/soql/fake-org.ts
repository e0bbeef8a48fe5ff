/**
 * A small in-memory org implementing SchemaRegistryApi and RecordStoreApi for the SOQL engine tests:
 * a handful of SOM objects, 18-character IDs with real key prefixes, soft deletes for queryAll.
 */
import type {
    ChildRelationship,
    CommittedTransaction,
    FieldDef,
    FieldType,
    ObjectDef,
    RecordStoreApi,
    SchemaRegistryApi,
    SObjectRecord,
    TransactionApi
} from '../../../bridge/src/emulator/contracts.ts';
import { sfError } from '../../../bridge/src/emulator/rest/salesforce-error.ts';

const field = (name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
    name,
    label: name,
    type,
    createable: true,
    updateable: true,
    ...extra
});

const lookup = (name: string, relationshipName: string, referenceTo: string[]) =>
    field(name, 'reference', { relationshipName, referenceTo });

const SYSTEM: FieldDef[] = [
    field('Id', 'id'),
    field('IsDeleted', 'boolean'),
    field('CreatedDate', 'datetime'),
    field('LastModifiedDate', 'datetime'),
    field('SystemModstamp', 'datetime')
];

function objectDef(
    name: string,
    keyPrefix: string,
    fields: FieldDef[],
    childRelationships: ChildRelationship[] = []
): ObjectDef {
    return {
        name,
        label: name,
        labelPlural: `${name}s`,
        keyPrefix,
        fields: Object.fromEntries([...SYSTEM, ...fields].map((f) => [f.name, f])),
        childRelationships,
        custom: false,
        isPlatformEvent: false,
        createable: true,
        updateable: true,
        deletable: true,
        queryable: true
    };
}

export function fakeObjects(): ObjectDef[] {
    return [
        objectDef(
            'Account',
            '001',
            [
                field('Name', 'string'),
                field('Industry', 'picklist'),
                field('AnnualRevenue', 'currency'),
                field('Rating__c', 'int', { custom: true }),
                field('Active__c', 'boolean', { custom: true }),
                field('Since__c', 'date', { custom: true }),
                lookup('ParentId', 'Parent', ['Account'])
            ],
            [
                { childSObject: 'OrderSummary', field: 'AccountId', relationshipName: 'OrderSummaries' },
                { childSObject: 'Account', field: 'ParentId', relationshipName: 'ChildAccounts' }
            ]
        ),
        objectDef('Location', '131', [field('Name', 'string'), field('ExternalReference', 'string')]),
        objectDef(
            'OrderSummary',
            '1Os',
            [
                field('OrderNumber', 'string'),
                field('Status', 'picklist'),
                field('GrandTotalAmount', 'currency'),
                lookup('AccountId', 'Account', ['Account'])
            ],
            [
                {
                    childSObject: 'FulfillmentOrder',
                    field: 'OrderSummaryId',
                    relationshipName: 'FulfillmentOrders'
                },
                {
                    childSObject: 'ProcessException',
                    field: 'AttachedToId',
                    relationshipName: 'ProcessExceptions'
                }
            ]
        ),
        objectDef(
            'FulfillmentOrder',
            '0a3',
            [
                field('FulfillmentOrderNumber', 'string'),
                field('Status', 'picklist'),
                field('DeliveryDate__c', 'date'),
                lookup('OrderSummaryId', 'OrderSummary', ['OrderSummary']),
                lookup('FulfilledFromLocationId', 'FulfilledFromLocation', ['Location'])
            ],
            [
                {
                    childSObject: 'FulfillmentOrderLineItem',
                    field: 'FulfillmentOrderId',
                    relationshipName: 'FulfillmentOrderLineItems'
                },
                { childSObject: 'Shipment', field: 'FulfillmentOrderId', relationshipName: 'Shipments' }
            ]
        ),
        objectDef('FulfillmentOrderLineItem', '0a4', [
            field('Description', 'string'),
            field('Quantity', 'double'),
            lookup('FulfillmentOrderId', 'FulfillmentOrder', ['FulfillmentOrder'])
        ]),
        objectDef('Shipment', '0OB', [
            field('TrackingNumber', 'string'),
            lookup('FulfillmentOrderId', 'FulfillmentOrder', ['FulfillmentOrder'])
        ]),
        objectDef('ProcessException', '2Pe', [
            field('Message', 'string'),
            lookup('AttachedToId', 'AttachedTo', ['OrderSummary', 'FulfillmentOrder'])
        ])
    ];
}

export class FakeSchema implements SchemaRegistryApi {
    private readonly objects = new Map<string, ObjectDef>();

    constructor(defs: ObjectDef[] = fakeObjects()) {
        for (const def of defs) this.objects.set(def.name.toLowerCase(), def);
    }

    get(objectName: string) {
        return this.objects.get(objectName.toLowerCase());
    }

    require(objectName: string) {
        const def = this.get(objectName);
        if (!def) throw sfError(404, 'NOT_FOUND', `The requested resource does not exist: ${objectName}`);
        return def;
    }

    list() {
        return [...this.objects.values()];
    }

    byKeyPrefix(prefix: string) {
        return this.list().find((d) => d.keyPrefix === prefix);
    }

    cdcEntities() {
        return [];
    }

    customChannels() {
        return [];
    }
}

/** Fixed timestamps keep results deterministic; records get CreatedDate/SystemModstamp from `stamp`. */
export class FakeStore implements RecordStoreApi {
    private readonly records = new Map<string, { objectName: string; record: SObjectRecord }>();
    private counter = 0;
    stamp = '2026-11-01T00:00:00.000+0000';

    constructor(private readonly schema: FakeSchema) {}

    add(objectName: string, fields: Record<string, unknown>): SObjectRecord {
        const def = this.schema.require(objectName);
        const body = String(++this.counter).padStart(12, '0');
        const id = `${def.keyPrefix}${body}AAA`;
        const record: SObjectRecord = {
            CreatedDate: this.stamp,
            LastModifiedDate: this.stamp,
            SystemModstamp: this.stamp,
            ...fields,
            Id: id,
            IsDeleted: false
        };
        this.records.set(id.slice(0, 15), { objectName: def.name, record });
        return record;
    }

    remove(id: string): void {
        const entry = this.records.get(id.slice(0, 15));
        if (entry) entry.record = { ...entry.record, IsDeleted: true };
    }

    transaction<T>(_context: unknown, work: (tx: TransactionApi) => T): T {
        return work({
            insert: (objectName, fields) => this.add(objectName, fields),
            update: () => {
                throw new Error('FakeStore does not update');
            },
            delete: (_objectName, id) => this.remove(id),
            get: (id) => this.get(id)
        });
    }

    get(id: string) {
        const record = this.getIncludingDeleted(id);
        return record && !record.IsDeleted ? record : undefined;
    }

    getIncludingDeleted(id: string) {
        return this.records.get(id.slice(0, 15))?.record;
    }

    all(objectName: string, options: { includeDeleted?: boolean } = {}) {
        const def = this.schema.require(objectName);
        const out: SObjectRecord[] = [];
        for (const entry of this.records.values()) {
            if (entry.objectName === def.name && (options.includeDeleted || !entry.record.IsDeleted))
                out.push(entry.record);
        }
        return out;
    }

    findBy(objectName: string, fieldName: string, value: unknown) {
        return this.all(objectName).filter((r) => r[fieldName] === value);
    }

    onCommit(_listener: (transaction: CommittedTransaction) => void) {
        return () => undefined;
    }
}

/** A small SOM data set: two accounts, two order summaries, three fulfillment orders with lines. */
export function seedFakeOrg() {
    const schema = new FakeSchema();
    const store = new FakeStore(schema);
    const acme = store.add('Account', {
        Name: 'Acme',
        Industry: 'Retail',
        AnnualRevenue: 5000,
        Rating__c: 3,
        Active__c: true,
        Since__c: '2020-05-01'
    });
    const globex = store.add('Account', {
        Name: 'Globex',
        Industry: null,
        AnnualRevenue: 1200.5,
        Rating__c: 1,
        Active__c: false,
        ParentId: acme.Id
    });
    const warehouse = store.add('Location', { Name: 'Main Warehouse', ExternalReference: 'WH-1' });
    const os1 = store.add('OrderSummary', {
        OrderNumber: '00000001',
        Status: 'Created',
        GrandTotalAmount: 100,
        AccountId: acme.Id
    });
    const os2 = store.add('OrderSummary', {
        OrderNumber: '00000002',
        Status: 'Approved',
        GrandTotalAmount: 250,
        AccountId: globex.Id
    });
    store.stamp = '2026-11-02T10:00:00.000+0000';
    const fo1 = store.add('FulfillmentOrder', {
        FulfillmentOrderNumber: 'FO-1',
        Status: 'Allocated',
        OrderSummaryId: os1.Id,
        FulfilledFromLocationId: warehouse.Id,
        DeliveryDate__c: '2026-11-20'
    });
    store.stamp = '2026-11-03T10:00:00.000+0000';
    const fo2 = store.add('FulfillmentOrder', {
        FulfillmentOrderNumber: 'FO-2',
        Status: 'Fulfilled',
        OrderSummaryId: os1.Id
    });
    const fo3 = store.add('FulfillmentOrder', {
        FulfillmentOrderNumber: 'FO-3',
        Status: 'Allocated',
        OrderSummaryId: os2.Id,
        FulfilledFromLocationId: warehouse.Id
    });
    store.stamp = '2026-11-01T00:00:00.000+0000';
    const line1 = store.add('FulfillmentOrderLineItem', {
        Description: 'Red shoe',
        Quantity: 2,
        FulfillmentOrderId: fo1.Id
    });
    const line2 = store.add('FulfillmentOrderLineItem', {
        Description: 'Blue sock',
        Quantity: 1,
        FulfillmentOrderId: fo1.Id
    });
    const line3 = store.add('FulfillmentOrderLineItem', {
        Description: "O'Brien hat",
        Quantity: 5,
        FulfillmentOrderId: fo2.Id
    });
    const shipment = store.add('Shipment', { TrackingNumber: '1Z999', FulfillmentOrderId: fo1.Id });
    const exception = store.add('ProcessException', { Message: 'Payment failed', AttachedToId: fo3.Id });
    return {
        schema,
        store,
        acme,
        globex,
        warehouse,
        os1,
        os2,
        fo1,
        fo2,
        fo3,
        line1,
        line2,
        line3,
        shipment,
        exception
    };
}
