import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { checkDocumentNames } from '../../bridge/src/devtools/doc-name-checks.ts';
import { buildMetadataIndex } from '../../bridge/src/devtools/metadata-index.ts';
import { listPackageFiles } from '../../bridge/src/devtools/metadata-files.ts';
import { checkFieldFile, type FieldSummary } from '../../bridge/src/devtools/field-checks.ts';
import type { MetadataIndex } from '../../bridge/src/devtools/metadata-index.ts';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GUIDE = 'docs/salesforce-setup.md';

async function realIndex(): Promise<MetadataIndex> {
    const files = await listPackageFiles(path.join(projectDir, 'force-app'), projectDir);
    const fields: FieldSummary[] = [];
    for (const file of files.filter((candidate) => candidate.relativePath.endsWith('.field-meta.xml'))) {
        const { field } = checkFieldFile(file.relativePath, await readFile(file.absolutePath, 'utf8'));
        if (field) fields.push(field);
    }
    return buildMetadataIndex(
        files.map((file) => file.relativePath),
        fields
    );
}

describe('admin guide names', () => {
    let index: MetadataIndex;

    before(async () => {
        index = await realIndex();
    });

    it('names only permission sets, events, fields, CDC entities and classes that force-app defines', async () => {
        const guide = await readFile(path.join(projectDir, GUIDE), 'utf8');
        expect(checkDocumentNames(GUIDE, guide, index)).to.deep.equal([]);
        // The guide must actually name them, or the check above proves nothing.
        for (const name of [
            'OMS_Bridge_Integration',
            'OMS_Order_Status_Agent',
            'OMS_Resend_Permission',
            'OMS_Resend_To_Warehouse',
            'OMS_Integration_Milestone__e',
            'OMS_Resend_Request__e',
            'FulfillmentOrder.WMS_Order_Number__c',
            'ShipmentChangeEvent'
        ]) {
            expect(guide, name).to.contain(name);
        }
    });

    it('flags each kind of name that drifted from the metadata, with line and column', () => {
        const markdown = [
            'Assign `OMS_Bridge_Integraton` and publish `OMS_Resend_Requests__e`.',
            'The bridge writes `FulfillmentOrder.WMS_Order_No__c` and `Shipment.WMS_Shipment_Id__c`.',
            'Enable `InvoiceChangeEvent`; the data comes from `OrderStatusController`.',
            'Unqualified: `Tracking_Code__c`.'
        ].join('\n');
        const issues = checkDocumentNames('docs/x.md', markdown, index);
        expect(issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`)).to.deep.equal([
            '1:9 names permission set or custom permission OMS_Bridge_Integraton, which force-app does not define',
            '1:45 names platform event OMS_Resend_Requests__e, which force-app does not define',
            '2:20 names field FulfillmentOrder.WMS_Order_No__c, which force-app does not define',
            '3:9 names Change Data Capture entity InvoiceChangeEvent, which force-app does not define',
            '3:51 names Apex class OrderStatusController, which force-app does not define',
            '4:15 names field Tracking_Code__c, which force-app does not define'
        ]);
    });
});
