import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ENV_ALIASES, envVarToPath } from '../../bridge/src/config/env-overrides.ts';

describe('.env.example', () => {
    const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const listed = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);

    it('lists every environment variable the loader knows by name', () => {
        const missing = Object.keys(ENV_ALIASES).filter((name) => !listed.includes(name));
        expect(missing, `add to .env.example: ${missing.join(', ')}`).to.deep.equal([]);
    });

    it('lists only variables the loader reads', () => {
        const unknown = listed.filter((name) => name !== 'OMS_CONFIG' && envVarToPath(name) === undefined);
        expect(unknown).to.deep.equal([]);
    });
});
