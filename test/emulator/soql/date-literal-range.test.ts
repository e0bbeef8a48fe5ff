import { expect } from 'chai';
import { dateLiteralRange, dateNLiteralRange } from '../../../bridge/src/emulator/soql/date-literal-range.ts';

const NOW = Date.parse('2026-11-18T15:30:00Z'); // a Wednesday
const iso = (range: { start: number; end: number } | undefined) =>
    range && [
        new Date(range.start).toISOString().slice(0, 10),
        new Date(range.end).toISOString().slice(0, 10)
    ];

describe('date literal ranges (UTC, weeks from Sunday)', () => {
    it('covers days, weeks, months, quarters and years', () => {
        expect(iso(dateLiteralRange('TODAY', NOW))).to.deep.equal(['2026-11-18', '2026-11-19']);
        expect(iso(dateLiteralRange('yesterday', NOW))).to.deep.equal(['2026-11-17', '2026-11-18']);
        expect(iso(dateLiteralRange('TOMORROW', NOW))).to.deep.equal(['2026-11-19', '2026-11-20']);
        expect(iso(dateLiteralRange('THIS_WEEK', NOW))).to.deep.equal(['2026-11-15', '2026-11-22']);
        expect(iso(dateLiteralRange('LAST_WEEK', NOW))).to.deep.equal(['2026-11-08', '2026-11-15']);
        expect(iso(dateLiteralRange('NEXT_MONTH', NOW))).to.deep.equal(['2026-12-01', '2027-01-01']);
        expect(iso(dateLiteralRange('THIS_QUARTER', NOW))).to.deep.equal(['2026-10-01', '2027-01-01']);
        expect(iso(dateLiteralRange('LAST_QUARTER', NOW))).to.deep.equal(['2026-07-01', '2026-10-01']);
        expect(iso(dateLiteralRange('LAST_YEAR', NOW))).to.deep.equal(['2025-01-01', '2026-01-01']);
        expect(iso(dateLiteralRange('LAST_90_DAYS', NOW))).to.deep.equal(['2026-08-20', '2026-11-19']);
        expect(dateLiteralRange('THIS_FISCAL_YEAR', NOW)).to.equal(undefined);
    });

    it('covers the N forms: LAST_N_DAYS includes today, other LAST_N_* end before the current period', () => {
        expect(iso(dateNLiteralRange('LAST_N_DAYS', 3, NOW))).to.deep.equal(['2026-11-15', '2026-11-19']);
        expect(iso(dateNLiteralRange('NEXT_N_DAYS', 2, NOW))).to.deep.equal(['2026-11-19', '2026-11-21']);
        expect(iso(dateNLiteralRange('N_DAYS_AGO', 2, NOW))).to.deep.equal(['2026-11-16', '2026-11-17']);
        expect(iso(dateNLiteralRange('LAST_N_WEEKS', 2, NOW))).to.deep.equal(['2026-11-01', '2026-11-15']);
        expect(iso(dateNLiteralRange('LAST_N_MONTHS', 2, NOW))).to.deep.equal(['2026-09-01', '2026-11-01']);
        expect(iso(dateNLiteralRange('N_QUARTERS_AGO', 1, NOW))).to.deep.equal(['2026-07-01', '2026-10-01']);
        expect(iso(dateNLiteralRange('NEXT_N_YEARS', 1, NOW))).to.deep.equal(['2027-01-01', '2028-01-01']);
        expect(dateNLiteralRange('LAST_N_FISCAL_YEARS', 1, NOW)).to.equal(undefined);
        expect(dateNLiteralRange('LAST_N_DAYS', -1, NOW)).to.equal(undefined);
    });

    it('keeps month arithmetic on the first of the month across year ends', () => {
        const jan = Date.parse('2027-01-31T00:00:00Z');
        expect(iso(dateLiteralRange('LAST_MONTH', jan))).to.deep.equal(['2026-12-01', '2027-01-01']);
        expect(iso(dateNLiteralRange('N_MONTHS_AGO', 13, jan))).to.deep.equal(['2025-12-01', '2026-01-01']);
    });
});
