/**
 * A generic REST WMS: each call is a configured endpoint with a JSON body template over the
 * warehouse-ready order document; the WMS order number and acceptance are read from configured
 * response paths. Warehouse events arrive through the webhook router or the poller, both of which
 * publish into `events`.
 */
import type { RestWmsConfig } from '../../../config/sections/adapters-wms.ts';
import type { Address, FulfillmentOrder } from '../../../model/index.ts';
import type { MappingConfig } from '../../../mappings/mapping-config.ts';
import { readPath } from '../../../mappings/template/json-template.ts';
import { toWmsOrderDocument, toWmsShipTo } from '../../../mappings/wms/wms-order-document.ts';
import { PermanentAdapterError, type AdapterErrorContext } from '../../adapter-error.ts';
import { createAuthProvider, type AuthProvider } from '../../rest/rest-auth.ts';
import { callEndpoint, textAt } from '../../rest/rest-call.ts';
import { RestClient, type RestResponse } from '../../rest/rest-client.ts';
import type {
    EffectOptions,
    WmsAdapter,
    WmsCancelResult,
    WmsLockedStage,
    WmsOrderRef,
    WmsSubmitResult,
    WmsUpdateResult
} from '../../wms-adapter.ts';
import { WmsEventHub } from '../../wms-event-hub.ts';

const LOCKED: readonly WmsLockedStage[] = ['picked', 'packed', 'shipped'];

export interface RestWmsOptions {
    config: RestWmsConfig;
    mapping: MappingConfig;
    now?: () => Date;
}

export class RestWmsAdapter implements WmsAdapter {
    readonly name = 'rest-wms';
    readonly events = new WmsEventHub(this.name);
    readonly auth: AuthProvider;
    private readonly client: RestClient;
    private readonly now: () => Date;

    constructor(private readonly options: RestWmsOptions) {
        this.now = options.now ?? (() => new Date());
        this.auth = createAuthProvider(options.config.auth);
        this.client = new RestClient({ ...options.config, auth: this.auth });
    }

    async start(): Promise<void> {}

    async close(): Promise<void> {
        await this.events.drain();
    }

    async submitFulfillmentOrder(fo: FulfillmentOrder, options: EffectOptions): Promise<WmsSubmitResult> {
        const context = this.context('submitFulfillmentOrder', fo.id, options);
        const order = toWmsOrderDocument(fo, this.options.mapping, this.now());
        const response = await this.call('submit', { order, fo, ...options }, context, options);
        const { responses } = this.options.config;
        const wmsOrderNumber = textAt(response.body, responses.orderNumber, readPath);
        const acceptedValue = responses.accepted ? readPath(response.body, responses.accepted) : true;
        const accepted = acceptedValue === true || acceptedValue === 'true';
        if (accepted && !wmsOrderNumber) {
            throw new PermanentAdapterError('bad_response', `${this.name}: submit answered ${response.status} without ${responses.orderNumber}`, context);
        }
        return accepted
            ? { wmsOrderNumber, accepted }
            : { wmsOrderNumber, accepted, reason: textAt(response.body, responses.reason, readPath) ?? 'refused without a reason' };
    }

    async cancelFulfillmentOrder(ref: WmsOrderRef, options: EffectOptions): Promise<WmsCancelResult> {
        const context = this.context('cancelFulfillmentOrder', ref.fulfillmentOrderId, options);
        const response = await this.call('cancel', { ref, ...options }, context, options);
        return this.tooLate(response) ?? { status: 'cancelled' };
    }

    async updateShipTo(ref: WmsOrderRef, shipTo: Address, options: EffectOptions): Promise<WmsUpdateResult> {
        const context = this.context('updateShipTo', ref.fulfillmentOrderId, options);
        const response = await this.call('updateShipTo', { ref, shipTo: toWmsShipTo(shipTo), ...options }, context, options);
        return this.tooLate(response) ?? { status: 'updated' };
    }

    private tooLate(response: RestResponse): { status: 'too_late'; stage: WmsLockedStage } | undefined {
        if (response.status !== this.options.config.tooLateStatus) return undefined;
        const stage = readPath(response.body, this.options.config.tooLateStagePath);
        return { status: 'too_late', stage: LOCKED.includes(stage as WmsLockedStage) ? (stage as WmsLockedStage) : 'picked' };
    }

    private async call(
        endpoint: 'submit' | 'cancel' | 'updateShipTo',
        templateContext: Record<string, unknown>,
        context: AdapterErrorContext,
        options: EffectOptions
    ): Promise<RestResponse> {
        const response = await callEndpoint(this.client, this.options.config[endpoint], templateContext, context, options);
        if (response.status >= 200 && response.status < 300) return response;
        if (response.status === this.options.config.tooLateStatus && endpoint !== 'submit') return response;
        throw this.refusal(response, context);
    }

    private refusal(response: RestResponse, context: AdapterErrorContext): PermanentAdapterError {
        const vendorCode = textAt(response.body, 'error.code', readPath) ?? textAt(response.body, 'code', readPath);
        const detail = textAt(response.body, 'error.message', readPath) ?? textAt(response.body, 'message', readPath) ?? '';
        const code = response.status === 404 ? 'not_found' : /sku|item/i.test(`${vendorCode} ${detail}`) ? 'unknown_sku' : 'rejected';
        return new PermanentAdapterError(
            code,
            `${this.name} ${context.operation}: refused with ${response.status}${vendorCode ? ` ${vendorCode}` : ''}${detail ? `: ${detail.slice(0, 200)}` : ''}`,
            { ...context, vendorStatus: vendorCode ?? response.status }
        );
    }

    private context(operation: string, recordId: string, options: EffectOptions): AdapterErrorContext {
        return { adapter: this.name, operation, recordId, idempotencyKey: options.idempotencyKey };
    }
}
