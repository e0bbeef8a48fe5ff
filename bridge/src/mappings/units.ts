import type { MappingConfig } from './mapping-config.ts';

/**
 * The unit code the other system expects. Known spellings map through the table (case-insensitive);
 * a value that already is a target code passes; anything else is unknown (undefined).
 */
export function normaliseUnit(raw: string | null | undefined, config: MappingConfig): string | undefined {
    const { table, default: fallback } = config.unitsOfMeasure;
    if (raw === null || raw === undefined || raw.trim() === '') return fallback;
    const key = raw.trim().toLowerCase();
    for (const [from, to] of Object.entries(table)) if (from.toLowerCase() === key) return to;
    const targets = new Set([...Object.values(table), fallback]);
    const upper = raw.trim().toUpperCase();
    return targets.has(upper) ? upper : undefined;
}
