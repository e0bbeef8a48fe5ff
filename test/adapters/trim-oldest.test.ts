import { expect } from 'chai';
import { trimOldest } from '../../bridge/src/adapters/trim-oldest.ts';

describe('adapters/trim-oldest', () => {
    it('drops the oldest entries down to the bound', () => {
        const map = new Map(Array.from({ length: 5 }, (_, i) => [`k${i}`, i]));
        trimOldest(map, 3);
        expect([...map.keys()]).to.deep.equal(['k2', 'k3', 'k4']);
    });

    it('keeps entries still in use, dropping the next oldest that may go', () => {
        const map = new Map([
            ['a', { done: false }],
            ['b', { done: true }],
            ['c', { done: false }],
            ['d', { done: true }]
        ]);
        trimOldest(map, 3, (v) => v.done);
        expect([...map.keys()]).to.deep.equal(['a', 'c', 'd']);
        trimOldest(map, 1, (v) => v.done);
        expect([...map.keys()]).to.deep.equal(['a', 'c'], 'nothing in use is dropped, even past the bound');
    });

    it('looks at no more than scanLimit entries per call', () => {
        const map = new Map(Array.from({ length: 10 }, (_, i) => [i, i >= 8]));
        trimOldest(map, 5, (done) => done, 4);
        expect(map.size).to.equal(10);
        trimOldest(map, 5, (done) => done, 10);
        expect([...map.keys()]).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7]);
    });
});
