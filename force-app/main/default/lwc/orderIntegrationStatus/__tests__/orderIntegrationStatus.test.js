import { createElement } from 'lwc';
import OrderIntegrationStatus from 'c/orderIntegrationStatus';
import getIntegrationView from '@salesforce/apex/OrderIntegrationStatusController.getIntegrationView';
import requestResend from '@salesforce/apex/OrderResendRequestAction.requestResend';
import { subscribe, unsubscribe } from 'lightning/empApi';

const VIEW = require('./data/integrationView.json');
const EMPTY_VIEW = require('./data/integrationViewEmpty.json');
const APEX_ERROR = require('./data/apexError.json');
const RESEND_RESULT = require('./data/resendResult.json');
const MILESTONE = require('./data/milestoneEvent.json');

jest.mock(
    '@salesforce/apex/OrderIntegrationStatusController.getIntegrationView',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock('@salesforce/apex/OrderResendRequestAction.requestResend', () => ({ default: jest.fn() }), {
    virtual: true
});

const RECORD_ID = '1Os000000000001AAA';

async function flushPromises() {
    for (let i = 0; i < 10; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function mount(props = {}) {
    const element = createElement('c-order-integration-status', { is: OrderIntegrationStatus });
    element.recordId = RECORD_ID;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function query(element, selector) {
    return element.shadowRoot.querySelector(selector);
}

function setVisibility(state) {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    document.dispatchEvent(new CustomEvent('visibilitychange'));
}

async function openResendForm(element, reason) {
    query(element, 'lightning-button[data-id="resend"]').click();
    await flushPromises();
    const textarea = query(element, 'lightning-textarea');
    textarea.dispatchEvent(new CustomEvent('change', { detail: { value: reason } }));
    await flushPromises();
}

describe('c-order-integration-status', () => {
    beforeEach(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('shows a spinner while the view loads', async () => {
        getIntegrationView.mockReturnValue(new Promise(() => {}));
        const element = mount();
        await flushPromises();
        const spinner = query(element, 'lightning-spinner');
        expect(spinner).not.toBeNull();
        expect(spinner.alternativeText).toBe('Loading integration status');
        expect(getIntegrationView).toHaveBeenCalledWith({ orderSummaryId: RECORD_ID });
    });

    it('renders the timeline, tracking links, ERP numbers and exceptions', async () => {
        getIntegrationView.mockResolvedValue(VIEW);
        const element = mount();
        await flushPromises();

        expect(query(element, 'lightning-spinner')).toBeNull();
        const stages = [...element.shadowRoot.querySelectorAll('li[data-stage]')];
        expect(stages.map((stage) => stage.dataset.stage)).toEqual(['salesforce', 'wms', 'carrier', 'erp']);
        expect(query(element, 'li[data-stage="wms"]').textContent).toContain('Needs attention');
        expect(query(element, 'li[data-stage="carrier"]').textContent).toContain('Complete');
        expect(query(element, 'li[data-stage="erp"]').textContent).toContain('In progress');

        const link = query(element, 'ul[data-id="shipments"] a');
        expect(link.href).toBe(VIEW.shipments[0].trackingUrl);
        expect(link.textContent).toContain('1Z999AA10123456784');
        expect(link.getAttribute('rel')).toBe('noopener noreferrer');

        const erp = query(element, 'ul[data-id="erp-documents"]').textContent;
        expect(erp).toContain('ERP-90001');
        expect(erp).toContain('ERP-CM-501');
        expect(query(element, 'ul[data-id="exceptions"]').textContent).toContain('unknown SKU WIDGET-9');
        expect(query(element, '[data-id="status"]').getAttribute('aria-live')).toBe('polite');
    });

    it('says so when nothing has been integrated yet', async () => {
        getIntegrationView.mockResolvedValue(EMPTY_VIEW);
        const element = mount();
        await flushPromises();
        expect(query(element, '[data-id="empty"]')).not.toBeNull();
        expect(query(element, 'ol[data-id="timeline"]')).toBeNull();
    });

    it('shows the Apex error message', async () => {
        getIntegrationView.mockRejectedValue(APEX_ERROR);
        const element = mount();
        await flushPromises();
        const error = query(element, '[data-id="error"]');
        expect(error.textContent).toContain('You do not have access to the order integration data');
        expect(error.getAttribute('role')).toBe('alert');
        expect(query(element, 'lightning-spinner')).toBeNull();
    });

    it('hides the resend button without the custom permission', async () => {
        getIntegrationView.mockResolvedValue({ ...VIEW, canResend: false });
        const element = mount();
        await flushPromises();
        expect(query(element, 'ol[data-id="timeline"]')).not.toBeNull();
        expect(query(element, 'lightning-button[data-id="resend"]')).toBeNull();
    });

    it('publishes a resend request, confirms it and refreshes', async () => {
        getIntegrationView.mockResolvedValue(VIEW);
        requestResend.mockResolvedValue(RESEND_RESULT);
        const element = mount();
        const toastHandler = jest.fn();
        element.addEventListener('lightning__showtoast', toastHandler);
        await flushPromises();

        await openResendForm(element, '  Warehouse lost the order  ');
        query(element, 'lightning-combobox').dispatchEvent(
            new CustomEvent('change', { detail: { value: VIEW.fulfillmentOrders[1].id } })
        );
        await flushPromises();
        query(element, 'lightning-button[data-id="resend-confirm"]').click();
        await flushPromises();

        expect(requestResend).toHaveBeenCalledWith({
            orderSummaryId: RECORD_ID,
            fulfillmentOrderId: VIEW.fulfillmentOrders[1].id,
            reason: 'Warehouse lost the order'
        });
        expect(toastHandler).toHaveBeenCalledTimes(1);
        expect(toastHandler.mock.calls[0][0].detail.variant).toBe('success');
        expect(getIntegrationView).toHaveBeenCalledTimes(2);
        expect(query(element, '[data-id="resend-form"]')).toBeNull();
        expect(query(element, '[data-id="status"]').textContent).toContain('Integration status updated.');
    });

    it('keeps the form open and shows why a resend failed', async () => {
        getIntegrationView.mockResolvedValue(VIEW);
        requestResend.mockRejectedValue({
            body: { message: 'Request 1: a reason is required.' },
            status: 500
        });
        const element = mount();
        await flushPromises();
        await openResendForm(element, 'Retry');
        query(element, 'lightning-button[data-id="resend-confirm"]').click();
        await flushPromises();

        expect(query(element, '[data-id="error"]').textContent).toContain('a reason is required');
        expect(query(element, '[data-id="resend-form"]')).not.toBeNull();
        expect(getIntegrationView).toHaveBeenCalledTimes(1);
    });

    it('does not allow confirming a resend without a reason', async () => {
        getIntegrationView.mockResolvedValue(VIEW);
        const element = mount();
        await flushPromises();
        await openResendForm(element, '   ');
        expect(query(element, 'lightning-button[data-id="resend-confirm"]').disabled).toBe(true);
    });

    it('refreshes on the interval while visible and pauses while hidden', async () => {
        jest.useFakeTimers();
        getIntegrationView.mockResolvedValue(VIEW);
        mount({ refreshIntervalSeconds: 60 });
        await flushPromises();
        expect(getIntegrationView).toHaveBeenCalledTimes(1);

        jest.advanceTimersByTime(60_000);
        await flushPromises();
        expect(getIntegrationView).toHaveBeenCalledTimes(2);

        setVisibility('hidden');
        jest.advanceTimersByTime(180_000);
        await flushPromises();
        expect(getIntegrationView).toHaveBeenCalledTimes(2);

        setVisibility('visible');
        await flushPromises();
        expect(getIntegrationView).toHaveBeenCalledTimes(3);
    });

    it('raises too short intervals to the minimum', async () => {
        jest.useFakeTimers();
        getIntegrationView.mockResolvedValue(VIEW);
        mount({ refreshIntervalSeconds: 5 });
        await flushPromises();
        jest.advanceTimersByTime(29_000);
        await flushPromises();
        expect(getIntegrationView).toHaveBeenCalledTimes(1);
        jest.advanceTimersByTime(1_000);
        await flushPromises();
        expect(getIntegrationView).toHaveBeenCalledTimes(2);
    });

    it('stops polling when removed from the page', async () => {
        jest.useFakeTimers();
        getIntegrationView.mockResolvedValue(VIEW);
        const element = mount({ refreshIntervalSeconds: 60 });
        await flushPromises();
        document.body.removeChild(element);
        jest.advanceTimersByTime(600_000);
        setVisibility('visible');
        await flushPromises();
        expect(getIntegrationView).toHaveBeenCalledTimes(1);
    });

    it('does not subscribe to streaming unless live updates are enabled', async () => {
        getIntegrationView.mockResolvedValue(VIEW);
        mount();
        await flushPromises();
        expect(subscribe).not.toHaveBeenCalled();
    });

    it('refreshes on milestones for this order when live updates are enabled', async () => {
        let deliver;
        subscribe.mockImplementation((channel, replayId, callback) => {
            deliver = callback;
            return Promise.resolve({ channel });
        });
        getIntegrationView.mockResolvedValue(VIEW);
        const element = mount({ enableLiveUpdates: true });
        await flushPromises();
        expect(subscribe).toHaveBeenCalledWith(
            '/event/OMS_Integration_Milestone__e',
            -1,
            expect.any(Function)
        );

        deliver({
            ...MILESTONE,
            data: { ...MILESTONE.data, payload: { Order_Summary_Id__c: '1Os000000000999' } }
        });
        await flushPromises();
        expect(getIntegrationView).toHaveBeenCalledTimes(1);

        deliver(MILESTONE);
        await flushPromises();
        expect(getIntegrationView).toHaveBeenCalledTimes(2);

        document.body.removeChild(element);
        expect(unsubscribe).toHaveBeenCalledWith({ channel: '/event/OMS_Integration_Milestone__e' });
    });
});
