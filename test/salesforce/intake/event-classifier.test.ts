import { expect } from 'chai';
import { classifyEvent } from '../../../bridge/src/salesforce/intake/event-classifier.ts';
import { EchoFilter } from '../../../bridge/src/salesforce/intake/echo-filter.ts';
import { toQueueJob } from '../../../bridge/src/salesforce/intake/intake-job.ts';

const echoFilter = new EchoFilter({ client: 'oms-bridge', bridgeOwnedFields: ['Integration_Status__c', 'ERP_*', 'LastModifiedDate', 'Shipment.TrackingNumber'] });
const ctx = { echoFilter, receivedAt: Date.parse('2026-05-01T10:00:00Z') };

function change(header: Record<string, unknown>, replayId: number | string = 7) {
    return {
        schema: 's',
        event: { replayId },
        payload: {
            ChangeEventHeader: { entityName: 'FulfillmentOrder', recordIds: ['0a3000000000001AAA'], changeType: 'UPDATE', changeOrigin: 'com/salesforce/api/rest/66.0', transactionKey: 'tx-1', sequenceNumber: 1, commitTimestamp: 1_700_000_000_000, changedFields: ['Status'], ...header }
        }
    };
}

describe('classifyEvent', () => {
    it('keys a platform event by EventUuid, so a redelivery has the same job ID', () => {
        const data = { event: { replayId: 42, EventUuid: 'uuid-1' }, payload: { OrderSummaryId: '1Os000000000001AAA', CreatedDate: '2026-05-01T09:59:00Z' } };
        const a = classifyEvent('/event/FOStatusChangedEvent', data, ctx);
        const b = classifyEvent('/event/FOStatusChangedEvent', { ...data, event: { replayId: 99, EventUuid: 'uuid-1' } }, ctx);
        if (a.kind !== 'jobs' || b.kind !== 'jobs') throw new Error('expected jobs');
        expect(a.replayId).to.equal('42');
        expect(a.eventTime).to.equal(Date.parse('2026-05-01T09:59:00Z'));
        expect(toQueueJob(a.drafts[0], { attempts: 3 }).opts.jobId).to.equal(toQueueJob(b.drafts[0], { attempts: 3 }).opts.jobId);
        expect(a.drafts[0].orderSummaryId).to.equal('1Os000000000001AAA');
    });

    it('fans a multi-record change event out to one job per record', () => {
        const event = classifyEvent('/data/FulfillmentOrderChangeEvent', change({ recordIds: ['0a3000000000001AAA', '0a3000000000002AAA'] }), ctx);
        if (event.kind !== 'jobs') throw new Error('expected jobs');
        const ids = event.drafts.map((d) => toQueueJob(d, { attempts: 3 }).opts.jobId);
        expect(ids).to.have.length(2);
        expect(new Set(ids).size).to.equal(2);
        expect(event.eventTime).to.equal(1_700_000_000_000);
    });

    it('turns GAP_* events into re-read jobs and GAP_OVERFLOW into a reconciliation', () => {
        const gap = classifyEvent('/data/FulfillmentOrderChangeEvent', change({ changeType: 'GAP_UPDATE' }), ctx);
        expect(gap.kind === 'jobs' && gap.drafts.map((d) => d.kind)).to.deep.equal(['reread']);
        const overflow = classifyEvent('/data/FulfillmentOrderChangeEvent', change({ changeType: 'GAP_OVERFLOW', recordIds: [] }), ctx);
        expect(overflow.kind).to.equal('overflow');
    });

    it('reconciles the entity when recordIds holds a key-prefix wildcard instead of IDs', () => {
        const wildcard = classifyEvent('/data/FulfillmentOrderChangeEvent', change({ recordIds: ['0a3*'] }), ctx);
        expect(wildcard).to.include({ kind: 'overflow', entityName: 'FulfillmentOrder', eventTime: 1_700_000_000_000 });
    });

    it('suppresses only own writes that touch only bridge-owned fields', () => {
        const own = 'com/salesforce/api/rest/66.0;client=oms-bridge';
        expect(classifyEvent('/data/X', change({ changeOrigin: own, changedFields: ['Integration_Status__c', 'ERP_Order__c'] }), ctx).kind).to.equal('echo');
        expect(classifyEvent('/data/X', change({ changeOrigin: own, changedFields: ['Integration_Status__c', 'Status'] }), ctx).kind).to.equal('jobs');
        expect(classifyEvent('/data/X', change({ changeOrigin: 'com/salesforce/api/rest/66.0;client=someone', changedFields: ['Integration_Status__c'] }), ctx).kind).to.equal('jobs');
        // Object-qualified entries apply to their object only.
        expect(classifyEvent('/data/X', change({ changeOrigin: own, changedFields: ['TrackingNumber'] }), ctx).kind).to.equal('jobs');
        expect(classifyEvent('/data/X', change({ entityName: 'Shipment', changeOrigin: own, changedFields: ['TrackingNumber'] }), ctx).kind).to.equal('echo');
    });

    it('reports malformed envelopes with the reason and, when readable, the replay ID', () => {
        const noPayload = classifyEvent('/event/X__e', { event: { replayId: 5 } }, ctx);
        expect(noPayload).to.include({ kind: 'malformed', replayId: '5' });
        expect(noPayload.kind === 'malformed' && noPayload.reason).to.match(/payload/);
        const noReplay = classifyEvent('/event/X__e', { payload: {} }, ctx);
        expect(noReplay.kind === 'malformed' && noReplay.replayId).to.equal(undefined);
        const badHeader = classifyEvent('/data/FulfillmentOrderChangeEvent', change({ sequenceNumber: 'one' }), ctx);
        expect(badHeader.kind === 'malformed' && badHeader.reason).to.match(/sequenceNumber/);
        expect(classifyEvent('/event/X__e', 'garbage', ctx).kind).to.equal('malformed');
    });
});
