/** `oms-bridge mapping check`: runs sample Salesforce records through the mappings, touching no system. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { defaultMappingConfig, parseMappingFile } from '../../mappings/mapping-loader.ts';
import { checkSamples, type SampleOutcome } from '../../mappings/sample-check.ts';

function readText(path: string, what: string): string {
    try {
        return readFileSync(path, 'utf8');
    } catch (err) {
        throw new Error(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
}

function describe(outcome: SampleOutcome): string {
    if (!outcome.ok) {
        return [`✘ ${outcome.label}: ${outcome.problems.length} problem(s)`, ...outcome.problems.map((p) => `    - ${p.path}: ${p.message}`)].join('\n');
    }
    const fo = outcome.fulfillmentOrder!;
    const units = fo.lines.reduce((n, l) => n + l.quantity, 0);
    return `✔ ${outcome.label}: ${fo.lines.length} line(s), ${units} unit(s), ${fo.deliveryMethod.carrier} ${fo.deliveryMethod.service}, from ${fo.locationCode} to ${fo.shipTo.singleLine}`;
}

export function register(program: Command): void {
    const mapping = program.command('mapping').description('check mapping tables against sample data');
    mapping
        .command('check')
        .description('run a JSON / NDJSON file of FulfillmentOrder records (as SOQL returns them) through the mappings')
        .requiredOption('-s, --sample <file>', 'sample records: JSON array, SOQL result, or NDJSON')
        .option('-m, --mapping <file>', 'mapping tables (YAML/JSON) layered over the built-in defaults')
        .option('--json', 'print the full result as JSON (including the mapped documents)')
        .action((opts: { sample: string; mapping?: string; json?: boolean }) => {
            let config = defaultMappingConfig();
            if (opts.mapping) {
                const built = parseMappingFile(readText(opts.mapping, 'mapping file'));
                if (!built.ok) {
                    throw new Error(`mapping file ${opts.mapping} is invalid:\n${built.problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`);
                }
                config = built.value;
            }
            const outcomes = checkSamples(readText(opts.sample, 'sample file'), config);
            const failedCount = outcomes.filter((o) => !o.ok).length;
            if (opts.json) {
                process.stdout.write(JSON.stringify({ total: outcomes.length, failed: failedCount, outcomes }, null, 2) + '\n');
            } else {
                for (const outcome of outcomes) process.stdout.write(describe(outcome) + '\n');
                process.stdout.write(`\n${outcomes.length} record(s): ${outcomes.length - failedCount} mapped, ${failedCount} with problems\n`);
            }
            if (failedCount > 0 || outcomes.length === 0) process.exitCode = 1;
        });
}
