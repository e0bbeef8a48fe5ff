import { expect } from 'chai';
import { caseSafeSuffix, IdGenerator, to18 } from '../../../bridge/src/emulator/store/record-id.ts';

describe('emulator record IDs', () => {
    it('computes the documented case-safe suffix', () => {
        // Known pair from Salesforce documentation examples.
        expect(caseSafeSuffix('001A0000006Vm9r')).to.equal('IAC');
        expect(to18('001A0000006Vm9r')).to.equal('001A0000006Vm9rIAC');
        expect(to18('001A0000006Vm9rIAC')).to.equal('001A0000006Vm9rIAC');
    });

    it('rejects malformed IDs and wrong suffixes', () => {
        expect(to18('abc')).to.equal(undefined);
        expect(to18('001A0000006Vm9rZZZ')).to.equal(undefined);
    });

    it('generates unique 18-character IDs with the prefix', () => {
        const ids = new IdGenerator();
        const a = ids.next('0a3');
        const b = ids.next('0a3');
        expect(a).to.have.length(18).and.match(/^0a3/);
        expect(a).not.to.equal(b);
        expect(to18(a)).to.equal(a);
    });
});
