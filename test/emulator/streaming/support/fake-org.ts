/**
 * Small in-memory fakes of the schema registry, record store and session service, enough to drive the
 * event bus and the CometD endpoint on their own. The same suites also run against the real classes
 * where those exist (see real-org.ts).
 */
import { randomUUID } from 'node:crypto';
import type {
    ChangeContext,
    CommittedTransaction,
    FieldDef,
    FieldType,
    ObjectDef,
    RecordChange,
    RecordStoreApi,
    SchemaRegistryApi,
    Session,
    SessionValidator,
    SObjectRecord,
    TransactionApi
} from '../../../../bridge/src/emulator/contracts.ts';
import { sfError } from '../../../../bridge/src/emulator/rest/salesforce-error.ts';

function field(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
    return { name, label: name, type, createable: true, updateable: true, ...extra };
}
const computed = (f: FieldDef): FieldDef => ({ ...f, createable: false, updateable: false, calculated: true });

function object(name: string, keyPrefix: string, fields: FieldDef[], isPlatformEvent = false): ObjectDef {
    const system = isPlatformEvent
        ? [computed(field('ReplayId', 'string')), computed(field('CreatedDate', 'datetime')), computed(field('CreatedById', 'reference')), computed(field('EventUuid', 'string', { length: 36 }))]
        : [computed(field('Id', 'id')), computed(field('CreatedDate', 'datetime')), computed(field('LastModifiedDate', 'datetime')), computed(field('SystemModstamp', 'datetime'))];
    const all: Record<string, FieldDef> = {};
    for (const f of [...system, ...fields]) all[f.name] = f;
    return {
        name,
        label: name,
        labelPlural: `${name}s`,
        keyPrefix,
        fields: all,
        childRelationships: [],
        custom: name.includes('__'),
        isPlatformEvent,
        createable: true,
        updateable: !isPlatformEvent,
        deletable: !isPlatformEvent,
        queryable: !isPlatformEvent
    };
}

export const FAKE_OBJECTS: ObjectDef[] = [
    object('OrderSummary', '1Os', [field('OriginalOrderId', 'reference'), field('Status', 'picklist'), field('OrderNumber', 'string')]),
    object('FulfillmentOrder', '0a3', [
        field('OrderSummaryId', 'reference'),
        field('Status', 'picklist'),
        field('StatusCategory', 'picklist'),
        field('FulfilledFromLocationId', 'reference')
    ]),
    object('FulfillmentOrderLineItem', '0a4', [field('FulfillmentOrderId', 'reference'), field('OrderItemSummaryId', 'reference'), field('Quantity', 'double')]),
    object('ProcessException', '2Pe', [
        field('AttachedToId', 'reference', { required: true }),
        field('OrderSummaryId', 'reference'),
        field('Message', 'string', { required: true }),
        field('Description', 'textarea'),
        field('Severity', 'picklist'),
        field('ExternalReference', 'string'),
        field('Category', 'picklist', { picklistValues: ['Fulfillment', 'Payment', 'Order Activation'], restrictedPicklist: true }),
        field('Status', 'picklist')
    ]),
    object('Widget__c', 'a01', [field('Name', 'string'), field('Colour__c', 'string')]),
    object(
        'Ship_Confirm__e',
        'e01',
        [
            field('Order_Number__c', 'string', { length: 20, required: true }),
            field('Quantity__c', 'double'),
            field('Rush__c', 'boolean'),
            field('Carrier__c', 'picklist', { picklistValues: ['UPS', 'DHL'], restrictedPicklist: true })
        ],
        true
    ),
    object(
        'ProcessExceptionEvent',
        'e02',
        [
            field('AttachedToId', 'reference'),
            field('OrderSummaryId', 'reference'),
            field('ExceptionType', 'string'),
            field('Message', 'string'),
            field('Description', 'textarea'),
            field('ExternalReference', 'string'),
            field('Severity', 'picklist')
        ],
        true
    ),
    object('OrderSummaryCreatedEvent', 'e03', [field('OrderSummaryId', 'reference'), field('OrderId', 'reference')], true),
    object('OrderSumStatusChangedEvent', 'e04', ['OrderSummaryId', 'OrderId', 'OldStatus', 'NewStatus'].map((n) => field(n, 'string')), true),
    object(
        'FOStatusChangedEvent',
        'e05',
        ['FulfillmentOrderId', 'OrderSummaryId', 'OldStatus', 'NewStatus', 'OldStatusCategory', 'NewStatusCategory'].map((n) => field(n, 'string')),
        true
    ),
    object('FulfillOrdItemQtyChgEvent', 'e06', ['FulfillmentOrderLineItemId', 'OrderItemSummaryId', 'OldQuantity', 'NewQuantity'].map((n) => field(n, 'string')), true)
];

export class FakeSchema implements SchemaRegistryApi {
    private readonly byName = new Map(FAKE_OBJECTS.map((o) => [o.name, o]));
    constructor(
        private readonly cdc: string[] = ['FulfillmentOrder', 'OrderSummary', 'Widget__c'],
        private readonly channels: { name: string; channelType: 'data' | 'event'; members: string[] }[] = [
            { name: 'Ops_Data__chn', channelType: 'data', members: ['FulfillmentOrderChangeEvent'] }
        ]
    ) {}
    get(name: string) {
        return this.byName.get(name);
    }
    require(name: string) {
        const def = this.byName.get(name);
        if (!def) throw sfError(404, 'NOT_FOUND', `The requested resource does not exist: ${name}`);
        return def;
    }
    list() {
        return [...this.byName.values()];
    }
    byKeyPrefix(prefix: string) {
        return this.list().find((o) => o.keyPrefix === prefix);
    }
    cdcEntities() {
        return [...this.cdc];
    }
    customChannels() {
        return this.channels;
    }
}

export class FakeStore implements RecordStoreApi {
    private readonly records = new Map<string, SObjectRecord>();
    private readonly listeners = new Set<(t: CommittedTransaction) => void>();
    private commitNumber = 1000;
    private counter = 0;
    constructor(
        private readonly schema: SchemaRegistryApi,
        private readonly now: () => number = Date.now
    ) {}

    transaction<T>(context: ChangeContext, work: (tx: TransactionApi) => T): T {
        const changes: RecordChange[] = [];
        const staged = new Map<string, SObjectRecord>();
        const stamp = new Date(this.now()).toISOString();
        const tx: TransactionApi = {
            insert: (objectName, fields) => {
                const def = this.schema.require(objectName);
                for (const f of Object.values(def.fields)) {
                    if (f.required && (fields[f.name] === undefined || fields[f.name] === null)) {
                        throw sfError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${f.name}]`, [f.name]);
                    }
                }
                const id = `${def.keyPrefix}${String(++this.counter).padStart(12, '0')}AAA`;
                const record: SObjectRecord = { ...fields, Id: id, CreatedDate: stamp, LastModifiedDate: stamp, SystemModstamp: stamp };
                staged.set(id, record);
                changes.push({ objectName, recordId: id, changeType: 'CREATE', changedFields: Object.keys(fields), after: record });
                return record;
            },
            update: (objectName, id, fields) => {
                const before = staged.get(id) ?? this.records.get(id);
                if (!before) throw sfError(404, 'NOT_FOUND', `No ${objectName} with id ${id}`);
                const after: SObjectRecord = { ...before, ...fields, LastModifiedDate: stamp, SystemModstamp: stamp };
                staged.set(id, after);
                const changedFields = [...Object.keys(fields).filter((k) => before[k] !== fields[k]), 'LastModifiedDate'];
                changes.push({ objectName, recordId: id, changeType: 'UPDATE', changedFields, after, before });
                return after;
            },
            delete: (objectName, id) => {
                const before = staged.get(id) ?? this.records.get(id);
                if (!before) throw sfError(404, 'NOT_FOUND', `No ${objectName} with id ${id}`);
                staged.delete(id);
                this.records.delete(id);
                changes.push({ objectName, recordId: id, changeType: 'DELETE', changedFields: [], after: before, before });
            },
            get: (id) => staged.get(id) ?? this.records.get(id)
        };
        const result = work(tx);
        for (const [id, record] of staged) this.records.set(id, record);
        const committed: CommittedTransaction = {
            transactionKey: randomUUID(),
            commitNumber: ++this.commitNumber,
            commitTimestamp: this.now(),
            context,
            changes
        };
        for (const listener of this.listeners) listener(committed);
        return result;
    }
    get(id: string) {
        return this.records.get(id);
    }
    getIncludingDeleted(id: string) {
        return this.records.get(id);
    }
    all(objectName: string) {
        return [...this.records.values()].filter((r) => this.schema.byKeyPrefix(r.Id.slice(0, 3))?.name === objectName);
    }
    findBy(objectName: string, fieldName: string, value: unknown) {
        return this.all(objectName).filter((r) => r[fieldName] === value);
    }
    onCommit(listener: (t: CommittedTransaction) => void) {
        this.listeners.add(listener);
        return () => void this.listeners.delete(listener);
    }
}

/** Sessions by token; `expire(token)` makes one invalid, as an expired or revoked session is. */
export class FakeSessions implements SessionValidator {
    private readonly sessions = new Map<string, Session>();
    issue(userId = '005000000000777AAA'): string {
        const token = `00D000000000001!${randomUUID()}`;
        this.sessions.set(token, { accessToken: token, userId, orgId: '00D000000000001AAA', username: 'int@example.com', issuedAt: 0, expiresAt: Number.MAX_SAFE_INTEGER });
        return token;
    }
    expire(token: string): void {
        this.sessions.delete(token);
    }
    validate(token: string) {
        return this.sessions.get(token);
    }
}

export const USER: ChangeContext = { userId: '005000000000777AAA' };
