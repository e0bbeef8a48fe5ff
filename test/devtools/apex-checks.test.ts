import { expect } from 'chai';
import {
    checkApexMetaFiles,
    checkTestClasses,
    parseApexFile
} from '../../bridge/src/devtools/apex-checks.ts';

const DIR = 'force-app/main/default';

describe('apex checks', () => {
    it('parses a valid class and recognises @IsTest in any case', () => {
        const unit = parseApexFile(
            `${DIR}/classes/FooTest.cls`,
            "@isTest\nprivate class FooTest {\n    @IsTest static void runs() { Assert.isTrue(true, 'ok'); }\n}"
        );
        expect(unit).to.include({ kind: 'class', name: 'FooTest', isTest: true });
        expect(unit.issues).to.deep.equal([]);
    });

    it('reports a syntax error with its 1-based line and column', () => {
        const unit = parseApexFile(`${DIR}/classes/Foo.cls`, 'public class Foo {\n    Integer x = ;\n}');
        expect(unit.issues).to.have.length.greaterThan(0);
        expect(unit.issues[0]).to.include({
            check: 'apex',
            path: `${DIR}/classes/Foo.cls`,
            line: 2,
            column: 17
        });
        expect(unit.issues[0]?.message).to.match(/^Apex syntax error: /);
    });

    it('parses triggers with the trigger grammar', () => {
        const valid = parseApexFile(
            `${DIR}/triggers/ShipmentTrigger.trigger`,
            'trigger ShipmentTrigger on Shipment (after insert) { }'
        );
        expect(valid).to.include({ kind: 'trigger', name: 'ShipmentTrigger', isTest: false });
        expect(valid.issues).to.deep.equal([]);
        const broken = parseApexFile(
            `${DIR}/triggers/ShipmentTrigger.trigger`,
            'trigger ShipmentTrigger on Shipment after insert { }'
        );
        expect(broken.issues).to.have.length.greaterThan(0);
    });

    it('requires <Name>Test for classes and triggers, annotated @IsTest', () => {
        const units = [
            parseApexFile(`${DIR}/classes/Foo.cls`, 'public class Foo {}'),
            parseApexFile(`${DIR}/classes/FooTest.cls`, 'public class FooTest {}'),
            parseApexFile(`${DIR}/classes/Bar.cls`, 'public class Bar {}'),
            parseApexFile(`${DIR}/triggers/Baz.trigger`, 'trigger Baz on Account (before insert) {}')
        ];
        expect(checkTestClasses(units).map((issue) => `${issue.path}: ${issue.message}`)).to.deep.equal([
            `${DIR}/classes/FooTest.cls: FooTest must be annotated @IsTest (it tests Foo)`,
            `${DIR}/classes/FooTest.cls: class FooTest has no test class FooTestTest.cls`,
            `${DIR}/classes/Bar.cls: class Bar has no test class BarTest.cls`,
            `${DIR}/triggers/Baz.trigger: trigger Baz has no test class BazTest.cls`
        ]);
    });

    it('requires the -meta.xml companion', () => {
        const issues = checkApexMetaFiles(
            [`${DIR}/classes/Foo.cls`, `${DIR}/classes/Bar.cls`],
            new Set([`${DIR}/classes/Bar.cls-meta.xml`])
        );
        expect(issues.map((issue) => issue.path)).to.deep.equal([`${DIR}/classes/Foo.cls`]);
    });
});
