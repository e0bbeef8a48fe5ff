import { expect } from 'chai';
import { buildMetadataIndex } from '../../bridge/src/devtools/metadata-index.ts';
import { checkPermissionSetFile } from '../../bridge/src/devtools/permission-set-checks.ts';

const DIR = 'force-app/main/default';
const PATH = `${DIR}/permissionsets/Test.permissionset-meta.xml`;

const index = buildMetadataIndex(
    [
        `${DIR}/objects/Stage_Event__e/Stage_Event__e.object-meta.xml`,
        `${DIR}/objects/Shipment/fields/Carrier_Service__c.field-meta.xml`,
        `${DIR}/objects/Stage_Event__e/fields/Stage__c.field-meta.xml`,
        `${DIR}/classes/StatusController.cls`,
        `${DIR}/customPermissions/Can_Resend.customPermission-meta.xml`
    ],
    [
        {
            objectName: 'Shipment',
            fieldName: 'Carrier_Service__c',
            type: 'Text',
            required: false,
            relativePath: ''
        },
        {
            objectName: 'Stage_Event__e',
            fieldName: 'Stage__c',
            type: 'Text',
            required: true,
            relativePath: ''
        }
    ]
);

function permissionSet(body: string): string {
    return `<?xml version="1.0" encoding="UTF-8"?><PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">${body}<label>T</label></PermissionSet>`;
}

describe('permission set checks', () => {
    it('accepts references that exist, standard fields and objects included', () => {
        const text = permissionSet(
            '<classAccesses><apexClass>StatusController</apexClass><enabled>true</enabled></classAccesses>' +
                '<customPermissions><enabled>true</enabled><name>Can_Resend</name></customPermissions>' +
                '<fieldPermissions><editable>true</editable><field>Shipment.Carrier_Service__c</field><readable>true</readable></fieldPermissions>' +
                '<fieldPermissions><editable>false</editable><field>Shipment.TrackingNumber</field><readable>true</readable></fieldPermissions>' +
                '<objectPermissions><allowCreate>true</allowCreate><allowEdit>false</allowEdit><allowRead>true</allowRead><object>Stage_Event__e</object></objectPermissions>' +
                '<objectPermissions><allowCreate>false</allowCreate><allowEdit>true</allowEdit><allowRead>true</allowRead><object>Shipment</object></objectPermissions>'
        );
        expect(checkPermissionSetFile(PATH, text, index)).to.deep.equal([]);
    });

    it('reports missing names, required fields, edit without read and non-event permissions on events', () => {
        const text = permissionSet(
            '<classAccesses><apexClass>GoneController</apexClass><enabled>true</enabled></classAccesses>' +
                '<customPermissions><enabled>true</enabled><name>Gone_Permission</name></customPermissions>' +
                '<fieldPermissions><editable>true</editable><field>Shipment.Missing__c</field><readable>false</readable></fieldPermissions>' +
                '<fieldPermissions><editable>false</editable><field>Stage_Event__e.Stage__c</field><readable>true</readable></fieldPermissions>' +
                '<objectPermissions><allowEdit>true</allowEdit><allowRead>true</allowRead><object>Stage_Event__e</object></objectPermissions>' +
                '<objectPermissions><allowRead>true</allowRead><object>Gone__e</object></objectPermissions>'
        );
        expect(checkPermissionSetFile(PATH, text, index).map((issue) => issue.message)).to.deep.equal([
            'fieldPermissions names Shipment.Missing__c, which is not defined under force-app',
            'fieldPermissions for Shipment.Missing__c is editable but not readable',
            'fieldPermissions names Stage_Event__e.Stage__c, a required field; the Metadata API refuses field access on required fields',
            'objectPermissions for platform event Stage_Event__e grants allowEdit; events accept only allowCreate and allowRead',
            'objectPermissions names Gone__e, which is not defined under force-app',
            'classAccesses names Apex class GoneController, which is not in force-app',
            'customPermissions names Gone_Permission, which is not in force-app'
        ]);
    });
});
