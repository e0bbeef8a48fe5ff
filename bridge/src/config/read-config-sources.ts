/** Reads the inputs of `resolveConfig` from disk and the process; the only impure part of configuration. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigSources } from './load-config.ts';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_CONFIG_FILE = join(PROJECT_ROOT, 'config/default.yaml');

export function readConfigSources(env: NodeJS.ProcessEnv = process.env, extraFile?: string): ConfigSources {
    const files = [{ name: DEFAULT_CONFIG_FILE, text: readFileSync(DEFAULT_CONFIG_FILE, 'utf8') }];
    const extra = extraFile ?? env.OMS_CONFIG;
    if (extra) {
        if (!existsSync(extra)) throw new Error(`OMS_CONFIG points at ${extra}, which does not exist`);
        files.push({ name: extra, text: readFileSync(extra, 'utf8') });
    }
    return { files, env: { ...env } };
}
