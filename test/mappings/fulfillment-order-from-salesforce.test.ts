import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { normaliseCarrier, trackingUrlFor } from '../../bridge/src/mappings/carriers.ts';
import { buildMappingConfig, defaultMappingConfig, parseMappingFile } from '../../bridge/src/mappings/mapping-loader.ts';
import { fulfillmentOrderFromSalesforce } from '../../bridge/src/mappings/salesforce/fulfillment-order-from-salesforce.ts';
import { fulfillmentOrderSoql } from '../../bridge/src/mappings/salesforce/fulfillment-order-query.ts';

const samples = JSON.parse(readFileSync('test/fixtures/mapping/sample-fulfillment-orders.json', 'utf8')) as Record<string, unknown>[];
const config = defaultMappingConfig();

describe('mappings/salesforce/fulfillment-order-from-salesforce', () => {
    it('maps a SOQL FulfillmentOrder with lines, delivery method and location', () => {
        const result = fulfillmentOrderFromSalesforce(samples[0], config, { correlationId: 'corr-1' });
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        const fo = result.value;
        expect(fo).to.include({ id: '0a3Hs0000000001AAA', number: 'FO-0001', locationCode: 'DC-WEST', correlationId: 'corr-1' });
        expect(fo.deliveryMethod).to.include({ carrier: 'FEDEX', service: '2Day' });
        expect(fo.shipTo.country).to.equal('US');
        expect(fo.shipTo.lines).to.deep.equal(['501 Navy Pier Rd']);
        expect(fo.version).to.equal(Date.parse('2026-03-02T10:01:00.000Z'));
        // The delivery charge line does not go to the warehouse.
        expect(fo.lines.map((l) => l.sku)).to.deep.equal(['SHOE-TR2-42', 'MUG-CER-12']);
        expect(fo.lines[0].unitOfMeasure).to.equal('PR');
    });

    it('reports every problem of a broken record with its field path, without throwing', () => {
        const broken = structuredClone(samples[23]);
        broken.FulfilledToCountry = 'Atlantis';
        const result = fulfillmentOrderFromSalesforce(broken, config);
        expect(result.ok).to.equal(false);
        if (result.ok) return;
        expect(result.problems.map((p) => p.path)).to.have.members(['FulfilledToName', 'FulfilledToCountry']);
        expect(fulfillmentOrderFromSalesforce('nonsense', config).ok).to.equal(false);
        expect(fulfillmentOrderFromSalesforce(null, config).ok).to.equal(false);
    });

    it('applies SKU and location cross-references and reports missing required entries', () => {
        const built = buildMappingConfig({ skus: { table: { 'MUG-CER-12': '300012' } }, locations: { table: { 'DC-WEST': 'WH02' }, required: true } });
        if (!built.ok) throw new Error(JSON.stringify(built.problems));
        const west = fulfillmentOrderFromSalesforce(samples[0], built.value);
        expect(west.ok && west.value.locationCode).to.equal('WH02');
        expect(west.ok && west.value.lines.map((l) => l.sku)).to.deep.equal(['SHOE-TR2-42', '300012']);
        const east = fulfillmentOrderFromSalesforce(samples[1], built.value);
        expect(!east.ok && east.problems[0].message).to.contain('no entry in the locations table');
    });

    it('finds the problems planted in the sample file and maps the rest', () => {
        const failing = samples.map((s) => fulfillmentOrderFromSalesforce(s, config)).filter((r) => !r.ok);
        expect(failing).to.have.length(10);
    });

    it('builds the SOQL for the fields it reads and refuses anything but record IDs', () => {
        expect(fulfillmentOrderSoql(['0a3Hs0000000001AAA'])).to.contain("FROM FulfillmentOrder WHERE Id IN ('0a3Hs0000000001AAA')");
        expect(() => fulfillmentOrderSoql(["x' OR Id != '"])).to.throw(/not Salesforce record IDs/);
    });
});

describe('mappings/carriers and mapping files', () => {
    it('normalises carrier spellings by exact match, never confusing USPS with UPS', () => {
        for (const raw of ['UPS', 'ups', 'United Parcel Service', 'UPSN']) expect(normaliseCarrier(raw, config)).to.equal('UPS');
        expect(normaliseCarrier('USPS', config)).to.equal('USPS');
        expect(normaliseCarrier('fedex ground', config)).to.equal('FEDEX');
        expect(normaliseCarrier('Pony Express', config)).to.equal(undefined);
        expect(trackingUrlFor('UPS', '1Z 999', config)).to.equal('https://www.ups.com/track?loc=en_US&tracknum=1Z%20999');
    });

    it('validates the example mapping file and names the bad key of a broken one', () => {
        expect(parseMappingFile(readFileSync('config/mappings.example.yaml', 'utf8')).ok).to.equal(true);
        const bad = parseMappingFile('carriers:\n  trackingUrls:\n    UPS: https://no-placeholder\nunknownSection: 1\n');
        expect(bad.ok).to.equal(false);
        if (!bad.ok) expect(bad.problems.map((p) => p.path).join(' ')).to.contain('carriers.trackingUrls.UPS');
    });
});
