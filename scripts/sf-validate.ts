/**
 * `npm run sf:validate [-- --no-cli]`: the offline checks of the Salesforce package (XML, Apex syntax and
 * test classes, fields, permission sets, conversion with source-deploy-retrieve and the sf CLI, and the
 * names in docs/salesforce-setup.md). Exits 1 and lists every issue when anything is wrong.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssue } from '../bridge/src/devtools/metadata-issue.ts';
import { validateMetadata } from '../bridge/src/devtools/metadata-validator.ts';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SETUP_GUIDE = 'docs/salesforce-setup.md';

async function main(): Promise<number> {
    const args = process.argv.slice(2);
    const unknown = args.filter((arg) => arg !== '--no-cli');
    if (unknown.length > 0) {
        console.error(`unknown argument(s) ${unknown.join(' ')}; usage: npm run sf:validate [-- --no-cli]`);
        return 2;
    }
    const report = await validateMetadata({
        packageDir: path.join(projectDir, 'force-app'),
        projectDir,
        useSfCli: !args.includes('--no-cli'),
        documents: existsSync(path.join(projectDir, SETUP_GUIDE)) ? [SETUP_GUIDE] : []
    });
    const { counts } = report;
    console.log(
        `checked ${counts.xml} XML files, ${counts.apex} Apex files, ${counts.fields} fields, ` +
            `${counts.permissionSets} permission sets, ${counts.components} components`
    );
    for (const issue of report.issues) {
        console.error(formatIssue(issue));
    }
    console.log(report.ok ? 'force-app is valid' : `${report.issues.length} issue(s) found`);
    return report.ok ? 0 : 1;
}

process.exitCode = await main();
