/**
 * Carrier normalisation. Every spelling (SCAC, WMS strings, Salesforce picklist labels) maps to one
 * internal code by exact comparison after folding case, spaces and punctuation; substring matching is
 * never used, because "USPS" contains "UPS".
 */
import type { MappingConfig } from './mapping-config.ts';

function fold(value: string): string {
    return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The carrier code for any known spelling, or undefined when no code or alias matches. */
export function normaliseCarrier(raw: string, config: MappingConfig): string | undefined {
    const wanted = fold(raw);
    if (!wanted) return undefined;
    const aliases = config.carriers.aliases;
    for (const code of Object.keys(aliases)) if (fold(code) === wanted) return code;
    for (const [code, spellings] of Object.entries(aliases)) {
        if (spellings.some((s) => fold(s) === wanted)) return code;
    }
    return undefined;
}

/** Tracking URL for a carrier's tracking number, or undefined when no template is configured. */
export function trackingUrlFor(carrier: string, trackingNumber: string, config: MappingConfig): string | undefined {
    const template = config.carriers.trackingUrls[carrier];
    return template ? template.split('{n}').join(encodeURIComponent(trackingNumber)) : undefined;
}

/** The value written to Salesforce `Shipment.Provider` for a carrier code. */
export function providerFor(carrier: string, config: MappingConfig): string {
    return config.carriers.providers[carrier] ?? carrier;
}
