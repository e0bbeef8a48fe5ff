import { expect } from 'chai';
import fc from 'fast-check';
import { SalesforceApiError } from '../../../bridge/src/emulator/rest/salesforce-error.ts';
import { QueryEngine } from '../../../bridge/src/emulator/soql/query-engine.ts';
import { seedFakeOrg } from './fake-org.ts';
import { expectSfError } from './expect-sf-error.ts';

describe('QueryEngine: Salesforce-shaped errors', () => {
    let engine: QueryEngine;
    const run = (soql: string) => () => engine.execute(soql, { includeDeleted: false, apiVersion: '66.0' });

    beforeEach(() => {
        const org = seedFakeOrg();
        engine = new QueryEngine({
            schema: org.schema,
            store: org.store,
            now: () => Date.parse('2026-11-15T12:00:00Z')
        });
    });

    it('INVALID_FIELD for an unknown column, framed with row, column and caret', () => {
        const error = expectSfError(
            run('SELECT Foo FROM Account'),
            'INVALID_FIELD',
            "No such column 'Foo' on entity 'Account'"
        );
        expect(error.errors[0].message).to.equal(
            "\nSELECT Foo FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."
        );
        expectSfError(run('SELECT Id FROM Account WHERE Bar__c = 1'), 'INVALID_FIELD', 'Row:1:Column:30');
        expectSfError(run('SELECT Id FROM Account ORDER BY Nope'), 'INVALID_FIELD', "No such column 'Nope'");
        expectSfError(
            run('SELECT Id FROM FulfillmentOrder WHERE OrderSummary.Nope = 1'),
            'INVALID_FIELD',
            "No such column 'OrderSummary.Nope' on entity 'OrderSummary'"
        );
    });

    it('INVALID_FIELD for an unknown relationship in a field path', () => {
        expectSfError(
            run('SELECT Owner.Name FROM Account'),
            'INVALID_FIELD',
            "Didn't understand relationship 'Owner' in field path"
        );
    });

    it('INVALID_FIELD when a literal does not fit the field type', () => {
        expectSfError(
            run("SELECT Id FROM Account WHERE Rating__c = '3'"),
            'INVALID_FIELD',
            "field 'Rating__c' must be of type int and should not be enclosed in quotes"
        );
        expectSfError(
            run('SELECT Id FROM Account WHERE Name = 3'),
            'INVALID_FIELD',
            "field 'Name' must be of type string and should be enclosed in quotes"
        );
        expectSfError(
            run('SELECT Id FROM Account WHERE CreatedDate > 2026-01-01'),
            'INVALID_FIELD',
            'must be of type dateTime'
        );
        expectSfError(
            run('SELECT Id FROM Account WHERE Since__c > 2026-01-01T00:00:00Z'),
            'INVALID_FIELD',
            'must be of type date '
        );
        expectSfError(
            run('SELECT Id FROM Account WHERE Name = TODAY'),
            'INVALID_FIELD',
            'must be of type string'
        );
    });

    it('INVALID_QUERY_FILTER_OPERATOR for a malformed ID literal', () => {
        expectSfError(
            run("SELECT Id FROM Account WHERE Id = 'abc'"),
            'INVALID_QUERY_FILTER_OPERATOR',
            'invalid ID field: abc'
        );
    });

    it('INVALID_TYPE for an unknown object or child relationship', () => {
        expectSfError(
            run('SELECT Id FROM Foo'),
            'INVALID_TYPE',
            "sObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name."
        );
        expectSfError(
            run('SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Nope)'),
            'INVALID_TYPE',
            "sObject type 'Nope' is not supported"
        );
        expectSfError(
            run('SELECT Id, (SELECT Id FROM Foos) FROM Account'),
            'INVALID_TYPE',
            "Didn't understand relationship 'Foos' in FROM part of query call"
        );
    });

    it('MALFORMED_QUERY for syntax the parser rejects', () => {
        expectSfError(
            run('SELECT Id, FROM Account'),
            'MALFORMED_QUERY',
            "ERROR at Row:1:Column:12\nunexpected token: 'FROM'"
        );
        expectSfError(run("SELECT Id FROM Account WHERE Name = 'abc"), 'MALFORMED_QUERY', 'unexpected token');
        expectSfError(run('SELECT Id FROM Account LIMIT 5 5'), 'MALFORMED_QUERY', "unexpected token: '5'");
        expectSfError(run('SELECT Id FROM'), 'MALFORMED_QUERY', 'unexpected token');
        expectSfError(run(''), 'MALFORMED_QUERY', 'empty');
        expectSfError(
            run("SELECT Id FROM Account WHERE Name = 'a\\q'"),
            'MALFORMED_QUERY',
            'Illegal escape sequence'
        );
    });

    it('MALFORMED_QUERY for AND and OR mixed without parentheses', () => {
        expectSfError(
            run("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'"),
            'MALFORMED_QUERY',
            'unexpected token: OR'
        );
    });

    it('MALFORMED_QUERY naming each construct outside the supported subset', () => {
        const unsupported: [string, string][] = [
            ['SELECT Name, COUNT(Id) FROM Account GROUP BY ROLLUP(Name)', 'A function in GROUP BY (ROLLUP, CUBE or a date function) is not supported'],
            [
                'SELECT TYPEOF AttachedTo WHEN FulfillmentOrder THEN Status END FROM ProcessException',
                'TYPEOF is not supported'
            ],
            ['SELECT Id FROM Account FOR UPDATE', 'FOR UPDATE is not supported'],
            ['SELECT toLabel(Industry) FROM Account', 'The function toLabel() is not supported'],
            [
                'SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2020',
                'A function in a WHERE condition is not supported'
            ],
            ["SELECT Id FROM Account WHERE Name INCLUDES ('a')", 'The INCLUDES operator is not supported'],
            [
                'SELECT Id FROM Account WHERE Since__c = LAST_FISCAL_YEAR',
                'The date literal LAST_FISCAL_YEAR is not supported'
            ],
            ['SELECT a.Id FROM Account a', 'An object alias is not supported'],
            [
                'SELECT Id, (SELECT Id, (SELECT Id FROM FulfillmentOrders) FROM OrderSummaries) FROM Account',
                'A subquery nested in a subquery is not supported'
            ],
            [
                'SELECT FulfillmentOrder.OrderSummary.Account.Parent.Parent.Parent.Name FROM FulfillmentOrderLineItem',
                'deeper than 5 levels'
            ]
        ];
        for (const [soql, message] of unsupported) expectSfError(run(soql), 'MALFORMED_QUERY', message);
    });

    it('MALFORMED_QUERY for duplicate fields, LIKE on non-text fields and a COUNT() beside fields', () => {
        expectSfError(
            run('SELECT Id, Name, name FROM Account'),
            'MALFORMED_QUERY',
            'duplicate field selected: name'
        );
        expectSfError(
            run("SELECT Id FROM Account WHERE Rating__c LIKE '3'"),
            'MALFORMED_QUERY',
            'invalid operator on int field: LIKE'
        );
        expectSfError(
            run('SELECT Id, COUNT() FROM Account'),
            'MALFORMED_QUERY',
            'COUNT() must be the only element'
        );
    });

    it('NUMBER_OUTSIDE_VALID_RANGE for an OFFSET above 2000', () => {
        expectSfError(
            run('SELECT Id FROM Account OFFSET 2001'),
            'NUMBER_OUTSIDE_VALID_RANGE',
            'Maximum SOQL offset allowed for apiName Account is 2000'
        );
        expect(run('SELECT Id FROM Account OFFSET 2000')().records).to.deep.equal([]);
    });

    it('OFFSET in a subquery only under an outer LIMIT 1', () => {
        expectSfError(
            run('SELECT Id, (SELECT Id FROM FulfillmentOrders OFFSET 1) FROM OrderSummary'),
            'MALFORMED_QUERY',
            'LIMIT 1'
        );
        const [summary] = run(
            'SELECT Id, (SELECT FulfillmentOrderNumber FROM FulfillmentOrders ORDER BY FulfillmentOrderNumber OFFSET 1) FROM OrderSummary ORDER BY OrderNumber LIMIT 1'
        )().records;
        expect(
            (summary.FulfillmentOrders as { records: { FulfillmentOrderNumber: string }[] }).records.map(
                (r) => r.FulfillmentOrderNumber
            )
        ).to.deep.equal(['FO-2']);
    });
});

describe('QueryEngine: arbitrary input never crashes', () => {
    const org = seedFakeOrg();
    const engine = new QueryEngine({
        schema: org.schema,
        store: org.store,
        now: () => Date.parse('2026-11-15T12:00:00Z')
    });
    const vocabulary = [
        'SELECT',
        'Id',
        'Name',
        'Status',
        'COUNT()',
        ',',
        'FROM',
        'Account',
        'FulfillmentOrder',
        'WHERE',
        'AND',
        'OR',
        'NOT',
        '(',
        ')',
        '=',
        '!=',
        '<',
        '>=',
        'IN',
        'NOT IN',
        'LIKE',
        "'a%'",
        "'x\\'y'",
        '5',
        '-2.5',
        'null',
        'TRUE',
        '2026-11-01',
        '2026-11-01T00:00:00Z',
        'TODAY',
        'LAST_N_DAYS:3',
        'ORDER BY',
        'DESC',
        'NULLS LAST',
        'LIMIT',
        'OFFSET',
        'OrderSummary.Account.Name',
        '(SELECT Id FROM FulfillmentOrderLineItems)',
        'SystemModstamp',
        'Rating__c'
    ];

    it('answers every token soup with a result or a SalesforceApiError', () => {
        fc.assert(
            fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 14 }), (tokens) => {
                try {
                    engine.execute(tokens.join(' '), { includeDeleted: false, apiVersion: '66.0' });
                } catch (error) {
                    expect(error, `${tokens.join(' ')} threw ${String(error)}`).to.be.instanceOf(
                        SalesforceApiError
                    );
                }
            }),
            { numRuns: 400 }
        );
    });

    it('answers near-valid statements with a result or a SalesforceApiError', () => {
        const prefix = fc.constantFrom(
            'SELECT Id FROM FulfillmentOrder WHERE ',
            'SELECT Name FROM Account WHERE '
        );
        fc.assert(
            fc.property(
                prefix,
                fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 8 }),
                (start, tokens) => {
                    try {
                        engine.execute(start + tokens.join(' '), {
                            includeDeleted: false,
                            apiVersion: '66.0'
                        });
                    } catch (error) {
                        expect(error, `${start}${tokens.join(' ')} threw ${String(error)}`).to.be.instanceOf(
                            SalesforceApiError
                        );
                    }
                }
            ),
            { numRuns: 400 }
        );
    });
});
