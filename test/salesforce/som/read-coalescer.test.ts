import { expect } from 'chai';
import { ReadCoalescer } from '../../../bridge/src/salesforce/som/read-coalescer.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('salesforce/som/read-coalescer', () => {
    it('answers each caller with its own record from one batched read, undefined when absent', async () => {
        const batches: string[][] = [];
        const reads = new ReadCoalescer<{ Id: string }>(async (ids) => {
            batches.push(ids);
            return ids.filter((id) => id !== 'missing000000000').map((Id) => ({ Id: `${Id}AAA` }));
        }, { windowMs: 2, maxBatch: 200 });
        const [a, b, missing] = await Promise.all([reads.load('a00000000000001'), reads.load('a00000000000002'), reads.load('missing000000000')]);
        expect(batches).to.have.length(1);
        expect(a?.Id).to.equal('a00000000000001AAA');
        expect(b?.Id).to.equal('a00000000000002AAA');
        expect(missing).to.equal(undefined);
    });

    it('while every read slot is busy, gathers later windows into one read sent when a slot frees', async () => {
        const batches: string[][] = [];
        const answers: (() => void)[] = [];
        const reads = new ReadCoalescer<{ Id: string }>(async (ids) => {
            batches.push(ids);
            await new Promise<void>((resolve) => answers.push(resolve));
            return ids.map((Id) => ({ Id }));
        }, { windowMs: 2, maxBatch: 200, maxInFlight: 1 });
        const first = reads.load('r1');
        await sleep(10);
        const later = [];
        for (const id of ['r2', 'r3', 'r4']) {
            later.push(reads.load(id));
            await sleep(10);
        }
        expect(batches).to.deep.equal([['r1']]);
        answers.shift()?.();
        expect((await first)?.Id).to.equal('r1');
        await sleep(5);
        expect(batches).to.deep.equal([['r1'], ['r2', 'r3', 'r4']]);
        answers.shift()?.();
        expect((await Promise.all(later)).map((r) => r?.Id)).to.deep.equal(['r2', 'r3', 'r4']);
    });

    it('fails every caller of a failed batch, and the next read goes out again', async () => {
        let fail = true;
        const reads = new ReadCoalescer<{ Id: string }>(async (ids) => {
            if (fail) throw new Error('query refused');
            return ids.map((Id) => ({ Id }));
        }, { windowMs: 1, maxBatch: 200, maxInFlight: 1 });
        const results = await Promise.allSettled([reads.load('x1'), reads.load('x2')]);
        expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
        fail = false;
        expect((await reads.load('x3'))?.Id).to.equal('x3');
    });
});
