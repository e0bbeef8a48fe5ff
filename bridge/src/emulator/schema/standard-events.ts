/**
 * The standard Order Management platform events. Only ProcessExceptionEvent may be published by clients
 * (publishing it creates a ProcessException); the others are raised by the platform when records change.
 */
import type { ObjectDef } from '../contracts.ts';
import { defineObject, num, picklist, ref, str, text } from './field-builders.ts';

/**
 * Event IDs are not record IDs: REST publishing answers with a placeholder ID starting `e00`, the same for every
 * event, so all events share that prefix and `byKeyPrefix` never resolves it.
 */
export const EVENT_KEY_PREFIX = 'e00';

const platformOnly = (def: ObjectDef): ObjectDef => ({ ...def, createable: false });

export const standardEvents = (): ObjectDef[] => [
    platformOnly(
        defineObject({
            name: 'OrderSummaryCreatedEvent',
            keyPrefix: EVENT_KEY_PREFIX,
            access: 'event',
            fields: [ref('OrderSummaryId', 'OrderSummary'), ref('OrderId', 'Order')]
        })
    ),
    platformOnly(
        defineObject({
            name: 'OrderSumStatusChangedEvent',
            keyPrefix: EVENT_KEY_PREFIX,
            access: 'event',
            fields: [ref('OrderSummaryId', 'OrderSummary'), ref('OrderId', 'Order'), str('OldStatus', 255), str('NewStatus', 255)]
        })
    ),
    platformOnly(
        defineObject({
            name: 'FOStatusChangedEvent',
            keyPrefix: EVENT_KEY_PREFIX,
            access: 'event',
            fields: [
                ref('FulfillmentOrderId', 'FulfillmentOrder'),
                ref('OrderSummaryId', 'OrderSummary'),
                str('OldStatus', 255),
                str('NewStatus', 255),
                str('OldStatusCategory', 255),
                str('NewStatusCategory', 255)
            ]
        })
    ),
    platformOnly(
        defineObject({
            name: 'FulfillOrdItemQtyChgEvent',
            keyPrefix: EVENT_KEY_PREFIX,
            access: 'event',
            fields: [
                ref('FulfillmentOrderLineItemId', 'FulfillmentOrderLineItem'),
                ref('OrderItemSummaryId', 'OrderItemSummary'),
                num('OldQuantity'),
                num('NewQuantity')
            ]
        })
    ),
    defineObject({
        name: 'ProcessExceptionEvent',
        keyPrefix: EVENT_KEY_PREFIX,
        access: 'event',
        fields: [
            ref('AttachedToId', ['FulfillmentOrder', 'Invoice', 'CreditMemo', 'OrderSummary', 'OrderItemSummary', 'ReturnOrder', 'Shipment'], {
                required: true,
                relationshipName: 'AttachedTo'
            }),
            ref('OrderSummaryId', 'OrderSummary'),
            picklist('ExceptionType', ['OM Capture Failed', 'OM Apply Failed', 'OM Refund Failed', 'OM RMA Failed', 'Place Order Failed'], {
                required: true
            }),
            str('Message', 255, { required: true }),
            text('Description', 32000),
            str('ExternalReference', 255),
            picklist('Severity', ['High', 'Low']),
            str('BackgroundOperationId', 18)
        ]
    })
];
