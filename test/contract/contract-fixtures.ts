/** Canonical documents the contract suites send through every adapter. */
import type { CreditMemo, FulfillmentOrder, Invoice } from '../../bridge/src/model/index.ts';

let counter = 0;
const unique = () => `${process.pid}${String(++counter).padStart(4, '0')}`;

export const KNOWN_SKUS = ['SKU-RED-M', 'SKU-BLUE-L', 'SKU-MUG'];

export function contractFulfillmentOrder(overrides: Partial<FulfillmentOrder> = {}): FulfillmentOrder {
    const n = unique();
    return {
        id: `0a3C${n}`,
        number: `FO-${n}`,
        orderSummaryId: `1OsC${n}`,
        accountId: '001C000000000001',
        currency: 'USD',
        lines: [
            { id: `0a4C${n}1`, sku: 'SKU-RED-M', productName: 'Red Tee M', quantity: 3, unitPrice: 20, unitOfMeasure: 'EA' },
            { id: `0a4C${n}2`, sku: 'SKU-MUG', productName: 'Mug', quantity: 1, unitPrice: 12.5, unitOfMeasure: 'EA' }
        ],
        shipTo: {
            name: 'Ada Lovelace',
            lines: ['12 Analytical Way', 'Apt 3'],
            city: 'Boston',
            region: 'MA',
            postalCode: '02110',
            country: 'US',
            singleLine: '12 Analytical Way, Apt 3, Boston, MA 02110, US'
        },
        deliveryMethod: { carrier: 'UPS', service: 'Ground' },
        locationCode: 'DC-EAST',
        correlationId: `corr-${n}`,
        version: 1,
        ...overrides
    };
}

function billing(n: string) {
    return {
        id: `3ttC${n}`,
        number: `INV-${n}`,
        orderSummaryId: `1OsC${n}`,
        customerRef: 'CUST-1001',
        currency: 'USD',
        lines: [{ id: `3tuC${n}`, sku: 'SKU-RED-M', description: 'Red Tee M', quantity: 3, unitPrice: 20, amount: 60, taxAmount: 4.8, kind: 'product' as const }],
        totalAmount: 60,
        totalTax: 4.8,
        totalWithTax: 64.8,
        correlationId: `corr-${n}`
    };
}

export function contractInvoice(overrides: Partial<Invoice> = {}): Invoice {
    return { ...billing(unique()), invoiceDate: '2026-03-02', ...overrides };
}

export function contractCreditMemo(overrides: Partial<CreditMemo> = {}): CreditMemo {
    const n = unique();
    return { ...billing(n), id: `50gC${n}`, number: `CM-${n}`, creditDate: '2026-03-03', reason: 'Cancelled after capture', ...overrides };
}
