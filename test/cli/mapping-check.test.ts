import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(...args: string[]) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'bridge/src/cli/main.ts', 'mapping', 'check', ...args], { encoding: 'utf8' });
}

describe('cli mapping check', function () {
    this.timeout(60_000);

    it('reports each record and exits non-zero when any record has problems', () => {
        const result = run('--sample', 'test/fixtures/mapping/sample-fulfillment-orders.json');
        expect(result.status).to.equal(1);
        expect(result.stdout).to.contain('60 record(s): 50 mapped, 10 with problems');
        expect(result.stdout).to.contain('✘ FO-0007');
        expect(result.stdout).to.contain('FulfilledToCountry: "Atlantis"');
    });

    it('exits 0 for clean NDJSON samples and uses the mapping file given', () => {
        const dir = mkdtempSync(join(tmpdir(), 'omsb-mapping-'));
        const samples = JSON.parse(readFileSync('test/fixtures/mapping/sample-fulfillment-orders.json', 'utf8')) as unknown[];
        writeFileSync(join(dir, 'ok.ndjson'), samples.slice(0, 3).map((s) => JSON.stringify(s)).join('\n'));
        const result = run('--sample', join(dir, 'ok.ndjson'), '--mapping', 'config/mappings.example.yaml', '--json');
        expect(result.status, result.stderr).to.equal(0);
        const report = JSON.parse(result.stdout) as { failed: number; outcomes: { fulfillmentOrder: { locationCode: string } }[] };
        expect(report.failed).to.equal(0);
        expect(report.outcomes[0].fulfillmentOrder.locationCode).to.equal('WH02');
    });
});
