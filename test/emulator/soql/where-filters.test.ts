import { expect } from 'chai';
import { QueryEngine } from '../../../bridge/src/emulator/soql/query-engine.ts';
import { seedFakeOrg } from './fake-org.ts';

const NOW = Date.parse('2026-11-15T12:00:00Z'); // a Sunday

describe('QueryEngine: WHERE filters', () => {
    let org: ReturnType<typeof seedFakeOrg>;
    let engine: QueryEngine;
    const names = (soql: string, field = 'Name') =>
        engine.execute(soql, { includeDeleted: false, apiVersion: '66.0' }).records.map((r) => r[field]);
    const foNumbers = (where: string) =>
        names(
            `SELECT FulfillmentOrderNumber FROM FulfillmentOrder WHERE ${where} ORDER BY FulfillmentOrderNumber`,
            'FulfillmentOrderNumber'
        );

    beforeEach(() => {
        org = seedFakeOrg();
        engine = new QueryEngine({ schema: org.schema, store: org.store, now: () => NOW });
    });

    it('compares text case-insensitively with = != < >', () => {
        expect(names("SELECT Name FROM Account WHERE Name = 'ACME'")).to.deep.equal(['Acme']);
        expect(names("SELECT Name FROM Account WHERE Name != 'acme'")).to.deep.equal(['Globex']);
        expect(names("SELECT Name FROM Account WHERE Name > 'b'")).to.deep.equal(['Globex']);
        expect(names("SELECT Name FROM Account WHERE Name <= 'ACME'")).to.deep.equal(['Acme']);
    });

    it('compares numbers, currency and booleans', () => {
        expect(
            names('SELECT Name FROM Account WHERE AnnualRevenue >= 1200.5 AND Rating__c < 3')
        ).to.deep.equal(['Globex']);
        expect(names('SELECT Name FROM Account WHERE Active__c = TRUE')).to.deep.equal(['Acme']);
        expect(names('SELECT Name FROM Account WHERE Active__c = false')).to.deep.equal(['Globex']);
    });

    it('treats null as a value: = null, != null, and != matching nulls', () => {
        expect(names('SELECT Name FROM Account WHERE Industry = null')).to.deep.equal(['Globex']);
        expect(names('SELECT Name FROM Account WHERE Industry != NULL')).to.deep.equal(['Acme']);
        expect(names("SELECT Name FROM Account WHERE Industry != 'Retail'")).to.deep.equal(['Globex']);
        expect(names("SELECT Name FROM Account WHERE Industry < 'zzz'")).to.deep.equal(['Acme']);
        expect(foNumbers('FulfilledFromLocationId = null')).to.deep.equal(['FO-2']);
    });

    it('supports IN and NOT IN with literal lists, including null', () => {
        expect(foNumbers("Status IN ('fulfilled', 'Shipped')")).to.deep.equal(['FO-2']);
        expect(foNumbers("Status NOT IN ('Fulfilled')")).to.deep.equal(['FO-1', 'FO-3']);
        expect(
            names("SELECT Name FROM Account WHERE Industry IN ('Retail', null) ORDER BY Name")
        ).to.deep.equal(['Acme', 'Globex']);
        expect(names("SELECT Name FROM Account WHERE Industry NOT IN ('Retail')")).to.deep.equal(['Globex']);
    });

    it('supports semi-join and anti-join subqueries on IDs', () => {
        expect(foNumbers('Id IN (SELECT FulfillmentOrderId FROM Shipment)')).to.deep.equal(['FO-1']);
        expect(
            foNumbers(
                'Id NOT IN (SELECT FulfillmentOrderId FROM FulfillmentOrderLineItem WHERE Quantity > 1)'
            )
        ).to.deep.equal(['FO-3']);
        expect(
            names(
                "SELECT OrderNumber FROM OrderSummary WHERE AccountId IN (SELECT Id FROM Account WHERE Name LIKE 'glob%')",
                'OrderNumber'
            )
        ).to.deep.equal(['00000002']);
    });

    it('matches LIKE with % and _ case-insensitively, honouring escapes', () => {
        expect(names("SELECT Name FROM Account WHERE Name LIKE 'ac%'")).to.deep.equal(['Acme']);
        expect(names("SELECT Name FROM Account WHERE Name LIKE '_LOBE_'")).to.deep.equal(['Globex']);
        expect(names("SELECT Name FROM Account WHERE Name LIKE 'Acm'")).to.deep.equal([]);
        org.store.add('Account', { Name: '100% cotton' });
        org.store.add('Account', { Name: '100 cotton' });
        expect(names("SELECT Name FROM Account WHERE Name LIKE '100\\%%'")).to.deep.equal(['100% cotton']);
        expect(
            names(
                "SELECT Description FROM FulfillmentOrderLineItem WHERE Description LIKE 'o\\'brien%'",
                'Description'
            )
        ).to.deep.equal(["O'Brien hat"]);
    });

    it('unescapes string literals for equality', () => {
        expect(
            names(
                "SELECT Description FROM FulfillmentOrderLineItem WHERE Description = 'O\\'Brien HAT'",
                'Description'
            )
        ).to.deep.equal(["O'Brien hat"]);
    });

    it('combines AND, OR and NOT with parentheses', () => {
        expect(
            foNumbers(
                "Status = 'Allocated' AND (FulfilledFromLocationId = null OR OrderSummary.OrderNumber = '00000002')"
            )
        ).to.deep.equal(['FO-3']);
        expect(foNumbers("NOT Status = 'Allocated'")).to.deep.equal(['FO-2']);
        expect(foNumbers("NOT (Status = 'Allocated' OR FulfillmentOrderNumber = 'FO-2')")).to.deep.equal([]);
        expect(foNumbers("(NOT Status = 'Fulfilled') AND OrderSummary.Account.Name = 'acme'")).to.deep.equal([
            'FO-1'
        ]);
        expect(
            foNumbers(
                "((Status = 'Fulfilled') OR (Status = 'Allocated' AND FulfillmentOrderNumber != 'FO-1'))"
            )
        ).to.deep.equal(['FO-2', 'FO-3']);
    });

    it('filters on parent relationship fields, null-safe', () => {
        expect(foNumbers("OrderSummary.Account.Name = 'Globex'")).to.deep.equal(['FO-3']);
        expect(foNumbers('FulfilledFromLocation.Name = null')).to.deep.equal(['FO-2']);
        expect(names("SELECT Name FROM Account WHERE Parent.Name = 'Acme'")).to.deep.equal(['Globex']);
    });

    it('matches 15- and 18-character IDs alike', () => {
        const id18 = org.fo2.Id;
        expect(foNumbers(`Id = '${id18}'`)).to.deep.equal(['FO-2']);
        expect(foNumbers(`Id = '${id18.slice(0, 15)}'`)).to.deep.equal(['FO-2']);
        expect(foNumbers(`OrderSummaryId IN ('${org.os2.Id.slice(0, 15)}')`)).to.deep.equal(['FO-3']);
    });

    it('compares datetimes as instants, whatever the offset', () => {
        expect(foNumbers('SystemModstamp > 2026-11-02T10:00:00Z')).to.deep.equal(['FO-2', 'FO-3']);
        expect(foNumbers('SystemModstamp >= 2026-11-02T10:00:00Z')).to.deep.equal(['FO-1', 'FO-2', 'FO-3']);
        expect(foNumbers('SystemModstamp = 2026-11-02T12:00:00.000+0200')).to.deep.equal(['FO-1']);
        expect(foNumbers('CreatedDate < 2026-11-03T00:00:00-05:00')).to.deep.equal(['FO-1']);
    });

    it('compares date fields with date literals', () => {
        expect(names('SELECT Name FROM Account WHERE Since__c < 2021-01-01')).to.deep.equal(['Acme']);
        expect(foNumbers('DeliveryDate__c = 2026-11-20')).to.deep.equal(['FO-1']);
    });

    it('evaluates relative date literals in UTC', () => {
        org.store.stamp = '2026-11-15T01:00:00.000+0000';
        org.store.add('Location', { Name: 'today' });
        org.store.stamp = '2026-11-14T23:59:59.000+0000';
        org.store.add('Location', { Name: 'yesterday' });
        org.store.stamp = '2026-11-08T00:00:00.000+0000';
        org.store.add('Location', { Name: 'last week' });
        org.store.stamp = '2026-11-21T10:00:00.000+0000';
        org.store.add('Location', { Name: 'later this week' });
        const at = (literal: string) =>
            names(`SELECT Name FROM Location WHERE CreatedDate = ${literal} ORDER BY CreatedDate`);
        expect(at('TODAY')).to.deep.equal(['today']);
        expect(at('YESTERDAY')).to.deep.equal(['yesterday']);
        expect(at('THIS_WEEK')).to.deep.equal(['today', 'later this week']);
        expect(at('LAST_WEEK')).to.deep.equal(['last week', 'yesterday']);
        expect(at('LAST_N_DAYS:1')).to.deep.equal(['yesterday', 'today']);
        expect(at('NEXT_N_DAYS:7')).to.deep.equal(['later this week']);
        expect(at('N_DAYS_AGO:7')).to.deep.equal(['last week']);
        expect(
            names('SELECT Name FROM Location WHERE CreatedDate > YESTERDAY ORDER BY CreatedDate')
        ).to.deep.equal(['today', 'later this week']);
        expect(
            names('SELECT Name FROM Location WHERE CreatedDate < LAST_N_DAYS:7 ORDER BY Name')
        ).to.deep.equal(['Main Warehouse']);
        expect(foNumbers('DeliveryDate__c = NEXT_N_DAYS:5')).to.deep.equal(['FO-1']);
        expect(foNumbers('DeliveryDate__c = THIS_MONTH')).to.deep.equal(['FO-1']);
    });
});
