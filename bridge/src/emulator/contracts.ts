/**
 * Contracts between the emulator's parts: the record store, the auth/session service, the event bus,
 * the CometD server and the Connect REST actions. Each part is built against these types only, so
 * they can evolve independently. The emulator imports nothing from the bridge.
 */

/** Salesforce field types the emulator models (a subset of the describe `type` values). */
export type FieldType =
    | 'id'
    | 'reference'
    | 'string'
    | 'textarea'
    | 'picklist'
    | 'multipicklist'
    | 'boolean'
    | 'int'
    | 'double'
    | 'currency'
    | 'percent'
    | 'date'
    | 'datetime'
    | 'url'
    | 'email'
    | 'phone'
    | 'address';

export interface FieldDef {
    name: string;
    label: string;
    type: FieldType;
    /** Max length for text types. */
    length?: number;
    /** Required on create (nillable false and no default). */
    required?: boolean;
    /** Picklist values; when `restrictedPicklist` a value outside the list is refused. */
    picklistValues?: string[];
    restrictedPicklist?: boolean;
    /** Referenced object names for `reference` fields. */
    referenceTo?: string[];
    /** Relationship name used in SOQL (`FulfillmentOrder.OrderSummary.OrderNumber`). */
    relationshipName?: string;
    externalId?: boolean;
    unique?: boolean;
    createable: boolean;
    updateable: boolean;
    /** Value given on create when none is sent. */
    defaultValue?: unknown;
    /** True for fields the platform computes (Id, CreatedDate, SystemModstamp, auto numbers...). */
    calculated?: boolean;
    custom?: boolean;
    inlineHelpText?: string;
}

export interface ChildRelationship {
    /** Child object, e.g. FulfillmentOrderLineItem. */
    childSObject: string;
    /** Lookup field on the child, e.g. FulfillmentOrderId. */
    field: string;
    /** Name used in subqueries, e.g. FulfillmentOrderLineItems. */
    relationshipName: string;
}

export interface ObjectDef {
    name: string;
    label: string;
    labelPlural: string;
    /** Three-character ID prefix, e.g. 0a3 for FulfillmentOrder. */
    keyPrefix: string;
    fields: Record<string, FieldDef>;
    childRelationships: ChildRelationship[];
    custom: boolean;
    /** Platform event (`__e` or a standard event such as FOStatusChangedEvent). */
    isPlatformEvent: boolean;
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
    queryable: boolean;
}

/** A stored record: field name → value, always with Id, CreatedDate, LastModifiedDate, SystemModstamp. */
export type SObjectRecord = Record<string, unknown> & { Id: string };

/** Who made a change and how: feeds CDC `changeOrigin` and `commitUser`. */
export interface ChangeContext {
    /** User ID (005...) of the session that made the change. */
    userId: string;
    /** The `client=` value from `Sforce-Call-Options`, if any. */
    callOptionsClient?: string;
    /** API the change came through, for changeOrigin (`com/salesforce/api/rest/66.0`). */
    api?: string;
}

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';

/** One record changed inside a committed transaction. */
export interface RecordChange {
    objectName: string;
    recordId: string;
    changeType: ChangeType;
    /** Field names whose value changed (for CREATE: the fields set; for DELETE: empty). */
    changedFields: string[];
    /** The record after the change (before it, for DELETE). */
    after: SObjectRecord;
    before?: SObjectRecord;
}

/** What the store emits once a transaction commits. */
export interface CommittedTransaction {
    /** Unique per transaction; becomes CDC `transactionKey`. */
    transactionKey: string;
    /** Strictly increasing across the org; becomes CDC `commitNumber`. */
    commitNumber: number;
    /** Epoch ms; becomes CDC `commitTimestamp`. */
    commitTimestamp: number;
    context: ChangeContext;
    changes: RecordChange[];
}

export interface Session {
    accessToken: string;
    userId: string;
    orgId: string;
    username: string;
    issuedAt: number;
    expiresAt: number;
}

/** Validates access tokens for REST and CometD. */
export interface SessionValidator {
    /** The live session for a token, or undefined when unknown or expired. */
    validate(accessToken: string): Session | undefined;
}

/** One event as stored on the bus (platform event or change event). */
export interface BusEvent {
    /** CometD channel, e.g. /event/FOStatusChangedEvent or /data/FulfillmentOrderChangeEvent. */
    channel: string;
    /** Opaque, increasing replay ID. */
    replayId: number;
    /** Schema ID, as in `data.schema`. */
    schema: string;
    payload: Record<string, unknown>;
    /** Platform events only. */
    eventUuid?: string;
    /** Epoch ms the event was published (for retention). */
    publishedAt: number;
}

/** The event bus: stores events with retention and fans them out to subscribers. */
export interface EventBusApi {
    /** Publishes a platform event (`/event/X`) and returns its replay ID and EventUuid. */
    publishPlatformEvent(eventName: string, payload: Record<string, unknown>, context: ChangeContext): BusEvent;
    /** Turns a committed transaction into change events for the CDC-enabled entities and standard SOM events. */
    publishTransaction(transaction: CommittedTransaction): void;
}

/** Object and field definitions: the standard SOM model plus everything defined under force-app/. */
export interface SchemaRegistryApi {
    get(objectName: string): ObjectDef | undefined;
    /** Like get, but throws a NOT_FOUND / INVALID_TYPE SalesforceApiError for an unknown object. */
    require(objectName: string): ObjectDef;
    list(): ObjectDef[];
    /** Object whose IDs start with this three-character prefix. */
    byKeyPrefix(prefix: string): ObjectDef | undefined;
    /** Entities with Change Data Capture enabled (from platformEventChannelMembers), e.g. ['FulfillmentOrder']. */
    cdcEntities(): string[];
    /** Custom channels (`/data/X__chn`, `/event/X__chn`) with their member entities/events. */
    customChannels(): { name: string; channelType: 'data' | 'event'; members: string[] }[];
}

/**
 * Operations inside one transaction. Every write validates (required fields, types, lengths, restricted
 * picklists, references to existing records) and throws a SalesforceApiError carrying Salesforce's
 * `[{message, errorCode, fields}]` on failure; nothing of a failed transaction is kept.
 */
export interface TransactionApi {
    insert(objectName: string, fields: Record<string, unknown>): SObjectRecord;
    update(objectName: string, id: string, fields: Record<string, unknown>): SObjectRecord;
    delete(objectName: string, id: string): void;
    get(id: string): SObjectRecord | undefined;
}

export interface RecordStoreApi {
    /** Runs `work` as one transaction; on success emits one CommittedTransaction to every onCommit listener. */
    transaction<T>(context: ChangeContext, work: (tx: TransactionApi) => T): T;
    /** A live record by ID (undefined when absent or deleted). */
    get(id: string): SObjectRecord | undefined;
    /** A record by ID including deleted ones (for queryAll); `IsDeleted` is true on deleted records. */
    getIncludingDeleted(id: string): SObjectRecord | undefined;
    /** Every live record of an object (with `includeDeleted`, the deleted ones too), in insertion order. */
    all(objectName: string, options?: { includeDeleted?: boolean }): SObjectRecord[];
    /** Records whose external-ID (or Id) field equals value. */
    findBy(objectName: string, field: string, value: unknown): SObjectRecord[];
    /** Records whose lookup `field` holds `parentId`, deleted ones included, in `all()` order (indexed where the store can). */
    referencing?(objectName: string, field: string, parentId: string): SObjectRecord[];
    onCommit(listener: (transaction: CommittedTransaction) => void): () => void;
}
