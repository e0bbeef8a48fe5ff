/**
 * Order Management order-side objects: order summaries, their items and delivery groups, and fulfillment orders.
 * Fields and restricted picklists follow the Order Management object reference (API 48.0+).
 */
import type { ObjectDef } from '../contracts.ts';
import { address, autoNumber, bool, computed, date, datetime, defineObject, email, money, num, phone, picklist, ref, str, text } from './field-builders.ts';

/** FulfillmentOrder.Status default values and the fixed StatusCategory each maps to. */
export const FO_STATUS_CATEGORY: Record<string, string> = {
    Draft: 'DRAFT',
    Allocated: 'ACTIVATED',
    Assigned: 'FULFILLING',
    Pickpack: 'FULFILLING',
    'Pick Complete': 'FULFILLING',
    'Pack Complete': 'FULFILLING',
    Printed: 'FULFILLING',
    Fulfilled: 'CLOSED',
    Cancelled: 'CANCELLED',
    Rejected: 'REJECTED'
};

export const ORDER_ITEM_SUMMARY_STATUSES = [
    'ORDERED',
    'ALLOCATED',
    'PARTIALLYALLOCATED',
    'FULFILLED',
    'PARTIALLYFULFILLED',
    'CANCELED',
    'RETURNED',
    'PAID',
    'RESHIPPED'
];

const quantity = (name: string) => num(name, { defaultValue: 0 });

export const somOrderObjects = (): ObjectDef[] => [
    defineObject({
        name: 'OrderSummary',
        keyPrefix: '1Os',
        owned: true,
        name_: false,
        fields: [
            ref('OriginalOrderId', 'Order'),
            ref('AccountId', 'Account'),
            str('OrderNumber', 255),
            // Status values are org-configurable; these are the defaults.
            picklist('Status', ['Created', 'Approved', 'Waiting to Fulfill', 'Fulfilled', 'Partially Fulfilled', 'Cancelled', 'Closed'], {
                defaultValue: 'Created'
            }),
            picklist('OrderLifeCycleType', ['MANAGED', 'UNMANAGED'], { restricted: true, defaultValue: 'MANAGED' }),
            ref('SalesChannelId', 'SalesChannel'),
            datetime('OrderedDate'),
            str('PoNumber', 80),
            ...address('Billing'),
            email('BillingEmailAddress'),
            phone('BillingPhoneNumber'),
            money('GrandTotalAmount'),
            money('TotalAmount'),
            money('TotalTaxAmount'),
            money('TotalDeliveryAmount'),
            money('TotalAdjustedProductAmount'),
            computed(num('ActiveProcessExceptionCount', { defaultValue: 0 })),
            bool('IsSuspended'),
            text('Description', 32000)
        ]
    }),
    defineObject({
        name: 'OrderDeliveryGroupSummary',
        keyPrefix: '0ag',
        name_: false,
        fields: [
            ref('OrderSummaryId', 'OrderSummary', { required: true }),
            ref('OrderDeliveryMethodId', 'OrderDeliveryMethod', { required: true }),
            str('DeliverToName', 255),
            ...address('DeliverTo'),
            email('EmailAddress'),
            phone('PhoneNumber'),
            text('DeliveryInstructions', 3000),
            datetime('DesiredDeliveryDate'),
            datetime('PromisedDeliveryDate'),
            bool('IsGift'),
            text('GiftMessage', 1000),
            money('TotalAmount'),
            money('GrandTotalAmount')
        ]
    }),
    defineObject({
        name: 'OrderItemSummary',
        keyPrefix: '10u',
        fields: [
            ref('OrderSummaryId', 'OrderSummary', { required: true }),
            ref('OrderDeliveryGroupSummaryId', 'OrderDeliveryGroupSummary'),
            ref('OriginalOrderItemId', 'OrderItem'),
            ref('Product2Id', 'Product2'),
            str('StockKeepingUnit', 255),
            str('ProductCode', 255),
            text('Description', 1000),
            picklist('Type', ['Order Product', 'Delivery Charge'], { defaultValue: 'Order Product' }),
            picklist('TypeCode', ['Product', 'Charge'], { restricted: true, defaultValue: 'Product' }),
            picklist('Status', ORDER_ITEM_SUMMARY_STATUSES, { restricted: true, defaultValue: 'ORDERED' }),
            quantity('QuantityOrdered'),
            quantity('QuantityAllocated'),
            quantity('QuantityFulfilled'),
            quantity('QuantityCanceled'),
            quantity('QuantityReturned'),
            quantity('QuantityReturnInitiated'),
            quantity('QuantityShipped'),
            computed(num('QuantityNetOrdered')),
            computed(num('QuantityAvailableToFulfill')),
            computed(num('QuantityAvailableToCancel')),
            computed(num('QuantityAvailableToReturn')),
            money('UnitPrice'),
            money('ListPrice'),
            money('TotalPrice'),
            money('TotalLineAmount'),
            money('TotalTaxAmount'),
            ref('ReservedAtLocationId', 'Location')
        ]
    }),
    defineObject({
        name: 'OrderItemSummaryChange',
        // Key prefix UNVERIFIED (not in the object reference).
        keyPrefix: '0ai',
        name_: false,
        fields: [
            computed(autoNumber('OrderItemSummaryChangeNumber')),
            ref('OrderSummaryId', 'OrderSummary', { required: true }),
            ref('OrderItemSummaryId', 'OrderItemSummary', { required: true }),
            ref('ChangeOrderItemId', 'OrderItem', { required: true }),
            picklist('ChangeType', ['Pre-Fulfillment Change', 'Post-Fulfillment Change'], { restricted: true }),
            picklist('Reason', ['Unknown', 'Wrong Item', 'Damaged', 'Not Satisfied', 'Defective', 'Duplicate Order', 'Customer Request']),
            bool('IsPreFulfillment')
        ]
    }),
    defineObject({
        name: 'FulfillmentOrder',
        keyPrefix: '0a3',
        owned: true,
        name_: false,
        fields: [
            computed(autoNumber('FulfillmentOrderNumber')),
            ref('OrderSummaryId', 'OrderSummary'),
            ref('OrderId', 'Order'),
            ref('AccountId', 'Account'),
            ref('DeliveryMethodId', 'OrderDeliveryMethod', { required: true }),
            ref('FulfilledFromLocationId', 'Location'),
            ref('InvoiceId', 'Invoice'),
            str('FulfilledToName', 255, { required: true }),
            ...address('FulfilledTo'),
            email('FulfilledToEmailAddress'),
            phone('FulfilledToPhone'),
            picklist('Status', Object.keys(FO_STATUS_CATEGORY), { required: true, defaultValue: 'Draft' }),
            computed(picklist('StatusCategory', ['DRAFT', 'ACTIVATED', 'FULFILLING', 'CLOSED', 'CANCELLED', 'REJECTED'], { restricted: true })),
            picklist('Type', ['Warehouse', 'Retail Store', 'Drop Ship', 'Digital'], { required: true }),
            picklist('TypeCategory', ['PHYSICAL', 'DIGITAL', 'DROPSHIP'], { restricted: true }),
            bool('IsSuspended'),
            bool('IsReship'),
            computed(num('ItemCount', { defaultValue: 0 })),
            money('GrandTotalAmount'),
            money('TotalAmount'),
            money('TotalTaxAmount'),
            money('TotalProductAmount'),
            money('TotalDeliveryAmount'),
            datetime('DeliveryDate'),
            datetime('StartFulfillmentDate'),
            datetime('ClosedDate'),
            date('ExpectedDeliveryDate')
        ]
    }),
    defineObject({
        name: 'FulfillmentOrderLineItem',
        keyPrefix: '0a4',
        name_: false,
        fields: [
            computed(autoNumber('FulfillmentOrderLineItemNumber')),
            ref('FulfillmentOrderId', 'FulfillmentOrder', { required: true }),
            ref('OrderItemSummaryId', 'OrderItemSummary'),
            ref('OrderItemId', 'OrderItem'),
            ref('Product2Id', 'Product2'),
            text('Description', 1000),
            num('Quantity', { required: true }),
            num('OriginalQuantity'),
            money('UnitPrice'),
            money('TotalPrice'),
            money('TotalLineAmount'),
            money('TotalTaxAmount'),
            picklist('Type', ['Order Product', 'Delivery Charge'], { required: true, defaultValue: 'Order Product' }),
            picklist('TypeCode', ['Product', 'Charge'], { restricted: true, required: true, defaultValue: 'Product' }),
            picklist('QuantityUnitOfMeasure', ['Each', 'Pair', 'Box'])
        ]
    })
];
