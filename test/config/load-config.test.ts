import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ConfigError, hasOrgCredentials, resolveConfig } from '../../bridge/src/config/load-config.ts';
import { DEFAULT_CONFIG_FILE } from '../../bridge/src/config/read-config-sources.ts';

const defaults = { name: 'default.yaml', text: readFileSync(DEFAULT_CONFIG_FILE, 'utf8') };

function problemsOf(fn: () => unknown): string[] {
    try {
        fn();
    } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        return (err as ConfigError).problems;
    }
    throw new Error('expected a ConfigError');
}

describe('config/load-config', () => {
    it('resolves the shipped defaults with API version 66.0 and no org credentials', () => {
        const { config } = resolveConfig({ files: [defaults], env: {} });
        expect(config.salesforce.apiVersion).to.equal('66.0');
        expect(config.redis.url).to.equal('redis://127.0.0.1:6379');
        expect(hasOrgCredentials(config)).to.equal(false);
    });

    it('lets the environment override files, through aliases and the OMS_ rule', () => {
        const { config } = resolveConfig({
            files: [defaults],
            env: { SF_API_VERSION: '65.0', OMS_QUEUES__CONCURRENCY: '32', OMS_HTTP__BOARD__LOCAL_ONLY: 'true' }
        });
        expect(config.salesforce.apiVersion).to.equal('65.0');
        expect(config.queues.concurrency).to.equal(32);
        expect(config.http.board.localOnly).to.equal(true);
    });

    it('refuses a malformed value, naming the key, the value, its origin and what was expected', () => {
        const problems = problemsOf(() => resolveConfig({ files: [defaults], env: { OMS_QUEUES__CONCURRENCY: 'lots' } }));
        expect(problems).to.have.length(1);
        expect(problems[0]).to.include('queues.concurrency');
        expect(problems[0]).to.include('"lots"');
        expect(problems[0]).to.include('env OMS_QUEUES__CONCURRENCY');
        expect(problems[0]).to.match(/expected number/);
    });

    it('refuses an unknown key from a file, naming it', () => {
        const problems = problemsOf(() =>
            resolveConfig({ files: [defaults, { name: 'site.yaml', text: 'redis:\n  ulr: redis://x\n' }], env: {} })
        );
        expect(problems[0]).to.include('redis.ulr');
        expect(problems[0]).to.include('no such setting');
    });

    it('refuses a missing required value inside a section', () => {
        const problems = problemsOf(() =>
            resolveConfig({ files: [defaults, { name: 'x.yaml', text: 'redis:\n  url: ""\n' }], env: {} })
        );
        expect(problems[0]).to.include('redis.url');
        expect(problems[0]).to.include('redis://');
    });

    it('reports invalid YAML with the file name', () => {
        const problems = problemsOf(() => resolveConfig({ files: [{ name: 'broken.yaml', text: 'a: [1,' }], env: {} }));
        expect(problems[0]).to.include('broken.yaml is not valid YAML');
    });

    it('never prints a rejected secret value', () => {
        const problems = problemsOf(() =>
            resolveConfig({ files: [defaults], env: { OMS_SALESFORCE__AUTH__FLOW: 'magic', BOARD_PASSWORD: 'hunter2-very-secret' } })
        );
        expect(problems.join('\n')).to.include('salesforce.auth.flow');
        expect(problems.join('\n')).not.to.include('hunter2');
    });

    it('collects secret values (including a Redis URL password) for redaction', () => {
        const { secrets, config } = resolveConfig({
            files: [defaults],
            env: {
                SF_CLIENT_ID: 'abc',
                SF_CLIENT_SECRET: 'cs-0123456789',
                REDIS_URL: 'redis://user:p%40ssw0rd@127.0.0.1:6379'
            }
        });
        expect(secrets).to.include.members(['cs-0123456789', 'p@ssw0rd']);
        expect(hasOrgCredentials(config)).to.equal(true);
    });
});
