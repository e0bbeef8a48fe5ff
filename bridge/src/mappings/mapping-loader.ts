/**
 * Builds the effective mapping configuration: defaults, then a company's tables layered on top
 * (tables merge key by key; scalars replace). Pure: file reading is the caller's business.
 */
import { parse as parseYaml } from 'yaml';
import { mappingConfigSchema, type MappingConfig } from './mapping-config.ts';
import { DEFAULT_MAPPING } from './default-mapping-config.ts';
import { failed, ok, problemsFromIssues, type MappingResult } from './mapping-result.ts';

type Tree = Record<string, unknown>;

function isTree(v: unknown): v is Tree {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(base: Tree, over: Tree): Tree {
    const out: Tree = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = isTree(v) && isTree(out[k]) ? merge(out[k] as Tree, v) : v;
    return out;
}

/** Validates `overrides` layered over the defaults; problems name the key path in the mapping file. */
export function buildMappingConfig(overrides: unknown = {}): MappingResult<MappingConfig> {
    if (!isTree(overrides)) return failed([{ path: '(root)', message: 'expected a mapping of settings at the top level' }]);
    const parsed = mappingConfigSchema.safeParse(merge(DEFAULT_MAPPING as Tree, overrides));
    return parsed.success ? ok(parsed.data) : failed(problemsFromIssues(parsed.error.issues));
}

/** Parses a YAML or JSON mapping file's text (JSON is YAML) and builds the configuration. */
export function parseMappingFile(text: string): MappingResult<MappingConfig> {
    let doc: unknown;
    try {
        doc = parseYaml(text);
    } catch (err) {
        return failed([{ path: '(file)', message: `not valid YAML/JSON: ${(err as Error).message.split('\n')[0]}` }]);
    }
    return buildMappingConfig(doc ?? {});
}

/** The defaults alone; always valid (checked by the tests). */
export function defaultMappingConfig(): MappingConfig {
    const built = buildMappingConfig({});
    if (!built.ok) throw new Error(`built-in mapping defaults are invalid: ${JSON.stringify(built.problems)}`);
    return built.value;
}
