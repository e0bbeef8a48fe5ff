/**
 * SOQL date literals (TODAY, LAST_N_DAYS:n, THIS_QUARTER...) as half-open ranges of epoch milliseconds.
 * Salesforce evaluates them in the running user's time zone and locale; the emulator's integration
 * user is on UTC with weeks starting on Sunday (the en_US locale), so ranges are computed in UTC.
 * Fiscal literals depend on an org's fiscal-year settings, which the emulator does not model.
 */

/** Half-open interval [start, end) of epoch milliseconds. */
export interface DateRange {
    start: number;
    end: number;
}

type Unit = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

const DAY_MS = 86_400_000;

function startOf(unit: Unit, now: number): number {
    const d = new Date(now);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth();
    const dayStart = Date.UTC(year, month, d.getUTCDate());
    switch (unit) {
        case 'DAY':
            return dayStart;
        case 'WEEK':
            return dayStart - d.getUTCDay() * DAY_MS;
        case 'MONTH':
            return Date.UTC(year, month, 1);
        case 'QUARTER':
            return Date.UTC(year, month - (month % 3), 1);
        case 'YEAR':
            return Date.UTC(year, 0, 1);
    }
}

function shift(unit: Unit, start: number, count: number): number {
    if (unit === 'DAY') return start + count * DAY_MS;
    if (unit === 'WEEK') return start + count * 7 * DAY_MS;
    const d = new Date(start);
    const months = unit === 'MONTH' ? count : unit === 'QUARTER' ? count * 3 : count * 12;
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
}

const range = (unit: Unit, now: number, from: number, to: number): DateRange => {
    const base = startOf(unit, now);
    return { start: shift(unit, base, from), end: shift(unit, base, to) };
};

const SIMPLE_LITERALS: Record<string, { unit: Unit; from: number; to: number }> = {
    YESTERDAY: { unit: 'DAY', from: -1, to: 0 },
    TODAY: { unit: 'DAY', from: 0, to: 1 },
    TOMORROW: { unit: 'DAY', from: 1, to: 2 },
    LAST_WEEK: { unit: 'WEEK', from: -1, to: 0 },
    THIS_WEEK: { unit: 'WEEK', from: 0, to: 1 },
    NEXT_WEEK: { unit: 'WEEK', from: 1, to: 2 },
    LAST_MONTH: { unit: 'MONTH', from: -1, to: 0 },
    THIS_MONTH: { unit: 'MONTH', from: 0, to: 1 },
    NEXT_MONTH: { unit: 'MONTH', from: 1, to: 2 },
    LAST_90_DAYS: { unit: 'DAY', from: -90, to: 1 },
    NEXT_90_DAYS: { unit: 'DAY', from: 1, to: 91 },
    LAST_QUARTER: { unit: 'QUARTER', from: -1, to: 0 },
    THIS_QUARTER: { unit: 'QUARTER', from: 0, to: 1 },
    NEXT_QUARTER: { unit: 'QUARTER', from: 1, to: 2 },
    LAST_YEAR: { unit: 'YEAR', from: -1, to: 0 },
    THIS_YEAR: { unit: 'YEAR', from: 0, to: 1 },
    NEXT_YEAR: { unit: 'YEAR', from: 1, to: 2 }
};

const N_LITERAL =
    /^(LAST|NEXT)_N_(DAYS|WEEKS|MONTHS|QUARTERS|YEARS)$|^N_(DAYS|WEEKS|MONTHS|QUARTERS|YEARS)_AGO$/;

/** The range of a literal such as `TODAY`, or undefined when the literal is not one the emulator knows. */
export function dateLiteralRange(literal: string, now: number): DateRange | undefined {
    const simple = SIMPLE_LITERALS[literal.toUpperCase()];
    return simple ? range(simple.unit, now, simple.from, simple.to) : undefined;
}

/**
 * The range of `LAST_N_DAYS:n` and its relatives. As documented, LAST_N_DAYS includes the current day
 * while LAST_N_WEEKS/MONTHS/... end before the current period; NEXT_N_* start with the next period.
 */
export function dateNLiteralRange(literal: string, n: number, now: number): DateRange | undefined {
    const match = N_LITERAL.exec(literal.toUpperCase());
    if (!match || !Number.isInteger(n) || n < 0) return undefined;
    const unit = (match[2] ?? match[3]).replace(/S$/, '') as Unit;
    if (match[3]) return range(unit, now, -n, -n + 1);
    if (match[1] === 'NEXT') return range(unit, now, 1, 1 + n);
    return unit === 'DAY' ? range(unit, now, -n, 1) : range(unit, now, -n, 0);
}
