import { expect } from 'chai';
import fc from 'fast-check';
import type { FieldDef } from '../../../bridge/src/emulator/contracts.ts';
import { formatDatetime, normaliseValue } from '../../../bridge/src/emulator/store/field-values.ts';

const DATETIME: FieldDef = { name: 'Last_Sync_Time__c', label: 'Last Sync Time', type: 'datetime' } as FieldDef;

/** The full parse and format every datetime went through before the canonical-form fast path. */
function parsedAndFormatted(value: string): string | 'error' {
    const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(ms) ? 'error' : formatDatetime(ms);
}

function normalised(value: string): string | 'error' {
    try {
        return normaliseValue(DATETIME, value) as string;
    } catch {
        return 'error';
    }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Datetime texts near the canonical form, including impossible days, hours and minutes. */
const nearCanonical = fc
    .record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.integer({ min: 0, max: 60 }),
        second: fc.integer({ min: 0, max: 60 }),
        ms: fc.integer({ min: 0, max: 999 }),
        zone: fc.constantFrom('Z', '+0000', '+00:00', '-0500', '+0130', '')
    })
    .map((d) => `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}T${pad(d.hour, 2)}:${pad(d.minute, 2)}:${pad(d.second, 2)}.${pad(d.ms, 3)}${d.zone}`);

describe('emulator field values: datetimes', () => {
    it('stores a datetime exactly as a full parse and format would, canonical or not', () => {
        fc.assert(
            fc.property(nearCanonical, (text) => {
                expect(normalised(text)).to.equal(parsedAndFormatted(text));
            }),
            { numRuns: 5000 }
        );
    });

    it('stores any instant written by toISOString in the REST API form', () => {
        fc.assert(
            fc.property(fc.integer({ min: Date.parse('0000-01-01T00:00:00.000Z'), max: Date.parse('9999-12-31T23:59:59.999Z') }), (ms) => {
                const text = new Date(ms).toISOString();
                expect(normalised(text)).to.equal(text.replace('Z', '+0000'));
                expect(normalised(text.replace('Z', '+0000'))).to.equal(text.replace('Z', '+0000'));
            })
        );
    });

    it('rolls an impossible day over as Date.parse does and refuses a month 13', () => {
        expect(normalised('2021-02-30T00:00:00.000Z')).to.equal('2021-03-02T00:00:00.000+0000');
        expect(normalised('2020-02-29T24:00:00.000Z')).to.equal('2020-03-01T00:00:00.000+0000');
        expect(normalised('2020-13-01T00:00:00.000Z')).to.equal('error');
    });
});
