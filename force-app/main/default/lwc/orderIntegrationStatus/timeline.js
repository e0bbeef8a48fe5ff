/**
 * Derives the Salesforce → WMS → carrier → ERP timeline from the controller's integration view.
 * Pure, so each stage rule is tested without rendering.
 */
const WMS_ACCEPTED = ['Acknowledged', 'Picking', 'Packed', 'Shipped', 'Partially Shipped'];
const STATE_LABELS = {
    done: 'Complete',
    current: 'In progress',
    error: 'Needs attention',
    pending: 'Not started'
};
const STATE_ICONS = {
    done: 'utility:success',
    current: 'utility:clock',
    error: 'utility:error',
    pending: 'utility:routing_offline'
};

function salesforceStage(view) {
    const count = view.fulfillmentOrders.length;
    return {
        key: 'salesforce',
        label: 'Salesforce',
        state: count > 0 ? 'done' : 'current',
        detail:
            count > 0 ? `${count} fulfillment order${count === 1 ? '' : 's'}` : 'Awaiting fulfillment orders'
    };
}

function wmsStage(view) {
    const statuses = view.fulfillmentOrders.map((fo) => fo.integrationStatus);
    const numbers = view.fulfillmentOrders.map((fo) => fo.wmsOrderNumber).filter((number) => !!number);
    let state = 'pending';
    if (statuses.includes('Error')) {
        state = 'error';
    } else if (statuses.length > 0 && statuses.every((status) => WMS_ACCEPTED.includes(status))) {
        state = 'done';
    } else if (statuses.some((status) => status && status !== 'Pending')) {
        state = 'current';
    }
    return {
        key: 'wms',
        label: 'Warehouse',
        state,
        detail: numbers.length > 0 ? `WMS ${numbers.join(', ')}` : 'Not yet accepted by the warehouse'
    };
}

function carrierStage(view) {
    const shipped = view.shipments.filter((shipment) => !!shipment.trackingNumber);
    const partial = view.fulfillmentOrders.some((fo) => fo.integrationStatus === 'Partially Shipped');
    let state = 'pending';
    if (shipped.length > 0) {
        state = partial ? 'current' : 'done';
    }
    return {
        key: 'carrier',
        label: 'Carrier',
        state,
        detail:
            shipped.length > 0
                ? `${shipped.length} shipment${shipped.length === 1 ? '' : 's'} with tracking`
                : 'No shipment yet'
    };
}

function erpStage(view) {
    const documents = [...view.invoices, ...view.creditMemos];
    const statuses = documents.map((document) => document.erpPostingStatus);
    let state = 'pending';
    if (statuses.includes('Rejected')) {
        state = 'error';
    } else if (statuses.length > 0 && statuses.every((status) => status === 'Posted')) {
        state = 'done';
    } else if (statuses.some((status) => status === 'Pending' || status === 'Posted')) {
        state = 'current';
    }
    const numbers = documents.map((document) => document.erpDocumentNumber).filter((number) => !!number);
    return {
        key: 'erp',
        label: 'ERP',
        state,
        detail: numbers.length > 0 ? `ERP ${numbers.join(', ')}` : 'No invoice posted yet'
    };
}

export function buildTimeline(view) {
    return [salesforceStage(view), wmsStage(view), carrierStage(view), erpStage(view)].map((stage) => ({
        ...stage,
        stateLabel: STATE_LABELS[stage.state],
        iconName: STATE_ICONS[stage.state],
        iconVariant: stage.state === 'error' ? 'error' : stage.state === 'done' ? 'success' : '',
        assistiveText: `${stage.label}: ${STATE_LABELS[stage.state]}. ${stage.detail}`,
        itemClass: `timeline-step timeline-step_${stage.state}`
    }));
}
