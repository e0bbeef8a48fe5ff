/**
 * The SOQL that fetches fulfilment orders in the shape fulfillmentOrderFromSalesforce reads; keeping
 * both in this folder means a field added to the mapping is added to the query in the same change.
 */
export const FULFILLMENT_ORDER_FIELDS = [
    'Id',
    'FulfillmentOrderNumber',
    'OrderSummaryId',
    'AccountId',
    'Status',
    'StatusCategory',
    'SystemModstamp',
    'FulfilledToName',
    'FulfilledToStreet',
    'FulfilledToCity',
    'FulfilledToState',
    'FulfilledToPostalCode',
    'FulfilledToCountry',
    'FulfilledToEmailAddress',
    'FulfilledToPhone',
    'DeliveryMethodId',
    'DeliveryMethod.Name',
    'DeliveryMethod.ReferenceNumber',
    'DeliveryMethod.Carrier',
    'DeliveryMethod.ClassOfService',
    'FulfilledFromLocationId',
    'FulfilledFromLocation.Name',
    'FulfilledFromLocation.ExternalReference',
    // The bridge's own state on the order: the order-to-cash decision (send, cancel, re-address) reads it.
    'WMS_Order_Number__c',
    'Integration_Status__c'
] as const;

export const FULFILLMENT_ORDER_LINE_FIELDS = [
    'Id',
    'Quantity',
    'UnitPrice',
    'QuantityUnitOfMeasure',
    'TypeCode',
    'OrderItemSummaryId',
    'Product2Id',
    'Product2.Name',
    'Product2.StockKeepingUnit',
    'Product2.ProductCode'
] as const;

/** SOQL for the given fulfilment order IDs (15/18-character Salesforce IDs only; anything else is refused). */
export function fulfillmentOrderSoql(ids: readonly string[]): string {
    const bad = ids.filter((id) => !/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id));
    if (bad.length) throw new Error(`not Salesforce record IDs: ${bad.slice(0, 5).join(', ')}`);
    return (
        `SELECT ${FULFILLMENT_ORDER_FIELDS.join(', ')}, ` +
        `(SELECT ${FULFILLMENT_ORDER_LINE_FIELDS.join(', ')} FROM FulfillmentOrderLineItems ORDER BY Id) ` +
        `FROM FulfillmentOrder WHERE Id IN (${ids.map((id) => `'${id}'`).join(', ')})`
    );
}
