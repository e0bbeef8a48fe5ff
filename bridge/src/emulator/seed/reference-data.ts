/**
 * The org's reference data: accounts, products, locations and delivery methods. Created once by the seed;
 * order placement reads it back from the store, so orders can be placed into any seeded org.
 */
import type { ChangeContext, RecordStoreApi, TransactionApi } from '../contracts.ts';
import { CITIES, COMPANY_STEMS, COMPANY_SUFFIXES, DELIVERY_METHODS, LOCATIONS, PRODUCT_COLORS, PRODUCT_LINES, STREET_NAMES } from './seed-catalog.ts';
import { digits, intBetween, pick, type Random } from './seeded-random.ts';

/** IDs of the reference records orders are built from. */
export interface ReferenceData {
    accountIds: string[];
    productIds: string[];
    warehouseIds: string[];
    storeIds: string[];
    deliveryMethodIds: string[];
}

export function insertReferenceData(tx: TransactionApi, random: Random, accountCount: number): ReferenceData {
    const accountIds = Array.from({ length: accountCount }, (_, index) => {
        const place = pick(random, CITIES);
        const name = `${COMPANY_STEMS[index % COMPANY_STEMS.length]} ${pick(random, COMPANY_SUFFIXES)}${index >= COMPANY_STEMS.length ? ` ${place.city}` : ''}`;
        const street = `${intBetween(random, 10, 9899)} ${pick(random, STREET_NAMES)}`;
        const postal = `${place.postal}${digits(random, 2)}`;
        return tx.insert('Account', {
            Name: name,
            AccountNumber: `C-${String(100001 + index)}`,
            Type: 'Customer',
            Phone: `(${intBetween(random, 201, 989)}) 555-${digits(random, 4)}`,
            BillingStreet: street, BillingCity: place.city, BillingState: place.state, BillingPostalCode: postal, BillingCountry: 'US',
            ShippingStreet: street, ShippingCity: place.city, ShippingState: place.state, ShippingPostalCode: postal, ShippingCountry: 'US'
        }).Id;
    });
    const productIds: string[] = [];
    for (const line of PRODUCT_LINES) {
        line.items.forEach((item, itemIndex) => {
            const color = pick(random, PRODUCT_COLORS);
            const code = `${line.code}-${String(itemIndex + 1).padStart(3, '0')}`;
            productIds.push(
                tx.insert('Product2', {
                    Name: `${item} - ${color}`,
                    ProductCode: code,
                    StockKeepingUnit: `${code}-${color.slice(0, 3).toUpperCase()}`,
                    Family: line.family,
                    IsActive: true,
                    QuantityUnitOfMeasure: line.family === 'Footwear' ? 'Pair' : 'Each',
                    Description: `${item} in ${color}.`
                }).Id
            );
        });
    }
    const warehouseIds: string[] = [];
    const storeIds: string[] = [];
    for (const site of LOCATIONS) {
        const id = tx.insert('Location', {
            Name: site.name,
            ExternalReference: site.externalReference,
            LocationType: site.type,
            IsInventoryLocation: true,
            Description: `${site.type} in ${site.city}, ${site.state}`
        }).Id;
        (site.type === 'Warehouse' ? warehouseIds : storeIds).push(id);
    }
    const deliveryMethodIds = DELIVERY_METHODS.map(
        (method) => tx.insert('OrderDeliveryMethod', { Name: method.name, Carrier: method.carrier, ClassOfService: method.service, ReferenceNumber: method.reference, IsActive: true }).Id
    );
    return { accountIds, productIds, warehouseIds, storeIds, deliveryMethodIds };
}

/** Reads the reference data back from a seeded store; undefined when the org has none yet. */
export function readReferenceData(store: RecordStoreApi): ReferenceData | undefined {
    const locations = store.all('Location');
    const data: ReferenceData = {
        accountIds: store.all('Account').map((record) => record.Id),
        productIds: store.all('Product2').map((record) => record.Id),
        warehouseIds: locations.filter((record) => record.LocationType === 'Warehouse').map((record) => record.Id),
        storeIds: locations.filter((record) => record.LocationType !== 'Warehouse').map((record) => record.Id),
        deliveryMethodIds: store.all('OrderDeliveryMethod').map((record) => record.Id)
    };
    const complete = data.accountIds.length > 0 && data.productIds.length > 0 && data.warehouseIds.length > 0 && data.deliveryMethodIds.length > 0;
    return complete ? data : undefined;
}

/** The reference data of the store, creating it first when the org has none. */
export function ensureReferenceData(store: RecordStoreApi, random: Random, context: ChangeContext): ReferenceData {
    return readReferenceData(store) ?? store.transaction(context, (tx) => insertReferenceData(tx, random, 40));
}
