import { expect } from 'chai';
import type { Connection } from 'jsforce';
import { SalesforceProcessExceptionReporter } from '../../bridge/src/ops/salesforce-process-exception-reporter.ts';

/** Just enough of a jsforce Connection to see which SOQL and sObject calls the reporter makes. */
function fakeConnection() {
    const records: Record<string, unknown>[] = [];
    const queries: string[] = [];
    const conn = {
        async query(soql: string) {
            queries.push(soql);
            const ref = /ExternalReference = '((?:[^'\\]|\\.)*)'/.exec(soql)?.[1].replace(/\\(.)/g, '$1');
            return { records: records.filter((r) => r.ExternalReference === ref && r.Status !== 'Resolved').map((r) => ({ Id: r.Id })) };
        },
        sobject(name: string) {
            expect(name).to.equal('ProcessException');
            return {
                async create(fields: Record<string, unknown>) {
                    const Id = `0a1${String(records.length + 1).padStart(15, '0')}`;
                    records.push({ ...fields, Id });
                    return { id: Id, success: true, errors: [] };
                },
                async update(input: Record<string, unknown> | Record<string, unknown>[]) {
                    const list = Array.isArray(input) ? input : [input];
                    const results = list.map((u) => {
                        Object.assign(records.find((r) => r.Id === u.Id) ?? {}, u);
                        return { id: u.Id, success: true, errors: [] };
                    });
                    return Array.isArray(input) ? results : results[0];
                }
            };
        }
    };
    return { conn: conn as unknown as Connection, records, queries };
}

describe('ops/salesforce-process-exception-reporter (fake Connection; the emulator was not available)', () => {
    it('creates once per external reference, caps Message at 255, and resolves', async () => {
        const { conn, records, queries } = fakeConnection();
        const reporter = new SalesforceProcessExceptionReporter(conn);
        const input = {
            orderSummaryId: '1Os000000000001AAA',
            attachedToId: '0a3000000000001AAA',
            category: 'Fulfillment' as const,
            severity: 'High' as const,
            message: `Could not submit: ${'x'.repeat(400)}`,
            description: 'details',
            externalReference: "wms.submit:0a3000000000001AAA:v1 o'clock"
        };
        const first = await reporter.raise(input);
        const second = await reporter.raise({ ...input, message: 'second failure' });
        expect(second.id).to.equal(first.id);
        expect(records).to.have.length(1);
        expect(records[0]).to.include({ AttachedToId: input.attachedToId, OrderSummaryId: input.orderSummaryId, Category: 'Fulfillment', Status: 'New', Message: 'second failure' });
        expect(queries[0]).to.include("o\\'clock");
        await reporter.raise({ ...input, externalReference: 'other' });
        expect((records[1].Message as string).length).to.equal(255);
        expect(await reporter.resolve(input.externalReference)).to.equal(1);
        expect(records[0].Status).to.equal('Resolved');
        expect(await reporter.resolve(input.externalReference)).to.equal(0);
    });
});
