import { buildTimeline } from '../timeline';
import { reduceErrors } from '../errors';

const VIEW = require('./data/integrationView.json');
const EMPTY_VIEW = require('./data/integrationViewEmpty.json');

function stage(view, key) {
    return buildTimeline(view).find((entry) => entry.key === key);
}

function withStatuses(statuses) {
    return {
        ...EMPTY_VIEW,
        fulfillmentOrders: statuses.map((integrationStatus, index) => ({
            id: `fo${index}`,
            integrationStatus,
            wmsOrderNumber: `WMS-${index}`
        }))
    };
}

describe('timeline', () => {
    it('lists Salesforce, warehouse, carrier and ERP in that order with words for each state', () => {
        const timeline = buildTimeline(VIEW);
        expect(timeline.map((entry) => entry.label)).toEqual(['Salesforce', 'Warehouse', 'Carrier', 'ERP']);
        expect(timeline[0].assistiveText).toBe('Salesforce: Complete. 2 fulfillment orders');
    });

    it('marks the warehouse stage from the fulfillment order statuses', () => {
        expect(stage(withStatuses(['Pending']), 'wms').state).toBe('pending');
        expect(stage(withStatuses(['Sent', 'Pending']), 'wms').state).toBe('current');
        expect(stage(withStatuses(['Acknowledged', 'Packed']), 'wms').state).toBe('done');
        expect(stage(withStatuses(['Shipped', 'Error']), 'wms').state).toBe('error');
        expect(stage(withStatuses(['Sent']), 'wms').detail).toBe('WMS WMS-0');
    });

    it('keeps the carrier stage in progress while a fulfillment order is partially shipped', () => {
        const view = {
            ...withStatuses(['Partially Shipped']),
            shipments: [{ id: 's1', trackingNumber: '1Z' }]
        };
        expect(stage(view, 'carrier').state).toBe('current');
        expect(stage({ ...view, fulfillmentOrders: [] }, 'carrier').state).toBe('done');
        expect(stage(EMPTY_VIEW, 'carrier').state).toBe('pending');
    });

    it('marks the ERP stage from posting statuses of invoices and credit memos', () => {
        const doc = (erpPostingStatus) => ({
            id: erpPostingStatus,
            erpPostingStatus,
            erpDocumentNumber: 'E1'
        });
        expect(stage({ ...EMPTY_VIEW, invoices: [doc('Posted')] }, 'erp').state).toBe('done');
        expect(
            stage({ ...EMPTY_VIEW, invoices: [doc('Posted')], creditMemos: [doc('Pending')] }, 'erp').state
        ).toBe('current');
        expect(stage({ ...EMPTY_VIEW, invoices: [doc('Rejected')] }, 'erp').state).toBe('error');
        expect(stage({ ...EMPTY_VIEW, invoices: [doc('Not Posted')] }, 'erp').state).toBe('pending');
    });
});

describe('reduceErrors', () => {
    it('reads Apex, UI API, JavaScript and fetch errors', () => {
        expect(reduceErrors({ body: { message: 'Apex said no' } })).toEqual(['Apex said no']);
        expect(reduceErrors({ body: [{ message: 'one' }, { message: 'two' }] })).toEqual(['one', 'two']);
        expect(reduceErrors({ body: { pageErrors: [{ message: 'page' }] } })).toEqual(['page']);
        expect(reduceErrors(new Error('script'))).toEqual(['script']);
        expect(reduceErrors([{ statusText: 'Server Error' }, null])).toEqual(['Server Error']);
    });
});
