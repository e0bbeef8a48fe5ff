/** A resolved configuration from config/default.yaml with per-test overrides (YAML text layered on top). */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { resolveConfig } from '../../../bridge/src/config/load-config.ts';
import type { BridgeConfig } from '../../../bridge/src/config/schema.ts';

export function testConfig(overrides: Record<string, unknown> = {}): BridgeConfig {
    const defaults = readFileSync(new URL('../../../config/default.yaml', import.meta.url), 'utf8');
    return resolveConfig({ files: [{ name: 'default.yaml', text: defaults }, { name: 'test', text: stringify(overrides) }], env: {} }).config;
}
