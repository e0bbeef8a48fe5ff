/**
 * Field builders shared by the config sections. Values may arrive as strings from environment
 * variables, so numbers and booleans accept their string spelling and nothing looser.
 */
import { z } from 'zod';

/** A secret string: never printed by the loader's errors nor by the logger. */
export const secret = () => z.string().min(1).describe('secret');

export const intFrom = (min: number, max = Number.MAX_SAFE_INTEGER) =>
    z.preprocess(
        (v) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v),
        z.number().int().min(min).max(max)
    );

export const numberFrom = (min: number, max = Number.MAX_VALUE) =>
    z.preprocess(
        (v) => (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v),
        z.number().min(min).max(max)
    );

export const bool = () =>
    z.preprocess((v) => {
        if (typeof v !== 'string') return v;
        const s = v.trim().toLowerCase();
        if (['true', '1', 'yes', 'on'].includes(s)) return true;
        if (['false', '0', 'no', 'off'].includes(s)) return false;
        return v;
    }, z.boolean());

/** A comma-separated string from the environment becomes a list. */
export const stringList = () =>
    z.preprocess(
        (v) =>
            typeof v === 'string'
                ? v
                      .split(',')
                      .map((s) => s.trim())
                      .filter(Boolean)
                : v,
        z.array(z.string().min(1))
    );

export const apiVersion = () =>
    z.preprocess(
        (v) => (typeof v === 'number' ? v.toFixed(1) : v),
        z.string().regex(/^\d{2}\.0$/, 'expected a Salesforce API version such as "66.0"')
    );

export const httpUrl = () =>
    z.string().refine((s) => {
        try {
            const u = new URL(s);
            return u.protocol === 'http:' || u.protocol === 'https:';
        } catch {
            return false;
        }
    }, 'expected an http(s) URL');
