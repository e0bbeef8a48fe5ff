/**
 * The one place configuration is resolved: defaults file < extra file < environment.
 * `resolveConfig` is pure (it takes texts and an env map), so it is tested without touching the disk.
 */
import { parse as parseYaml } from 'yaml';
import type { ZodError } from 'zod';
import { configSchema, type BridgeConfig } from './schema.ts';
import { envVarToPath } from './env-overrides.ts';

export interface ConfigSources {
    /** YAML documents in increasing priority, each with a name used in error messages. */
    files: { name: string; text: string }[];
    /** Environment variables (only config variables are read). */
    env: Record<string, string | undefined>;
}

export interface ResolvedConfig {
    config: BridgeConfig;
    /** Every secret value found, for the logger's redaction. */
    secrets: string[];
}

/** Keys whose values are secrets, wherever they sit in the tree. */
export const SECRET_KEY = /(secret|password|passphrase|privatekey|refreshtoken|accesstoken|token|apikey|webhookkey|signingkey)$/i;

export class ConfigError extends Error {
    readonly problems: string[];
    constructor(problems: string[]) {
        super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
        this.name = 'ConfigError';
        this.problems = problems;
    }
}

type Tree = Record<string, unknown>;

function setPath(tree: Tree, path: string, value: unknown): void {
    const keys = path.split('.');
    let node = tree;
    for (const key of keys.slice(0, -1)) {
        const next = node[key];
        if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
        node = node[key] as Tree;
    }
    node[keys[keys.length - 1]] = value;
}

function getPath(tree: unknown, path: (string | number | symbol)[]): unknown {
    let node = tree;
    for (const key of path) {
        if (typeof node !== 'object' || node === null) return undefined;
        node = (node as Record<string | number | symbol, unknown>)[key];
    }
    return node;
}

function deepMerge(base: Tree, over: Tree): Tree {
    const out: Tree = { ...base };
    for (const [key, value] of Object.entries(over)) {
        const current = out[key];
        if (
            value &&
            typeof value === 'object' &&
            !Array.isArray(value) &&
            current &&
            typeof current === 'object' &&
            !Array.isArray(current)
        ) {
            out[key] = deepMerge(current as Tree, value as Tree);
        } else {
            out[key] = value;
        }
    }
    return out;
}

function describeValue(path: (string | number | symbol)[], value: unknown): string {
    const last = String(path[path.length - 1] ?? '');
    if (value === undefined) return 'is missing';
    if (SECRET_KEY.test(last)) return 'has a value that was rejected (secret, not shown)';
    const shown = JSON.stringify(value);
    return `is ${shown && shown.length > 80 ? shown.slice(0, 77) + '...' : shown}`;
}

function formatIssues(error: ZodError, raw: Tree, origins: Map<string, string>): string[] {
    return error.issues.map((issue) => {
        let path = issue.path;
        let expected = issue.message;
        if (issue.code === 'unrecognized_keys') {
            const key = issue.keys[0];
            path = [...issue.path, key];
            expected = 'no such setting (check the spelling)';
        }
        const dotted = path.map(String).join('.') || '(root)';
        const origin = origins.get(dotted);
        const value = getPath(raw, path);
        return `${dotted}${origin ? ` (from ${origin})` : ''} ${describeValue(path, value)}: ${expected}`;
    });
}

function collectSecrets(node: unknown, key = ''): string[] {
    if (typeof node === 'string') {
        if (SECRET_KEY.test(key)) return [node];
        const redisPassword = /^rediss?:\/\/[^:@/]*:([^@/]+)@/.exec(node);
        return redisPassword ? [decodeURIComponent(redisPassword[1])] : [];
    }
    if (node && typeof node === 'object') {
        return Object.entries(node).flatMap(([k, v]) => collectSecrets(v, k));
    }
    return [];
}

/** Resolves and validates configuration; throws ConfigError naming each bad key, its value and what was expected. */
export function resolveConfig(sources: ConfigSources): ResolvedConfig {
    let raw: Tree = {};
    const origins = new Map<string, string>();
    const problems: string[] = [];
    for (const file of sources.files) {
        let doc: unknown;
        try {
            doc = parseYaml(file.text);
        } catch (err) {
            problems.push(`${file.name} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
            continue;
        }
        if (doc === null || doc === undefined) continue;
        if (typeof doc !== 'object' || Array.isArray(doc)) {
            problems.push(`${file.name} must contain a mapping of settings at the top level`);
            continue;
        }
        raw = deepMerge(raw, doc as Tree);
    }
    for (const [name, value] of Object.entries(sources.env)) {
        if (value === undefined || value === '') continue;
        const path = envVarToPath(name);
        if (!path) continue;
        setPath(raw, path, value);
        origins.set(path, `env ${name}`);
    }
    if (problems.length) throw new ConfigError(problems);
    const parsed = configSchema.safeParse(raw);
    if (!parsed.success) throw new ConfigError(formatIssues(parsed.error, raw, origins));
    const config = parsed.data;
    if (config.salesforce.auth.privateKey && config.salesforce.auth.privateKeyFile) {
        throw new ConfigError([
            'salesforce.auth.privateKey and salesforce.auth.privateKeyFile are both set: expected only one'
        ]);
    }
    return { config, secrets: [...new Set(collectSecrets(config))].filter((s) => s.length >= 4) };
}

/** True when credentials for a real org are configured; otherwise the bridge runs on the emulator. */
export function hasOrgCredentials(config: BridgeConfig): boolean {
    const auth = config.salesforce.auth;
    return Boolean(auth.clientId && (auth.privateKey || auth.privateKeyFile || auth.clientSecret || auth.refreshToken));
}
