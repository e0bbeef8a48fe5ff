import { expect } from 'chai';
import type { CommittedTransaction } from '../../../bridge/src/emulator/contracts.ts';
import { RecordStore } from '../../../bridge/src/emulator/store/record-store.ts';
import { seedOrg } from '../../../bridge/src/emulator/seed/seed-org.ts';
import { OrderFeeder, placeOrder } from '../../../bridge/src/emulator/seed/place-order.ts';
import { fixtureSchema } from '../fixtures.ts';

const BUSINESS_FIELDS: Record<string, string[]> = {
    Account: ['Name', 'BillingCity', 'BillingPostalCode'],
    Product2: ['Name', 'StockKeepingUnit', 'ProductCode'],
    Location: ['Name', 'ExternalReference', 'LocationType'],
    OrderSummary: ['OrderNumber', 'Status', 'GrandTotalAmount', 'OrderedDate'],
    OrderItemSummary: ['StockKeepingUnit', 'QuantityOrdered', 'QuantityFulfilled', 'QuantityCanceled', 'UnitPrice', 'Status'],
    FulfillmentOrder: ['Status', 'FulfilledToName', 'GrandTotalAmount'],
    Shipment: ['Provider', 'TrackingNumber'],
    Invoice: ['TotalAmountWithTax', 'Status']
};

function snapshot(store: RecordStore) {
    return Object.fromEntries(Object.entries(BUSINESS_FIELDS).map(([object, fields]) => [object, store.all(object).map((record) => fields.map((field) => record[field]))]));
}

describe('emulator seed: seedOrg', () => {
    it('gives identical data for the same seed and size, and different data for another seed', () => {
        const first = new RecordStore(fixtureSchema());
        const second = new RecordStore(fixtureSchema());
        const other = new RecordStore(fixtureSchema());
        seedOrg(first, { seed: 11, orders: 60 });
        seedOrg(second, { seed: 11, orders: 60 });
        seedOrg(other, { seed: 12, orders: 60 });
        expect(snapshot(first)).to.deep.equal(snapshot(second));
        expect(first.all('FulfillmentOrder').map((fo) => fo.Id)).to.deep.equal(second.all('FulfillmentOrder').map((fo) => fo.Id));
        expect(snapshot(other).OrderSummary).to.not.deep.equal(snapshot(first).OrderSummary);
    });

    it('builds a realistic org with orders in every lifecycle stage', () => {
        const store = new RecordStore(fixtureSchema());
        const summary = seedOrg(store, { seed: 3, orders: 200 });
        expect(summary.orderSummaryIds).to.have.length(200);
        expect(store.all('Location').map((location) => location.ExternalReference)).to.include.members(['WH-EAST-01', 'WH-WEST-01', 'ST-BOS-01']);
        expect(store.all('OrderDeliveryMethod').map((method) => method.Name)).to.include.members(['UPS Ground', 'FedEx 2Day', 'USPS Priority Mail']);
        expect(store.all('Product2').every((product) => typeof product.StockKeepingUnit === 'string')).to.equal(true);
        const statuses = new Set(store.all('FulfillmentOrder').map((fo) => fo.Status));
        expect([...statuses]).to.include.members(['Allocated', 'Fulfilled', 'Cancelled']);
        for (const stage of Object.values(summary.stages)) expect(stage).to.be.greaterThan(0);
        expect(store.all('Invoice')).to.have.length(summary.invoiceCount);
        const invoiced = store.all('FulfillmentOrder').filter((fo) => fo.InvoiceId);
        expect(invoiced).to.have.length(summary.invoiceCount);
        const fulfilled = store.all('FulfillmentOrder').filter((fo) => fo.Status === 'Fulfilled');
        const shipped = new Set(store.all('Shipment').map((shipment) => shipment.FulfillmentOrderId));
        expect(fulfilled.every((fo) => shipped.has(fo.Id))).to.equal(true);
        const splitOrders = new Set(store.all('FulfillmentOrder').map((fo) => fo.OrderSummaryId)).size;
        expect(store.all('FulfillmentOrder').length).to.be.greaterThan(splitOrders);
    });

    it('refuses a bad size with a clear error', () => {
        expect(() => seedOrg(new RecordStore(fixtureSchema()), { seed: 1, orders: -1 })).to.throw(/orders must be a non-negative integer/);
    });
});

describe('emulator seed: placeOrder and OrderFeeder', () => {
    it('creates the order summary, then approves and routes it in a second transaction', () => {
        const store = new RecordStore(fixtureSchema());
        seedOrg(store, { seed: 5, orders: 5 });
        const commits: CommittedTransaction[] = [];
        store.onCommit((transaction) => commits.push(transaction));
        const placed = placeOrder(store, { seed: 99, lines: 3 });
        expect(commits).to.have.length(2);
        const created = commits[0].changes.find((change) => change.objectName === 'OrderSummary')!;
        expect(created).to.deep.include({ changeType: 'CREATE', recordId: placed.orderSummaryId });
        expect(created.after.Status).to.equal('Created');
        const approved = commits[1].changes.find((change) => change.objectName === 'OrderSummary')!;
        expect(approved.changeType).to.equal('UPDATE');
        expect(approved.changedFields).to.include('Status');
        expect(commits[1].changes.filter((change) => change.objectName === 'FulfillmentOrder').map((change) => change.recordId)).to.deep.equal(placed.fulfillmentOrderIds);
        for (const id of placed.fulfillmentOrderIds) expect(store.get(id)!.Status).to.equal('Allocated');
        const items = store.all('OrderItemSummary').filter((item) => item.OrderSummaryId === placed.orderSummaryId);
        expect(items).to.have.length(3);
        expect(items.every((item) => item.QuantityAllocated === item.QuantityOrdered)).to.equal(true);
    });

    it('places orders into an unseeded org by creating reference data first, and rejects an unknown account', () => {
        const store = new RecordStore(fixtureSchema());
        const placed = placeOrder(store, { seed: 1 });
        expect(store.get(placed.orderSummaryId)!.Status).to.equal('Approved');
        expect(() => placeOrder(store, { seed: 2, accountId: '0015e0000000ZZZAAA' })).to.throw(/no Account found/);
    });

    it('the feeder places orders at its rate on a driven clock and stops at maxOrders', () => {
        const store = new RecordStore(fixtureSchema());
        seedOrg(store, { seed: 8, orders: 0 });
        let now = 1_000_000;
        const feeder = new OrderFeeder(store, { ratePerSecond: 20, seed: 4, maxOrders: 30, now: () => now });
        feeder.start();
        feeder.stop();
        now += 500;
        expect(feeder.tick()).to.equal(10);
        now += 5_000;
        feeder.tick();
        expect(feeder.placed).to.equal(30);
        expect(store.all('OrderSummary')).to.have.length(30);
        expect(() => new OrderFeeder(store, { ratePerSecond: 0 })).to.throw(/ratePerSecond/);
    });
});
