import { expect } from 'chai';
import { EventBus } from '../../../bridge/src/emulator/streaming/event-bus.ts';
import { SalesforceApiError } from '../../../bridge/src/emulator/rest/salesforce-error.ts';
import type { BusEvent } from '../../../bridge/src/emulator/contracts.ts';
import { FakeSchema, FakeStore, USER } from './support/fake-org.ts';

function setup(options: { retentionMs?: number; maxEventsPerChannel?: number } = {}) {
    let clock = 1_750_000_000_000;
    const now = () => clock;
    const schema = new FakeSchema();
    const store = new FakeStore(schema, now);
    const bus = new EventBus({ schema, store, now, ...options });
    return { bus, store, schema, advance: (ms: number) => (clock += ms), now };
}

function apiError(fn: () => unknown): SalesforceApiError {
    try {
        fn();
    } catch (error) {
        if (error instanceof SalesforceApiError) return error;
        throw error;
    }
    throw new Error('expected a SalesforceApiError');
}

describe('EventBus', () => {
    describe('publishPlatformEvent', () => {
        it('fills CreatedDate, CreatedById and EventUuid, gives increasing replay IDs and fans out', () => {
            const { bus } = setup();
            const seen: BusEvent[] = [];
            bus.subscribe('/event/Ship_Confirm__e', (e) => seen.push(e));
            const first = bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: 'SO-1', Quantity__c: 2 }, USER);
            const second = bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: 'SO-2' }, USER);
            expect(second.replayId).to.be.greaterThan(first.replayId);
            expect(first.eventUuid).to.match(/^[0-9a-f-]{36}$/);
            expect(first.payload).to.deep.include({ Order_Number__c: 'SO-1', Quantity__c: 2, Rush__c: null, CreatedById: USER.userId });
            expect(first.payload.CreatedDate).to.equal('2025-06-15T15:06:40.000Z');
            expect(first.payload).not.to.have.property('EventUuid');
            expect(seen.map((e) => e.replayId)).to.deep.equal([first.replayId, second.replayId]);
        });

        it('refuses an unknown field with INVALID_FIELD naming it', () => {
            const { bus } = setup();
            const error = apiError(() => bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: 'SO-1', Bogus__c: 1 }, USER));
            expect(error.statusCode).to.equal(400);
            expect(error.toBody()).to.deep.equal([{ errorCode: 'INVALID_FIELD', message: "No such column 'Bogus__c' on sobject of type Ship_Confirm__e", fields: ['Bogus__c'] }]);
        });

        it('refuses wrong types, over-long text, restricted picklist values, system fields and missing required fields', () => {
            const { bus } = setup();
            const codeOf = (payload: Record<string, unknown>) => apiError(() => bus.publishPlatformEvent('Ship_Confirm__e', payload, USER)).errors[0].errorCode;
            expect(codeOf({ Order_Number__c: 'SO', Quantity__c: 'two' })).to.equal('JSON_PARSER_ERROR');
            expect(codeOf({ Order_Number__c: 'X'.repeat(21) })).to.equal('STRING_TOO_LONG');
            expect(codeOf({ Order_Number__c: 'SO', Carrier__c: 'Pigeon' })).to.equal('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
            expect(codeOf({ Order_Number__c: 'SO', EventUuid: 'x' })).to.equal('INVALID_FIELD_FOR_INSERT_UPDATE');
            expect(codeOf({ Quantity__c: 1 })).to.equal('REQUIRED_FIELD_MISSING');
        });

        it('refuses an object that is not a platform event', () => {
            const { bus } = setup();
            expect(apiError(() => bus.publishPlatformEvent('Widget__c', {}, USER)).errors[0].errorCode).to.equal('INVALID_TYPE');
        });

        it('creates a ProcessException record when a ProcessExceptionEvent is published', () => {
            const { bus, store } = setup();
            bus.publishPlatformEvent(
                'ProcessExceptionEvent',
                { AttachedToId: '0a3000000000001AAA', OrderSummaryId: '1Os000000000001AAA', ExceptionType: 'OM Capture Failed', Message: 'Capture failed', Severity: 'High' },
                USER
            );
            const [record] = store.all('ProcessException');
            expect(record).to.deep.include({ AttachedToId: '0a3000000000001AAA', Message: 'Capture failed', Severity: 'High', Category: 'Payment', Status: 'New' });
            expect(bus.eventsAfter('/event/ProcessExceptionEvent', -2)).to.have.length(1);
        });

        it('publishes no event when the ProcessException record cannot be created', () => {
            const { bus } = setup();
            expect(apiError(() => bus.publishPlatformEvent('ProcessExceptionEvent', { Message: 'no attachment' }, USER)).errors[0].errorCode).to.equal('REQUIRED_FIELD_MISSING');
            expect(bus.eventsAfter('/event/ProcessExceptionEvent', -2)).to.deep.equal([]);
        });
    });

    describe('publishTransaction (through store commits)', () => {
        it('publishes change events to the entity channel, /data/ChangeEvents and custom channels with one replay ID', () => {
            const { bus, store } = setup();
            store.transaction({ ...USER, callOptionsClient: 'som-bridge' }, (tx) => tx.insert('FulfillmentOrder', { Status: 'Allocated', StatusCategory: 'ACTIVATED', OrderSummaryId: '1Os1' }));
            const [entity] = bus.eventsAfter('/data/FulfillmentOrderChangeEvent', -2);
            const [all] = bus.eventsAfter('/data/ChangeEvents', -2);
            const [custom] = bus.eventsAfter('/data/Ops_Data__chn', -2);
            expect(entity.replayId).to.equal(all.replayId).and.to.equal(custom.replayId);
            expect(entity.eventUuid).to.equal(undefined);
            expect(entity.payload.ChangeEventHeader).to.deep.include({ changeType: 'CREATE', changeOrigin: 'com/salesforce/api/rest/66.0;client=som-bridge', commitUser: USER.userId });
        });

        it('names custom-object channels Entity__ChangeEvent and ignores entities without CDC', () => {
            const { bus, store } = setup();
            store.transaction(USER, (tx) => {
                tx.insert('Widget__c', { Name: 'W' });
                tx.insert('FulfillmentOrderLineItem', { Quantity: 1 });
            });
            expect(bus.eventsAfter('/data/Widget__ChangeEvent', -2)).to.have.length(1);
            expect(bus.eventsAfter('/data/ChangeEvents', -2).map((e) => e.payload.ChangeEventHeader)).to.have.length(1);
        });

        it('raises the standard Order Management events', () => {
            const { bus, store } = setup();
            const os = store.transaction(USER, (tx) => tx.insert('OrderSummary', { OriginalOrderId: '801X', Status: 'Created' }));
            const fo = store.transaction(USER, (tx) => tx.insert('FulfillmentOrder', { OrderSummaryId: os.Id, Status: 'Allocated' }));
            const line = store.transaction(USER, (tx) => tx.insert('FulfillmentOrderLineItem', { FulfillmentOrderId: fo.Id, OrderItemSummaryId: '10u1', Quantity: 3 }));
            store.transaction(USER, (tx) => {
                tx.update('OrderSummary', os.Id, { Status: 'Approved' });
                tx.update('FulfillmentOrder', fo.Id, { Status: 'Fulfilled', StatusCategory: 'CLOSED' });
                tx.update('FulfillmentOrderLineItem', line.Id, { Quantity: 2 });
            });
            const payloads = (event: string) => bus.eventsAfter(`/event/${event}`, -2).map((e) => e.payload);
            expect(payloads('OrderSummaryCreatedEvent')).to.have.length(1);
            expect(payloads('OrderSummaryCreatedEvent')[0]).to.deep.include({ OrderSummaryId: os.Id, OrderId: '801X' });
            expect(payloads('OrderSumStatusChangedEvent')[0]).to.deep.include({ OldStatus: 'Created', NewStatus: 'Approved' });
            const foEvents = payloads('FOStatusChangedEvent');
            expect(foEvents[0]).to.deep.include({ FulfillmentOrderId: fo.Id, OldStatus: null, NewStatus: 'Allocated', OldStatusCategory: null, NewStatusCategory: 'ACTIVATED' });
            expect(foEvents[1]).to.deep.include({ OldStatus: 'Allocated', NewStatus: 'Fulfilled', OldStatusCategory: 'ACTIVATED', NewStatusCategory: 'CLOSED' });
            expect(payloads('FulfillOrdItemQtyChgEvent')[0]).to.deep.include({ FulfillmentOrderLineItemId: line.Id, OldQuantity: 3, NewQuantity: 2 });
        });
    });

    describe('replay and retention', () => {
        it('gives events after an ID, all for -2, none for -1, and validates IDs per channel', () => {
            const { bus } = setup();
            const ids = [1, 2, 3].map((n) => bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: `SO-${n}` }, USER).replayId);
            expect(bus.eventsAfter('/event/Ship_Confirm__e', ids[0]).map((e) => e.replayId)).to.deep.equal(ids.slice(1));
            expect(bus.eventsAfter('/event/Ship_Confirm__e', -2)).to.have.length(3);
            expect(bus.eventsAfter('/event/Ship_Confirm__e', -1)).to.deep.equal([]);
            expect(bus.isReplayIdValid('/event/Ship_Confirm__e', ids[1])).to.equal(true);
            expect(bus.isReplayIdValid('/event/Ship_Confirm__e', ids[2] + 1000)).to.equal(false);
            expect(bus.isReplayIdValid('/event/ProcessExceptionEvent', ids[1])).to.equal(false);
        });

        it('drops events beyond the retention window, making their IDs invalid', () => {
            const { bus, advance } = setup({ retentionMs: 60_000 });
            const old = bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: 'old' }, USER);
            advance(61_000);
            const fresh = bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: 'new' }, USER);
            expect(bus.isReplayIdValid('/event/Ship_Confirm__e', old.replayId)).to.equal(false);
            expect(bus.eventsAfter('/event/Ship_Confirm__e', -2).map((e) => e.replayId)).to.deep.equal([fresh.replayId]);
        });

        it('setRetention and purgeOlderThan shorten what is kept', () => {
            const { bus, advance, now } = setup();
            bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: 'a' }, USER);
            advance(10_000);
            bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: 'b' }, USER);
            bus.setRetention(5_000);
            expect(bus.eventsAfter('/event/Ship_Confirm__e', -2)).to.have.length(1);
            advance(1);
            expect(bus.purgeOlderThan(now())).to.equal(1);
            expect(bus.eventsAfter('/event/Ship_Confirm__e', -2)).to.deep.equal([]);
        });

        it('caps the events kept per channel', () => {
            const { bus } = setup({ maxEventsPerChannel: 5 });
            for (let n = 0; n < 12; n++) bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: `SO-${n}` }, USER);
            expect(bus.eventsAfter('/event/Ship_Confirm__e', -2).map((e) => e.payload.Order_Number__c)).to.deep.equal(['SO-7', 'SO-8', 'SO-9', 'SO-10', 'SO-11']);
        });
    });

    describe('gap and overflow events', () => {
        it('emits gap events with header and record IDs only', () => {
            const { bus } = setup();
            const [event] = bus.emitGapEvents('FulfillmentOrder', ['0a3A', '0a3B'], 'GAP_UPDATE');
            expect(event.channel).to.equal('/data/FulfillmentOrderChangeEvent');
            expect(Object.keys(event.payload)).to.deep.equal(['ChangeEventHeader']);
            expect(event.payload.ChangeEventHeader).to.deep.include({ changeType: 'GAP_UPDATE', recordIds: ['0a3A', '0a3B'], entityName: 'FulfillmentOrder' });
        });

        it('emits GAP_OVERFLOW without record IDs, and refuses entities without CDC or bad gap types', () => {
            const { bus } = setup();
            const [event] = bus.emitOverflow('OrderSummary');
            expect(event.payload.ChangeEventHeader).to.deep.include({ changeType: 'GAP_OVERFLOW', recordIds: [] });
            expect(() => bus.emitOverflow('Account')).to.throw(/not enabled for Account/);
            expect(() => bus.emitGapEvents('OrderSummary', ['1Os1'], 'GAP_WHATEVER' as 'GAP_CREATE')).to.throw(/gapType/);
            expect(() => bus.emitGapEvents('OrderSummary', [], 'GAP_CREATE')).to.throw(/at least one record ID/);
        });
    });

    it('keeps publishing when a listener throws, and reports the failure', () => {
        const failures: unknown[] = [];
        const schema = new FakeSchema();
        const bus = new EventBus({ schema, store: new FakeStore(schema), onListenerError: (error) => failures.push(error) });
        const seen: number[] = [];
        bus.subscribe('/event/Ship_Confirm__e', () => {
            throw new Error('listener broke');
        });
        bus.subscribe('/event/Ship_Confirm__e', (e) => seen.push(e.replayId));
        const event = bus.publishPlatformEvent('Ship_Confirm__e', { Order_Number__c: 'SO' }, USER);
        expect(seen).to.deep.equal([event.replayId]);
        expect(failures).to.have.length(1);
    });
});
