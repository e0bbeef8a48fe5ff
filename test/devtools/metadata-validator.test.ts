import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { formatIssue } from '../../bridge/src/devtools/metadata-issue.ts';
import { validateMetadata } from '../../bridge/src/devtools/metadata-validator.ts';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIELD = 'force-app/main/default/objects/FulfillmentOrder/fields/WMS_Order_Number__c.field-meta.xml';
const CLASS = 'force-app/main/default/classes/OrderResendRequestAction.cls';

/** A throw-away copy of the package (with the project files the sf CLI needs) to break on purpose. */
async function copyProject(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'oms-metadata-test-'));
    await cp(path.join(projectDir, 'force-app'), path.join(dir, 'force-app'), { recursive: true });
    for (const file of ['sfdx-project.json', '.forceignore']) {
        await cp(path.join(projectDir, file), path.join(dir, file));
    }
    return dir;
}

async function edit(dir: string, relativePath: string, change: (text: string) => string): Promise<void> {
    const file = path.join(dir, relativePath);
    await writeFile(file, change(await readFile(file, 'utf8')));
}

describe('metadata validator', function () {
    this.timeout(120_000);

    it('accepts the real force-app, including sf project convert source and the admin guide', async () => {
        const report = await validateMetadata({
            packageDir: path.join(projectDir, 'force-app'),
            useSfCli: true,
            documents: ['docs/salesforce-setup.md']
        });
        expect(report.issues.map(formatIssue)).to.deep.equal([]);
        expect(report.ok).to.equal(true);
        expect(report.counts.apex).to.be.greaterThan(0);
        expect(report.counts.fields).to.be.greaterThan(0);
        expect(report.counts.components).to.be.greaterThan(0);
    });

    describe('on a broken copy', () => {
        let dir: string;

        beforeEach(async () => {
            dir = await copyProject();
        });

        afterEach(async () => {
            await rm(dir, { recursive: true, force: true });
        });

        it('reports a malformed XML file and an Apex syntax error, each with its path', async () => {
            await edit(dir, FIELD, (text) => text.replace('</CustomField>', '</CustomFeld>'));
            let brokenLine = 0;
            await edit(dir, CLASS, (text) => {
                const broken = text.replace('MAX_REASON_LENGTH = 255;', 'MAX_REASON_LENGTH = ;');
                brokenLine =
                    broken.split('\n').findIndex((line) => line.includes('MAX_REASON_LENGTH = ;')) + 1;
                return broken;
            });

            const report = await validateMetadata({ packageDir: path.join(dir, 'force-app') });

            expect(report.ok).to.equal(false);
            const xml = report.issues.filter((issue) => issue.check === 'xml');
            expect(xml).to.have.length(1);
            expect(xml[0]?.path).to.equal(FIELD);
            expect(xml[0]?.message).to.match(/malformed XML/);
            expect(xml[0]?.line).to.be.a('number');
            const apex = report.issues.filter((issue) => issue.check === 'apex');
            expect(apex.length).to.be.greaterThan(0);
            expect(apex[0]?.path).to.equal(CLASS);
            expect(brokenLine).to.be.greaterThan(0);
            expect(apex[0]?.line).to.equal(brokenLine);
        });

        it('fails conversion, in-process and with the sf CLI, on a file of no metadata type', async () => {
            const widget = 'force-app/main/default/widgets/Spare.widget-meta.xml';
            await mkdir(path.join(dir, path.dirname(widget)), { recursive: true });
            await writeFile(path.join(dir, widget), '<?xml version="1.0" encoding="UTF-8"?><Widget/>');
            const report = await validateMetadata({
                packageDir: path.join(dir, 'force-app'),
                useSfCli: true,
                toolDir: projectDir
            });
            const conversion = report.issues.filter((issue) => issue.check === 'conversion');
            expect(conversion.map((issue) => issue.path)).to.include(widget);
            expect(conversion.map((issue) => issue.message).join('\n')).to.match(
                /source-deploy-retrieve.*TypeInferenceError/
            );
            expect(conversion.map((issue) => issue.message).join('\n')).to.match(
                /sf project convert source failed/
            );
        });

        it('reports an Apex class whose -meta.xml is missing (conversion would drop it silently)', async () => {
            await rm(path.join(dir, `${CLASS}-meta.xml`));
            const messages = (await validateMetadata({ packageDir: path.join(dir, 'force-app') })).issues.map(
                formatIssue
            );
            expect(messages).to.include(
                `${CLASS} [apex] missing OrderResendRequestAction.cls-meta.xml beside it`
            );
        });

        it('reports a class without its test class and a field without help text', async () => {
            await rm(path.join(dir, 'force-app/main/default/classes/OrderResendRequestActionTest.cls'));
            await rm(
                path.join(dir, 'force-app/main/default/classes/OrderResendRequestActionTest.cls-meta.xml')
            );
            await edit(dir, FIELD, (text) => text.replace(/<inlineHelpText[\s\S]*?<\/inlineHelpText>/, ''));

            const messages = (await validateMetadata({ packageDir: path.join(dir, 'force-app') })).issues.map(
                formatIssue
            );

            expect(messages).to.include(
                `${CLASS} [apex-test] class OrderResendRequestAction has no test class OrderResendRequestActionTest.cls`
            );
            expect(messages).to.include(
                `${FIELD} [field] missing <inlineHelpText> (every field carries help text)`
            );
        });

        it('reports a permission set that names a field the package lacks', async () => {
            await rm(
                path.join(
                    dir,
                    'force-app/main/default/objects/Shipment/fields/Carrier_Service__c.field-meta.xml'
                )
            );
            const issues = (await validateMetadata({ packageDir: path.join(dir, 'force-app') })).issues;
            const permissionIssues = issues.filter((issue) => issue.check === 'permission-set');
            expect(permissionIssues.map((issue) => issue.path)).to.include(
                'force-app/main/default/permissionsets/OMS_Bridge_Integration.permissionset-meta.xml'
            );
            expect(permissionIssues[0]?.message).to.contain('Shipment.Carrier_Service__c');
        });
    });
});
