/**
 * Building blocks shared by the canonical model. The model is system-neutral: it names things the way
 * the business does, not the way Salesforce, a WMS or an ERP spells them, and imports nothing else.
 */
import { z } from 'zod';

/** ISO-8601 timestamp with a zone (e.g. 2026-03-01T10:15:00Z). */
export const isoDateTime = z.iso.datetime({ offset: true });

/** ISO calendar date (YYYY-MM-DD). */
export const isoDate = z.iso.date();

/** ISO 4217 currency code. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter ISO 4217 currency code');

/** ISO 3166-1 alpha-2 country code. */
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter ISO 3166-1 country code');

/** Normalised carrier code (UPS, FEDEX, USPS, DHL, ... or a configured one). */
export const carrierCode = z.string().regex(/^[A-Z0-9_]{2,20}$/, 'expected an upper-case carrier code such as UPS');

export const positiveQuantity = z.number().positive().finite();
export const nonNegativeQuantity = z.number().nonnegative().finite();
export const money = z.number().finite();

/** A non-empty trimmed string. */
export const text = () => z.string().trim().min(1);

/**
 * A postal address in both forms systems expect: split (street lines, city, region, postal code,
 * country) for WMS/ERP APIs, and one line for systems and labels that take a single string.
 */
export const addressSchema = z.object({
    name: text(),
    company: text().optional(),
    lines: z.array(text()).min(1).max(4),
    city: text(),
    region: text().optional(),
    postalCode: text().optional(),
    country: countryCode,
    singleLine: text(),
    email: z.email().optional(),
    phone: text().optional()
});
export type Address = z.infer<typeof addressSchema>;
