import { expect } from 'chai';
import { checkXmlFile, METADATA_NAMESPACE } from '../../bridge/src/devtools/xml-checks.ts';

const FIELD_PATH = 'force-app/main/default/objects/Shipment/fields/X__c.field-meta.xml';

describe('xml checks', () => {
    it('accepts a well-formed file with the root element and namespace of its suffix', () => {
        const text = `<?xml version="1.0" encoding="UTF-8"?><CustomField xmlns="${METADATA_NAMESPACE}"><fullName>X__c</fullName></CustomField>`;
        expect(checkXmlFile(FIELD_PATH, text)).to.deep.equal([]);
    });

    it('reports malformed XML with line and column', () => {
        const text = `<?xml version="1.0"?>\n<CustomField xmlns="${METADATA_NAMESPACE}">\n  <label>Open</CustomField>`;
        const [issue] = checkXmlFile(FIELD_PATH, text);
        expect(issue?.check).to.equal('xml');
        expect(issue?.path).to.equal(FIELD_PATH);
        expect(issue?.line).to.equal(3);
        expect(issue?.message).to.match(/^malformed XML: /);
    });

    it('reports a root element that does not fit the suffix', () => {
        const text = `<PermissionSet xmlns="${METADATA_NAMESPACE}"><label>x</label></PermissionSet>`;
        expect(checkXmlFile(FIELD_PATH, text)[0]?.message).to.equal(
            'root element is <PermissionSet> but a CustomField file needs <CustomField>'
        );
    });

    it('reports a missing metadata namespace', () => {
        const text = '<CustomField><fullName>X__c</fullName></CustomField>';
        expect(checkXmlFile(FIELD_PATH, text)[0]?.message).to.contain('must declare xmlns');
    });

    it('reports a file name of no known metadata type', () => {
        const text = `<Widget xmlns="${METADATA_NAMESPACE}"/>`;
        expect(checkXmlFile('force-app/main/default/widgets/A.widget-meta.xml', text)[0]?.message).to.match(
            /no known metadata type/
        );
    });
});
