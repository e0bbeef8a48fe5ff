import type { DateFormat } from './mapping-config.ts';

/** Parses an ISO date or date-time; undefined when it is not one. */
export function parseIsoDate(value: string): Date | undefined {
    if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return undefined;
    const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(date.getTime()) ? undefined : date;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Writes a date in one of the configured outbound formats, always in UTC so output never depends on the host. */
export function formatDate(date: Date, format: DateFormat): string {
    const y = pad(date.getUTCFullYear(), 4);
    const m = pad(date.getUTCMonth() + 1);
    const d = pad(date.getUTCDate());
    switch (format) {
        case 'iso-datetime':
            return date.toISOString();
        case 'iso-date':
            return `${y}-${m}-${d}`;
        case 'yyyyMMdd':
            return `${y}${m}${d}`;
        case 'MM/dd/yyyy':
            return `${m}/${d}/${y}`;
        case 'epoch-ms':
            return String(date.getTime());
    }
}
