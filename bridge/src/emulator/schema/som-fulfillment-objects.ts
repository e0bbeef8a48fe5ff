/**
 * Order Management fulfilment, billing and returns objects: shipments, invoices, credit memos, return orders
 * and process exceptions. Invoice and CreditMemo (and their lines) are created only by Connect actions, so
 * the REST API offers query, retrieve and update on them.
 */
import type { ObjectDef } from '../contracts.ts';
import { address, autoNumber, computed, date, datetime, defineObject, money, num, picklist, ref, str, text, url } from './field-builders.ts';

export const INVOICE_STATUSES = [
    'Draft',
    'Draft In Progress',
    'Pending',
    'Posted',
    'Posting In Progress',
    'Error',
    'Canceled',
    'Void In Progress',
    'Voided'
];

/** ProcessException.Status default values and their fixed StatusCategory. */
export const PE_STATUS_CATEGORY: Record<string, string> = {
    New: 'ACTIVE',
    Triaged: 'ACTIVE',
    Paused: 'INACTIVE',
    Ignored: 'INACTIVE',
    Voided: 'INACTIVE',
    Resolved: 'RESOLVED'
};

/** Objects a ProcessException may be attached to (polymorphic AttachedToId). */
const ATTACHABLE = ['FulfillmentOrder', 'Invoice', 'CreditMemo', 'OrderSummary', 'OrderItemSummary', 'ReturnOrder', 'Shipment'];

export const somFulfillmentObjects = (): ObjectDef[] => [
    defineObject({
        name: 'Shipment',
        keyPrefix: '0OF',
        owned: true,
        name_: false,
        fields: [
            computed(autoNumber('ShipmentNumber')),
            ref('FulfillmentOrderId', 'FulfillmentOrder'),
            ref('OrderSummaryId', 'OrderSummary'),
            ref('DeliveryMethodId', 'OrderDeliveryMethod'),
            ref('ReturnOrderId', 'ReturnOrder'),
            ref('SourceLocationId', 'Location'),
            ref('DestinationLocationId', 'Location'),
            str('ShipToName', 255, { required: true }),
            ...address('ShipTo'),
            ...address('ShipFrom'),
            // Provider and Status values are org-configurable; these are the defaults.
            picklist('Provider', ['UPS', 'FedEx', 'USPS', 'DHL', 'Other'], { length: 40 }),
            str('TrackingNumber', 255),
            url('TrackingUrl'),
            picklist('Status', ['Created', 'Shipped', 'In Transit', 'Delivered', 'Voided']),
            datetime('ExpectedDeliveryDate'),
            datetime('ActualDeliveryDate'),
            datetime('ShippedDate'),
            text('Description', 32000),
            computed(num('TotalItemsQuantity', { defaultValue: 0 }))
        ]
    }),
    defineObject({
        name: 'ShipmentItem',
        // Key prefix UNVERIFIED (not in the object reference).
        keyPrefix: '0OG',
        name_: false,
        fields: [
            computed(autoNumber('ShipmentItemNumber')),
            ref('ShipmentId', 'Shipment', { required: true, updateable: false }),
            ref('Product2Id', 'Product2'),
            num('Quantity', { required: true }),
            text('Description', 32000),
            ref('ReturnOrderLineItemId', 'ReturnOrderLineItem'),
            // The object reference lists these four without Create/Update, so the API refuses them;
            // Connect actions and seed data may still set them.
            { ...ref('FulfillmentOrderLineItemId', 'FulfillmentOrderLineItem'), createable: false, updateable: false },
            { ...ref('OrderItemSummaryId', 'OrderItemSummary'), createable: false, updateable: false },
            { ...str('TrackingNumber', 255), createable: false, updateable: false },
            { ...url('TrackingUrl'), createable: false, updateable: false }
        ]
    }),
    defineObject({
        name: 'Invoice',
        keyPrefix: '3tt',
        access: 'readUpdate',
        owned: true,
        name_: false,
        fields: [
            computed(autoNumber('InvoiceNumber')),
            ref('ReferenceEntityId', ['Order', 'OrderSummary']),
            ref('BillingAccountId', 'Account'),
            str('DocumentNumber', 255),
            date('InvoiceDate'),
            date('DueDate'),
            datetime('PostedDate'),
            money('Balance'),
            money('TotalAmount'),
            money('TotalAmountWithTax'),
            money('TotalTaxAmount'),
            money('TotalChargeAmount'),
            money('TotalAdjustmentAmount'),
            picklist('TaxLocaleType', ['Net', 'Gross'], { restricted: true }),
            picklist('Status', INVOICE_STATUSES, { restricted: true, defaultValue: 'Draft' }),
            text('Description', 32000)
        ]
    }),
    defineObject({
        name: 'InvoiceLine',
        // Key prefix UNVERIFIED (not in the object reference).
        keyPrefix: '5TV',
        access: 'readUpdate',
        fields: [
            ref('InvoiceId', 'Invoice', { required: true }),
            ref('Product2Id', 'Product2'),
            ref('ReferenceEntityItemId', ['OrderItemSummary', 'OrderItem']),
            picklist('ReferenceEntityItemType', ['Order Product', 'Delivery Charge']),
            picklist('ReferenceEntityItemTypeCode', ['Product', 'Charge'], { restricted: true }),
            num('Quantity'),
            money('UnitPrice'),
            money('LineAmount'),
            money('ChargeAmount'),
            money('ChargeTaxAmount'),
            money('ChargeAmountWithTax'),
            money('AdjustmentAmount'),
            money('TaxAmount'),
            num('TaxRate'),
            str('TaxCode', 255),
            picklist('Type', ['Charge', 'Tax', 'Adjustment']),
            ref('RelatedLineId', 'InvoiceLine', { relationshipName: 'RelatedLine' }),
            date('InvoiceLineStartDate'),
            date('InvoiceLineEndDate')
        ]
    }),
    defineObject({
        name: 'CreditMemo',
        keyPrefix: '50g',
        access: 'readUpdate',
        owned: true,
        name_: false,
        fields: [
            computed(autoNumber('CreditMemoNumber')),
            ref('ReferenceEntityId', ['Order', 'OrderSummary']),
            ref('BillingAccountId', 'Account'),
            str('DocumentNumber', 255),
            date('CreditDate'),
            money('Balance'),
            money('TotalAmount'),
            money('TotalAmountWithTax'),
            money('TotalTaxAmount'),
            money('TotalChargeAmount'),
            money('TotalAdjustmentAmount'),
            picklist('Status', ['Draft', 'Posted', 'Canceled'], { defaultValue: 'Draft' }),
            picklist('CreationMode', ['Manual', 'Automated']),
            text('Description', 32000)
        ]
    }),
    defineObject({
        name: 'CreditMemoLine',
        // Key prefix UNVERIFIED (not in the object reference).
        keyPrefix: '9yx',
        access: 'readUpdate',
        fields: [
            ref('CreditMemoId', 'CreditMemo', { required: true }),
            ref('Product2Id', 'Product2'),
            ref('ReferenceEntityItemId', ['OrderItemSummary', 'OrderItem']),
            picklist('ReferenceEntityItemType', ['OrderProduct', 'DeliveryCharge']),
            money('ChargeAmount'),
            money('AdjustmentAmount'),
            money('TaxAmount'),
            picklist('Type', ['Charge', 'Tax', 'Adjustment']),
            ref('RelatedLineId', 'CreditMemoLine', { relationshipName: 'RelatedLine' })
        ]
    }),
    defineObject({
        name: 'ReturnOrder',
        // Key prefix UNVERIFIED (not in the object reference).
        keyPrefix: '0YS',
        owned: true,
        name_: false,
        fields: [
            computed(autoNumber('ReturnOrderNumber')),
            ref('OrderSummaryId', 'OrderSummary'),
            ref('OrderId', 'Order'),
            ref('AccountId', 'Account'),
            ref('SourceLocationId', 'Location'),
            ref('DestinationLocationId', 'Location'),
            ...address('ShipFrom'),
            picklist('LifeCycleType', ['MANAGED', 'UNMANAGED'], { restricted: true }),
            picklist('Status', ['Draft', 'Submitted', 'Approved', 'Canceled', 'Closed'], { defaultValue: 'Draft' }),
            date('ExpectedArrivalDate'),
            text('Description', 32000)
        ]
    }),
    defineObject({
        name: 'ReturnOrderLineItem',
        // Key prefix UNVERIFIED (not in the object reference).
        keyPrefix: '0YT',
        name_: false,
        fields: [
            computed(autoNumber('ReturnOrderLineItemNumber')),
            ref('ReturnOrderId', 'ReturnOrder', { required: true }),
            ref('OrderItemSummaryId', 'OrderItemSummary'),
            ref('OrderItemId', 'OrderItem'),
            ref('Product2Id', 'Product2'),
            num('QuantityExpected'),
            num('QuantityReceived'),
            num('QuantityReturned'),
            num('QuantityRejected'),
            picklist('ReasonForReturn', ['Damaged', 'Defective', 'Duplicate Order', 'Wrong Item', 'Not Satisfied', 'Unknown']),
            picklist('ReasonForRejection', ['Damaged', 'Missing Parts', 'Not Returnable', 'N/A']),
            picklist('ProcessingPlan', ['Restock', 'Scrap', 'Repair']),
            picklist('RepaymentMethod', ['Refund', 'Replace', 'Credit']),
            picklist('Type', ['Order Product', 'Delivery Charge', 'Fee']),
            text('Description', 1000)
        ]
    }),
    defineObject({
        name: 'ProcessException',
        // Key prefix UNVERIFIED (not in the object reference).
        keyPrefix: '1Ox',
        owned: true,
        name_: false,
        fields: [
            computed(autoNumber('ProcessExceptionNumber')),
            ref('AttachedToId', ATTACHABLE, { required: true, relationshipName: 'AttachedTo' }),
            ref('OrderSummaryId', 'OrderSummary'),
            picklist('Category', ['Fulfillment', 'Invoicing', 'Order Activation', 'Order Approval', 'Payment', 'Returns', 'Integration']),
            picklist('Priority', ['High', 'Medium', 'Low']),
            picklist('Severity', ['High', 'Low']),
            computed(picklist('SeverityCategory', ['HIGH', 'LOW'], { restricted: true })),
            str('Message', 255, { required: true }),
            text('Description', 32000),
            str('ExternalReference', 255),
            picklist('Status', Object.keys(PE_STATUS_CATEGORY), { defaultValue: 'New' }),
            computed(picklist('StatusCategory', ['ACTIVE', 'INACTIVE', 'RESOLVED'], { restricted: true }))
        ]
    })
];
