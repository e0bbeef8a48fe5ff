/**
 * Standard objects around Order Management: accounts, users, products, locations, orders.
 * Key prefixes are Salesforce's; fields are the subset integrations read and write.
 */
import type { ObjectDef } from '../contracts.ts';
import { address, autoNumber, bool, computed, date, datetime, defineObject, email, money, num, phone, picklist, ref, str, text, url } from './field-builders.ts';

export const coreObjects = (): ObjectDef[] => [
    defineObject({
        name: 'User',
        keyPrefix: '005',
        fields: [
            str('Username', 80, { required: true, unique: true }),
            str('FirstName', 40),
            str('LastName', 80, { required: true }),
            email('Email', { required: true }),
            str('Alias', 8, { required: true }),
            bool('IsActive', { defaultValue: true }),
            str('TimeZoneSidKey', 40, { defaultValue: 'GMT' })
        ]
    }),
    defineObject({
        name: 'Account',
        keyPrefix: '001',
        owned: true,
        name_: str('Name', 255, { required: true }),
        fields: [
            str('AccountNumber', 40),
            picklist('Type', ['Customer', 'Prospect', 'Partner', 'Other']),
            phone('Phone'),
            url('Website'),
            ...address('Billing'),
            ...address('Shipping'),
            ref('ParentId', 'Account', { relationshipName: 'Parent' })
        ]
    }),
    defineObject({
        name: 'Product2',
        keyPrefix: '01t',
        label: 'Product',
        name_: str('Name', 255, { required: true }),
        fields: [
            str('ProductCode', 255),
            str('StockKeepingUnit', 180, { unique: true, externalId: true }),
            text('Description', 4000),
            bool('IsActive'),
            picklist('Family', ['Apparel', 'Footwear', 'Accessories', 'Equipment']),
            picklist('QuantityUnitOfMeasure', ['Each', 'Pair', 'Box'])
        ]
    }),
    defineObject({
        name: 'Location',
        keyPrefix: '131',
        owned: true,
        name_: str('Name', 255, { required: true }),
        fields: [
            picklist('LocationType', ['Warehouse', 'Store', 'Site', 'Van'], { required: true }),
            str('ExternalReference', 255, { externalId: true }),
            bool('IsInventoryLocation'),
            bool('ShouldSyncWithOci'),
            bool('IsMobile'),
            text('Description', 32000),
            ref('ParentLocationId', 'Location', { relationshipName: 'ParentLocation' })
        ]
    }),
    defineObject({
        name: 'OrderDeliveryMethod',
        // Key prefix 2Dt as seen in org IDs; not listed in the object reference.
        keyPrefix: '2Dt',
        name_: str('Name', 255, { required: true }),
        fields: [
            str('ReferenceNumber', 255, { externalId: true }),
            str('Carrier', 255),
            str('ClassOfService', 255),
            bool('IsActive', { defaultValue: true }),
            ref('ProductId', 'Product2', { relationshipName: 'Product' })
        ]
    }),
    defineObject({
        name: 'Order',
        keyPrefix: '801',
        owned: true,
        name_: false,
        fields: [
            computed({ ...autoNumber('OrderNumber'), label: 'Order Number' }),
            ref('AccountId', 'Account', { required: true }),
            date('EffectiveDate', { required: true }),
            picklist('Status', ['Draft', 'Activated'], { required: true, defaultValue: 'Draft' }),
            datetime('OrderedDate'),
            str('OrderReferenceNumber', 80),
            str('PoNumber', 80),
            ...address('Billing'),
            email('BillingEmailAddress'),
            phone('BillingPhoneNumber'),
            computed(money('TotalAmount')),
            money('GrandTotalAmount'),
            money('TotalTaxAmount'),
            ref('SalesChannelId', 'SalesChannel', { relationshipName: 'SalesChannel' })
        ]
    }),
    defineObject({
        name: 'SalesChannel',
        // Key prefix 0bI is UNVERIFIED (not in the object reference).
        keyPrefix: '0bI',
        name_: false,
        fields: [str('SalesChannelName', 255, { required: true }), text('Description', 1000), str('ExternalChannelNumber', 255, { externalId: true })]
    }),
    defineObject({
        name: 'OrderItem',
        label: 'Order Product',
        keyPrefix: '802',
        name_: false,
        fields: [
            computed(autoNumber('OrderItemNumber')),
            ref('OrderId', 'Order', { required: true }),
            ref('Product2Id', 'Product2'),
            num('Quantity', { required: true }),
            money('UnitPrice', { required: true }),
            computed(money('TotalPrice')),
            money('TotalLineAmount'),
            picklist('Type', ['Order Product', 'Delivery Charge']),
            str('Description', 255)
        ]
    })
];
