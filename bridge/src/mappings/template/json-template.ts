/**
 * A small, safe JSON template language for vendor request bodies configured by users:
 * - a string that is exactly `{{path}}` becomes the value at that path, whatever its type;
 *   `{{path?}}` makes it optional (the key is left out when the value is absent);
 * - other strings interpolate `{{path}}` placeholders as text;
 * - `{ "$each": "path", "$template": <template> }` renders the template once per array element, with
 *   the element as `item` and its position as `index` (alongside the root context).
 * Paths are dotted names and array indices only; nothing is evaluated, and prototype keys are refused.
 */
import { failed, ok, type MappingProblem, type MappingResult } from '../mapping-result.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
const WHOLE = /^\{\{\s*([\w.[\]-]+?)(\?)?\s*\}\}$/;
const PART = /\{\{\s*([\w.[\]-]+?)(\?)?\s*\}\}/g;
const OMIT = Symbol('omit');

/** The value at a dotted path (`a.b.0.c` or `a.b[0].c`), or undefined. */
export function readPath(source: unknown, path: string): unknown {
    const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
    let node = source;
    for (const key of keys) {
        if (FORBIDDEN.has(key)) return undefined;
        if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
        node = (node as Record<string, unknown>)[key];
    }
    return node;
}

/** Checks a template once (at config load) so bad paths are found before the first order. */
export function templatePaths(template: JsonValue): string[] {
    if (typeof template === 'string') return [...template.matchAll(PART)].map((m) => m[1]);
    if (Array.isArray(template)) return template.flatMap(templatePaths);
    if (template && typeof template === 'object') return Object.values(template).flatMap(templatePaths);
    return [];
}

function render(template: JsonValue, context: Record<string, unknown>, at: string, problems: MappingProblem[]): JsonValue | typeof OMIT {
    if (typeof template === 'string') {
        const whole = WHOLE.exec(template);
        if (whole) {
            const value = readPath(context, whole[1]);
            if (value === undefined) {
                if (!whole[2]) problems.push({ path: at || '(root)', message: `template value {{${whole[1]}}} is missing` });
                return OMIT;
            }
            return value as JsonValue;
        }
        return template.replace(PART, (_, path: string, optional?: string) => {
            const value = readPath(context, path);
            if (value === undefined || value === null) {
                if (!optional) problems.push({ path: at || '(root)', message: `template value {{${path}}} is missing` });
                return '';
            }
            if (typeof value === 'object') {
                problems.push({ path: at || '(root)', message: `{{${path}}} is not text and cannot be placed inside a string` });
                return '';
            }
            return String(value);
        });
    }
    if (Array.isArray(template)) {
        return template.map((t, i) => render(t, context, `${at}[${i}]`, problems)).filter((v): v is JsonValue => v !== OMIT);
    }
    if (template && typeof template === 'object') {
        if (typeof template.$each === 'string' && '$template' in template) {
            const items = readPath(context, template.$each);
            if (!Array.isArray(items)) {
                problems.push({ path: at || '(root)', message: `$each path "${template.$each}" is not a list` });
                return OMIT;
            }
            return items
                .map((item, index) => render(template.$template, { ...context, item, index }, `${at}[${index}]`, problems))
                .filter((v): v is JsonValue => v !== OMIT);
        }
        const out: Record<string, JsonValue> = {};
        for (const [key, value] of Object.entries(template)) {
            const rendered = render(value, context, at ? `${at}.${key}` : key, problems);
            if (rendered !== OMIT) out[key] = rendered;
        }
        return out;
    }
    return template;
}

/** Renders the template against the context; every missing value is reported with its place in the template. */
export function renderTemplate(template: JsonValue, context: Record<string, unknown>): MappingResult<JsonValue> {
    const problems: MappingProblem[] = [];
    const rendered = render(template, context, '', problems);
    if (problems.length) return failed(problems);
    return ok(rendered === OMIT ? null : rendered);
}

/** Renders `{{path}}` placeholders in a URL path, each value URL-encoded. */
export function renderPath(template: string, context: Record<string, unknown>): MappingResult<string> {
    const problems: MappingProblem[] = [];
    const path = template.replace(PART, (_, key: string, optional?: string) => {
        const value = readPath(context, key);
        if (value === undefined || value === null || typeof value === 'object') {
            if (!optional) problems.push({ path: 'path', message: `template value {{${key}}} is missing or not text` });
            return '';
        }
        return encodeURIComponent(String(value));
    });
    return problems.length ? failed(problems) : ok(path);
}
