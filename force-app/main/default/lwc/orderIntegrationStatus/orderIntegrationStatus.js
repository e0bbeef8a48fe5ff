import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { subscribe, unsubscribe, onError } from 'lightning/empApi';
import getIntegrationView from '@salesforce/apex/OrderIntegrationStatusController.getIntegrationView';
import requestResend from '@salesforce/apex/OrderResendRequestAction.requestResend';
import { buildTimeline } from './timeline';
import { reduceErrors } from './errors';
import { VisibilityPoller } from './visibilityPoller';

export const MILESTONE_CHANNEL = '/event/OMS_Integration_Milestone__e';
export const DEFAULT_REFRESH_SECONDS = 60;
const ALL_FULFILLMENT_ORDERS = '';

/**
 * Integration status of one order summary for the Service Console: timeline, fulfillment orders,
 * shipments with tracking, ERP documents, open process exceptions and a resend action.
 */
export default class OrderIntegrationStatus extends LightningElement {
    @api recordId;

    /** Seconds between refreshes while the tab is visible; 0 turns polling off. Default 60. */
    @api refreshIntervalSeconds = DEFAULT_REFRESH_SECONDS;

    /**
     * Live updates through lightning/empApi; off by default because every agent with the page open
     * becomes one streaming subscriber, and each milestone delivered to each subscriber counts against
     * the org's daily event-delivery allocation (and the concurrent-client limit).
     */
    @api enableLiveUpdates = false;

    view;
    errorMessage;
    statusMessage = '';
    isLoading = false;
    isResending = false;
    showResendForm = false;
    resendReason = '';
    resendFulfillmentOrderId = ALL_FULFILLMENT_ORDERS;

    subscription;
    poller = new VisibilityPoller(() => this.refresh());

    connectedCallback() {
        this.refresh();
        this.poller.start(this.refreshIntervalSeconds);
        if (this.enableLiveUpdates) {
            this.subscribeToMilestones();
        }
    }

    disconnectedCallback() {
        this.poller.stop();
        if (this.subscription) {
            unsubscribe(this.subscription);
            this.subscription = undefined;
        }
    }

    get hasData() {
        return !!this.view && !this.isEmpty;
    }

    get isEmpty() {
        const view = this.view;
        return (
            !!view &&
            view.fulfillmentOrders.length === 0 &&
            view.shipments.length === 0 &&
            view.invoices.length === 0 &&
            view.creditMemos.length === 0 &&
            view.exceptions.length === 0
        );
    }

    get showSpinner() {
        return this.isLoading && !this.view;
    }

    get timeline() {
        return this.view ? buildTimeline(this.view) : [];
    }

    get fulfillmentOrders() {
        return this.view ? this.view.fulfillmentOrders : [];
    }

    get shipments() {
        return this.view ? this.view.shipments : [];
    }

    get erpDocuments() {
        if (!this.view) {
            return [];
        }
        const label = (kind) => (document) => ({ ...document, kind });
        return [
            ...this.view.invoices.map(label('Invoice')),
            ...this.view.creditMemos.map(label('Credit memo'))
        ];
    }

    get exceptions() {
        return this.view ? this.view.exceptions : [];
    }

    get hasShipments() {
        return this.shipments.length > 0;
    }

    get hasErpDocuments() {
        return this.erpDocuments.length > 0;
    }

    get hasExceptions() {
        return this.exceptions.length > 0;
    }

    get canResend() {
        return !!this.view && this.view.canResend === true;
    }

    get isBusy() {
        return this.isLoading || this.isResending;
    }

    get resendTargetOptions() {
        return [
            { label: 'All open fulfillment orders', value: ALL_FULFILLMENT_ORDERS },
            ...this.fulfillmentOrders.map((fo) => ({ label: fo.fulfillmentOrderNumber, value: fo.id }))
        ];
    }

    get confirmResendDisabled() {
        return this.isResending || !this.resendReason.trim();
    }

    async refresh() {
        if (!this.recordId) {
            return;
        }
        this.isLoading = true;
        try {
            this.view = await getIntegrationView({ orderSummaryId: this.recordId });
            this.errorMessage = undefined;
            this.statusMessage = 'Integration status updated.';
        } catch (error) {
            this.showError(error);
        } finally {
            this.isLoading = false;
        }
    }

    handleRefresh() {
        this.refresh();
    }

    handleResendClick() {
        this.showResendForm = true;
        this.resendReason = '';
        this.resendFulfillmentOrderId = ALL_FULFILLMENT_ORDERS;
    }

    handleResendCancel() {
        this.showResendForm = false;
    }

    handleReasonChange(event) {
        this.resendReason = event.detail.value || '';
    }

    handleTargetChange(event) {
        this.resendFulfillmentOrderId = event.detail.value;
    }

    async handleResendConfirm() {
        this.isResending = true;
        try {
            const result = await requestResend({
                orderSummaryId: this.recordId,
                fulfillmentOrderId: this.resendFulfillmentOrderId || null,
                reason: this.resendReason.trim()
            });
            this.showResendForm = false;
            this.statusMessage = `Resend requested (request ${result.requestId}).`;
            this.dispatchEvent(
                new ShowToastEvent({
                    title: 'Resend requested',
                    message: 'The order will be sent to the warehouse again.',
                    variant: 'success'
                })
            );
            await this.refresh();
        } catch (error) {
            this.showError(error);
        } finally {
            this.isResending = false;
        }
    }

    showError(error) {
        this.errorMessage = reduceErrors(error).join(' ') || 'Unknown error';
        this.statusMessage = `Error: ${this.errorMessage}`;
    }

    async subscribeToMilestones() {
        onError((error) => this.showError(error));
        try {
            this.subscription = await subscribe(MILESTONE_CHANNEL, -1, (message) =>
                this.handleMilestone(message)
            );
        } catch (error) {
            this.showError(error);
        }
    }

    handleMilestone(message) {
        const payload = message && message.data && message.data.payload;
        if (payload && sameRecordId(payload.Order_Summary_Id__c, this.recordId)) {
            this.refresh();
        }
    }
}

/** Events may carry the 15-character form of the Id; the record page always gives 18. */
function sameRecordId(left, right) {
    if (!left || !right) {
        return false;
    }
    return left.substring(0, 15) === right.substring(0, 15);
}
