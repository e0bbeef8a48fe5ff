import { expect } from 'chai';
import { decideFulfillmentAction, type FulfillmentOrderState } from '../../../bridge/src/flows/order-to-cash/fulfillment-decision.ts';
import { subjectOf } from '../../../bridge/src/flows/order-to-cash/salesforce-event-facts.ts';

const fo = (over: Partial<FulfillmentOrderState> = {}): FulfillmentOrderState => ({
    Id: '0a3000000000001AAA',
    OrderSummaryId: '1Os000000000001AAA',
    Status: 'Allocated',
    StatusCategory: 'Activated',
    ...over
});

describe('flows/order-to-cash/fulfillment-decision', () => {
    const channel = '/event/FOStatusChangedEvent';

    it('submits an allocated order the warehouse has not seen, always as version 1', () => {
        expect(decideFulfillmentAction(fo(), { channel })).to.deep.equal({ kind: 'submit', version: 1 });
        // A replayed or reconciled event decides the same, so the job ID repeats and nothing is sent twice.
        expect(decideFulfillmentAction(fo(), { channel: '/data/FulfillmentOrderChangeEvent', changeType: 'CREATE' })).to.deep.equal({ kind: 'submit', version: 1 });
    });

    it('does nothing for an order already with the warehouse', () => {
        const action = decideFulfillmentAction(fo({ WMS_Order_Number__c: 'WMS-1', Integration_Status__c: 'Sent' }), { channel });
        expect(action.kind).to.equal('none');
    });

    it('cancels in the warehouse only what the warehouse knows', () => {
        expect(decideFulfillmentAction(fo({ StatusCategory: 'Cancelled', WMS_Order_Number__c: 'W1' }), { channel }).kind).to.equal('cancel');
        expect(decideFulfillmentAction(fo({ StatusCategory: 'Cancelled' }), { channel }).kind).to.equal('none');
    });

    it('sends an address change of a known order with the commit time as version', () => {
        const action = decideFulfillmentAction(fo({ WMS_Order_Number__c: 'W1', Integration_Status__c: 'Acknowledged' }), {
            channel: '/data/FulfillmentOrderChangeEvent',
            changeType: 'UPDATE',
            changedFields: ['FulfilledToStreet', 'LastModifiedDate'],
            committedAt: 1_700_000_000_000
        });
        expect(action).to.deep.equal({ kind: 'update-ship-to', version: 1_700_000_000_000 });
    });

    it('resends on request unless the order is closed, and falls back to Status when StatusCategory is absent', () => {
        expect(decideFulfillmentAction(fo({ WMS_Order_Number__c: 'W1' }), { channel, resendRequested: true, committedAt: 5 })).to.deep.equal({ kind: 'submit', version: 5 });
        expect(decideFulfillmentAction(fo({ StatusCategory: null, Status: 'Fulfilled' }), { channel, resendRequested: true }).kind).to.equal('none');
        expect(decideFulfillmentAction(fo({ StatusCategory: null, Status: 'Allocated' }), { channel }).kind).to.equal('submit');
    });
});

describe('flows/order-to-cash/salesforce-event-facts', () => {
    it('reads the fulfilment order of an FOStatusChangedEvent', () => {
        const subject = subjectOf({ channel: '/event/FOStatusChangedEvent', payload: { FulfillmentOrderId: '0a3x', OrderSummaryId: '1Osx' } });
        expect(subject).to.deep.include({ fulfillmentOrderIds: ['0a3x'], orderSummaryId: '1Osx' });
    });

    it('reads change events, stripping GAP_ so gap events re-read the record', () => {
        const subject = subjectOf({
            channel: '/data/FulfillmentOrderChangeEvent',
            recordId: '0a3y',
            payload: { ChangeEventHeader: { entityName: 'FulfillmentOrder', changeType: 'GAP_UPDATE', recordIds: ['0a3y'], commitTimestamp: 9 } }
        });
        expect(subject).to.have.property('fulfillmentOrderIds').deep.equal(['0a3y']);
        expect((subject as { facts: { changeType: string } }).facts.changeType).to.equal('UPDATE');
    });

    it('says why it ignores what it does not act on', () => {
        expect(subjectOf({ channel: '/event/OrderSummaryCreatedEvent', payload: {} })).to.have.property('ignored').that.includes('OrderSummaryCreatedEvent');
        expect(subjectOf({ channel: '/event/FOStatusChangedEvent', payload: {} })).to.have.property('ignored').that.includes('without FulfillmentOrderId');
        expect(subjectOf({ channel: '/event/OMS_Resend_Request__e', payload: {} })).to.have.property('ignored');
    });
});
