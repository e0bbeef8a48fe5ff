import { expect } from 'chai';
import type { RunningEmulator } from '../../../bridge/src/emulator/start-emulator.ts';
import { connect, startTestEmulator } from '../emulator-harness.ts';

describe('smoke', () => {
    let emulator: RunningEmulator;
    before(async () => (emulator = await startTestEmulator()));
    after(async () => emulator.stop());
    it('works', async () => {
        const conn = await connect(emulator);
        const r = await conn.sobject('Account').create({ Name: 'Acme' });
        console.log(r);
        const q = await conn.query('SELECT Id, Name FROM Account');
        console.log(JSON.stringify(q));
        expect(q.totalSize).to.equal(1);
    });
});
