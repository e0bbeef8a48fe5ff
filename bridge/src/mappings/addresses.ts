/**
 * Address shaping: Salesforce keeps the street as one text field with line breaks; warehouses want a
 * fixed number of short lines, an ISO country code and, sometimes, the whole address on one line.
 */
import type { MappingConfig } from './mapping-config.ts';
import type { MappingProblem } from './mapping-result.ts';

/** Splits a multi-line street into lines; a line over the limit is a problem, never silently cut. */
export function splitStreet(
    street: string,
    config: MappingConfig,
    path: string
): { lines: string[]; problems: MappingProblem[] } {
    const { maxLineLength, maxLines } = config.address;
    const lines = street
        .split(/\r?\n|\r/)
        .map((l) => l.trim())
        .filter(Boolean);
    const problems: MappingProblem[] = [];
    if (lines.length === 0) problems.push({ path, message: 'street is empty' });
    if (lines.length > maxLines) {
        problems.push({ path, message: `street has ${lines.length} lines; at most ${maxLines} are accepted` });
    }
    lines.forEach((line, i) => {
        if (line.length > maxLineLength) {
            problems.push({ path, message: `street line ${i + 1} is ${line.length} characters; at most ${maxLineLength} are accepted` });
        }
    });
    return { lines, problems };
}

/** The ISO alpha-2 code for a country given as a code or a configured name; undefined when unknown. */
export function normaliseCountry(raw: string, config: MappingConfig): string | undefined {
    const value = raw.trim();
    if (/^[A-Za-z]{2}$/.test(value)) return value.toUpperCase();
    const key = value.toLowerCase();
    for (const [name, code] of Object.entries(config.address.countries)) if (name.toLowerCase() === key) return code;
    return undefined;
}

/** The single-line form, from the configured template; empty parts and their separators collapse. */
export function formatSingleLine(
    parts: { name?: string; lines: string[]; city: string; region?: string; postalCode?: string; country: string },
    config: MappingConfig
): string {
    const values: Record<string, string> = {
        name: parts.name ?? '',
        lines: parts.lines.join(', '),
        city: parts.city,
        region: parts.region ?? '',
        postalCode: parts.postalCode ?? '',
        country: parts.country
    };
    return config.address.singleLine
        .replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '')
        .replace(/\s+/g, ' ')
        .replace(/\s+,/g, ',')
        .replace(/,(\s*,)+/g, ',')
        .replace(/^[\s,]+|[\s,]+$/g, '');
}
