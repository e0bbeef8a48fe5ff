/**
 * Salesforce FulfillmentOrder (with FulfillmentOrderLineItems, DeliveryMethod, FulfilledFromLocation
 * and each line's Product2, as SOQL returns them; see fulfillment-order-query.ts) → canonical model.
 * Charge lines (delivery fees) are not physical and do not go to the warehouse; zero-quantity lines
 * (fully cancelled) have nothing left to ship.
 */
import { fulfillmentOrderSchema, type FulfillmentOrder, type FulfillmentOrderLine } from '../../model/index.ts';
import { formatSingleLine, normaliseCountry, splitStreet } from '../addresses.ts';
import { normaliseCarrier } from '../carriers.ts';
import { crossReference } from '../cross-reference.ts';
import type { MappingConfig } from '../mapping-config.ts';
import { failed, ProblemList, problemsFromIssues, type MappingResult } from '../mapping-result.ts';
import { isRecord, RecordReader } from '../record-reader.ts';
import { parseIsoDate } from '../dates.ts';
import { normaliseUnit } from '../units.ts';

export interface FulfillmentOrderMappingContext {
    /** Correlation ID from the triggering event; default `fo-<Id>`. */
    correlationId?: string;
}

function mapDeliveryMethod(fo: RecordReader, config: MappingConfig): FulfillmentOrder['deliveryMethod'] | undefined {
    const dm = fo.related('DeliveryMethod', true);
    if (!dm) return undefined;
    const name = dm.string('Name');
    const reference = dm.string('ReferenceNumber');
    const configured =
        (reference !== undefined ? config.deliveryMethods[reference] : undefined) ??
        (name !== undefined ? config.deliveryMethods[name] : undefined);
    const rawCarrier = configured?.carrier ?? dm.string('Carrier');
    const service = configured?.service ?? dm.string('ClassOfService') ?? name;
    const base = { id: fo.string('DeliveryMethodId'), name };
    if (!rawCarrier) {
        dm.problem('Carrier', `is missing and no deliveryMethods entry matches "${reference ?? name ?? ''}"`);
        return undefined;
    }
    const carrier = normaliseCarrier(rawCarrier, config);
    if (!carrier) dm.problem('Carrier', `"${rawCarrier}" is not a known carrier (add it to carriers.aliases)`);
    if (!service) dm.problem('ClassOfService', 'is missing: no service level for the carrier');
    return carrier && service ? { ...base, carrier, service } : undefined;
}

function mapShipTo(fo: RecordReader, config: MappingConfig): FulfillmentOrder['shipTo'] | undefined {
    const name = fo.string('FulfilledToName', true);
    const street = fo.string('FulfilledToStreet', true);
    const city = fo.string('FulfilledToCity', true);
    const region = fo.string('FulfilledToState');
    const postalCode = fo.string('FulfilledToPostalCode');
    const rawCountry = fo.string('FulfilledToCountry', true);
    const email = fo.string('FulfilledToEmailAddress');
    const phone = fo.string('FulfilledToPhone');
    let lines: string[] = [];
    if (street !== undefined) {
        const split = splitStreet(street, config, fo.path('FulfilledToStreet'));
        lines = split.lines;
        for (const p of split.problems) fo.problem('FulfilledToStreet', p.message);
    }
    const country = rawCountry !== undefined ? normaliseCountry(rawCountry, config) : undefined;
    if (rawCountry !== undefined && !country) {
        fo.problem('FulfilledToCountry', `"${rawCountry}" is neither an ISO country code nor a configured country name`);
    }
    if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fo.problem('FulfilledToEmailAddress', 'is not an email address');
    if (country === 'US' && postalCode !== undefined && !/^\d{5}(-\d{4})?$/.test(postalCode)) {
        fo.problem('FulfilledToPostalCode', `"${postalCode}" is not a US ZIP code`);
    }
    if (!name || !city || !country || lines.length === 0) return undefined;
    return {
        name,
        lines,
        city,
        region,
        postalCode,
        country,
        singleLine: formatSingleLine({ lines, city, region, postalCode, country }, config),
        email,
        phone
    };
}

function mapLine(line: RecordReader, config: MappingConfig): FulfillmentOrderLine | undefined {
    const id = line.string('Id', true);
    const quantity = line.number('Quantity', true);
    const unitPrice = line.number('UnitPrice') ?? 0;
    const product = line.related('Product2', true);
    const sourceSku = product ? (product.string('StockKeepingUnit') ?? product.string('ProductCode')) : undefined;
    const productName = product?.string('Name', true);
    if (product && !sourceSku) product.problem('StockKeepingUnit', 'is missing (and no ProductCode to fall back on)');
    const sku = sourceSku !== undefined ? crossReference('skus', sourceSku, config) : undefined;
    if (sourceSku !== undefined && sku === undefined) {
        line.problem('Product2.StockKeepingUnit', `"${sourceSku}" has no entry in the skus table`);
    }
    const rawUnit = line.string('QuantityUnitOfMeasure');
    const unitOfMeasure = normaliseUnit(rawUnit, config);
    if (!unitOfMeasure) line.problem('QuantityUnitOfMeasure', `"${rawUnit}" is not a known unit of measure`);
    if (quantity !== undefined && (quantity < 0 || !Number.isInteger(quantity))) {
        line.problem('Quantity', `expected a whole number of at least 0, got ${quantity}`);
    }
    if (unitPrice < 0) line.problem('UnitPrice', `must not be negative, got ${unitPrice}`);
    if (!id || quantity === undefined || !sku || !productName || !unitOfMeasure) return undefined;
    return {
        id,
        productId: line.string('Product2Id'),
        orderItemSummaryId: line.string('OrderItemSummaryId'),
        sku,
        productName,
        quantity,
        unitPrice,
        unitOfMeasure
    };
}

export function fulfillmentOrderFromSalesforce(
    record: unknown,
    config: MappingConfig,
    context: FulfillmentOrderMappingContext = {}
): MappingResult<FulfillmentOrder> {
    if (!isRecord(record)) return failed([{ path: '(root)', message: 'expected a FulfillmentOrder record object' }]);
    const problems = new ProblemList();
    const fo = new RecordReader(record, problems);
    const id = fo.string('Id', true);
    const number = fo.string('FulfillmentOrderNumber', true);
    const orderSummaryId = fo.string('OrderSummaryId', true);
    const accountId = fo.string('AccountId', true);
    const modstamp = fo.string('SystemModstamp', true);
    const modified = modstamp !== undefined ? parseIsoDate(modstamp) : undefined;
    if (modstamp !== undefined && !modified) fo.problem('SystemModstamp', `"${modstamp}" is not an ISO date-time`);
    const currency = fo.string('CurrencyIsoCode');
    const shipTo = mapShipTo(fo, config);
    const deliveryMethod = mapDeliveryMethod(fo, config);

    const location = fo.related('FulfilledFromLocation', true);
    const sourceLocation = location ? (location.string('ExternalReference') ?? location.string('Name')) : undefined;
    if (location && !sourceLocation) location.problem('ExternalReference', 'is missing (and no Name to fall back on)');
    const locationCode = sourceLocation !== undefined ? crossReference('locations', sourceLocation, config) : undefined;
    if (sourceLocation !== undefined && !locationCode) {
        fo.problem('FulfilledFromLocation.ExternalReference', `"${sourceLocation}" has no entry in the locations table`);
    }

    const lines: FulfillmentOrderLine[] = [];
    const lineReaders = fo.children('FulfillmentOrderLineItems', true);
    for (const line of lineReaders) {
        const typeCode = line.string('TypeCode');
        if (typeCode !== undefined && typeCode !== 'Product') continue;
        const mapped = mapLine(line, config);
        if (mapped && mapped.quantity > 0) lines.push(mapped);
    }
    if (problems.empty && lines.length === 0) {
        fo.problem('FulfillmentOrderLineItems', 'has no product line with a quantity to ship');
    }
    if (!problems.empty) return failed(problems.problems);

    const candidate = {
        id,
        number,
        orderSummaryId,
        accountId,
        currency,
        lines,
        shipTo,
        deliveryMethod,
        locationCode,
        correlationId: context.correlationId ?? `fo-${id}`,
        version: modified?.getTime()
    };
    // Safety net: the model's own rules (e.g. field formats) are the final word.
    const checked = fulfillmentOrderSchema.safeParse(candidate);
    return checked.success ? { ok: true, value: checked.data } : failed(problemsFromIssues(checked.error.issues, '(model)'));
}
