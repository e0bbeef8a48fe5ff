/**
 * What a storefront checkout writes: the original Order with its OrderItems, and the OrderSummary with its
 * OrderDeliveryGroupSummary and OrderItemSummaries (Status Created). Routing to locations is a separate step.
 */
import type { TransactionApi } from '../contracts.ts';
import { roundMoney } from '../connect/som-records.ts';
import { isoDate, isoDateTime } from '../connect/dates.ts';
import { CITIES, FIRST_NAMES, LAST_NAMES, PRODUCT_LINES, STREET_NAMES } from './seed-catalog.ts';
import { digits, intBetween, pick, pickDistinct, type Random } from './seeded-random.ts';
import type { ReferenceData } from './reference-data.ts';

/** Sales tax rate applied to every line; one rate keeps totals easy to check. */
export const TAX_RATE = 0.07;

export interface StorefrontOrderOptions {
    orderNumber: string;
    orderedAt: Date;
    accountId?: string;
    /** Number of order lines (distinct products); default 1–4 at random. */
    lines?: number;
}

export interface StorefrontOrder {
    orderSummaryId: string;
    deliveryGroupId: string;
    itemSummaries: { id: string; quantity: number }[];
}

export function insertStorefrontOrder(tx: TransactionApi, random: Random, reference: ReferenceData, options: StorefrontOrderOptions): StorefrontOrder {
    const accountId = options.accountId ?? pick(random, reference.accountIds);
    const account = tx.get(accountId);
    const customer = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
    const place = pick(random, CITIES);
    const street = `${intBetween(random, 10, 9899)} ${pick(random, STREET_NAMES)}`;
    const postal = `${place.postal}${digits(random, 2)}`;
    const email = `${customer.toLowerCase().replace(' ', '.')}@example.com`;
    const lineCount = Math.min(options.lines ?? intBetween(random, 1, 4), reference.productIds.length);
    const lines = pickDistinct(random, reference.productIds, lineCount).map((productId) => {
        const product = tx.get(productId);
        const family = PRODUCT_LINES.find((line) => line.family === product?.Family) ?? PRODUCT_LINES[0];
        const unitPrice = intBetween(random, family.price[0], family.price[1]) + 0.99;
        return { product, quantity: intBetween(random, 1, 3), unitPrice };
    });
    const totalAmount = roundMoney(lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0));
    const totalTax = roundMoney(totalAmount * TAX_RATE);
    const billing = {
        BillingStreet: account?.BillingStreet ?? street,
        BillingCity: account?.BillingCity ?? place.city,
        BillingState: account?.BillingState ?? place.state,
        BillingPostalCode: account?.BillingPostalCode ?? postal,
        BillingCountry: 'US'
    };
    const order = tx.insert('Order', {
        AccountId: accountId,
        EffectiveDate: isoDate(options.orderedAt),
        Status: 'Draft',
        OrderedDate: isoDateTime(options.orderedAt),
        OrderReferenceNumber: options.orderNumber,
        BillingEmailAddress: email,
        GrandTotalAmount: roundMoney(totalAmount + totalTax),
        TotalTaxAmount: totalTax,
        ...billing
    });
    const orderSummary = tx.insert('OrderSummary', {
        OriginalOrderId: order.Id,
        AccountId: accountId,
        OrderNumber: options.orderNumber,
        Status: 'Created',
        OrderLifeCycleType: 'MANAGED',
        OrderedDate: isoDateTime(options.orderedAt),
        BillingEmailAddress: email,
        TotalAmount: totalAmount,
        TotalAdjustedProductAmount: totalAmount,
        TotalTaxAmount: totalTax,
        GrandTotalAmount: roundMoney(totalAmount + totalTax),
        ...billing
    });
    const deliveryGroup = tx.insert('OrderDeliveryGroupSummary', {
        OrderSummaryId: orderSummary.Id,
        OrderDeliveryMethodId: pick(random, reference.deliveryMethodIds),
        DeliverToName: customer,
        DeliverToStreet: street,
        DeliverToCity: place.city,
        DeliverToState: place.state,
        DeliverToPostalCode: postal,
        DeliverToCountry: 'US',
        EmailAddress: email,
        PhoneNumber: `(${intBetween(random, 201, 989)}) 555-${digits(random, 4)}`,
        TotalAmount: totalAmount,
        GrandTotalAmount: roundMoney(totalAmount + totalTax)
    });
    const itemSummaries = lines.map((line) => {
        const lineTotal = roundMoney(line.unitPrice * line.quantity);
        const orderItem = tx.insert('OrderItem', {
            OrderId: order.Id,
            Product2Id: line.product?.Id ?? null,
            Quantity: line.quantity,
            UnitPrice: line.unitPrice,
            TotalLineAmount: lineTotal,
            Type: 'Order Product',
            Description: line.product?.Name ?? null
        });
        const summary = tx.insert('OrderItemSummary', {
            Name: line.product?.Name ?? 'Product',
            OrderSummaryId: orderSummary.Id,
            OrderDeliveryGroupSummaryId: deliveryGroup.Id,
            OriginalOrderItemId: orderItem.Id,
            Product2Id: line.product?.Id ?? null,
            StockKeepingUnit: line.product?.StockKeepingUnit ?? null,
            ProductCode: line.product?.ProductCode ?? null,
            Description: line.product?.Name ?? null,
            Type: 'Order Product',
            TypeCode: 'Product',
            Status: 'ORDERED',
            QuantityOrdered: line.quantity,
            QuantityAllocated: 0,
            QuantityFulfilled: 0,
            QuantityCanceled: 0,
            QuantityReturned: 0,
            QuantityReturnInitiated: 0,
            UnitPrice: line.unitPrice,
            ListPrice: line.unitPrice,
            TotalPrice: lineTotal,
            TotalLineAmount: lineTotal,
            TotalTaxAmount: roundMoney(lineTotal * TAX_RATE)
        });
        return { id: summary.Id, quantity: line.quantity };
    });
    return { orderSummaryId: orderSummary.Id, deliveryGroupId: deliveryGroup.Id, itemSummaries };
}
