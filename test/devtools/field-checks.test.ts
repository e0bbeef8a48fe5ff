import { expect } from 'chai';
import { checkFieldFile } from '../../bridge/src/devtools/field-checks.ts';

const PATH = 'force-app/main/default/objects/FulfillmentOrder/fields/Status_Code__c.field-meta.xml';

function field(body: string): string {
    return `<?xml version="1.0" encoding="UTF-8"?><CustomField xmlns="http://soap.sforce.com/2006/04/metadata">${body}</CustomField>`;
}

const DOCUMENTED = '<description>Why it exists.</description><inlineHelpText>What it means.</inlineHelpText>';

describe('field checks', () => {
    it('accepts a documented text external ID and summarises it', () => {
        const result = checkFieldFile(
            PATH,
            field(
                `<fullName>Status_Code__c</fullName>${DOCUMENTED}<externalId>true</externalId><length>80</length><type>Text</type>`
            )
        );
        expect(result.issues).to.deep.equal([]);
        expect(result.field).to.include({
            objectName: 'FulfillmentOrder',
            fieldName: 'Status_Code__c',
            type: 'Text',
            required: false
        });
    });

    it('refuses an external ID on a picklist and a picklist without values', () => {
        const result = checkFieldFile(
            PATH,
            field(
                `<fullName>Status_Code__c</fullName>${DOCUMENTED}<externalId>true</externalId><type>Picklist</type>`
            )
        );
        expect(result.issues.map((issue) => issue.message)).to.deep.equal([
            'external ID on a Picklist field; external IDs must be Text, Number, Email',
            'picklist without values (add <valueSet><valueSetDefinition><value> entries)'
        ]);
    });

    it('requires help text and description, a matching fullName and a valid text length', () => {
        const result = checkFieldFile(
            PATH,
            field('<fullName>Other__c</fullName><length>300</length><type>Text</type>')
        );
        expect(result.issues.map((issue) => issue.message)).to.deep.equal([
            'fullName "Other__c" does not match the file name Status_Code__c',
            'missing <inlineHelpText> (every field carries help text)',
            'missing <description>',
            'Text field length must be 1..255 (found 300)'
        ]);
        expect(result.issues.every((issue) => issue.path === PATH && issue.check === 'field')).to.equal(true);
    });

    it('accepts a picklist with values', () => {
        const values =
            '<valueSet><valueSetDefinition><value><fullName>A</fullName><default>false</default><label>A</label></value></valueSetDefinition></valueSet>';
        const result = checkFieldFile(
            PATH,
            field(`<fullName>Status_Code__c</fullName>${DOCUMENTED}<type>Picklist</type>${values}`)
        );
        expect(result.issues).to.deep.equal([]);
    });
});
