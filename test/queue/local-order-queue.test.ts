import { expect } from 'chai';
import { LocalOrderQueue } from '../../bridge/src/queue/local-order-queue.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('queue/local-order-queue', () => {
    it('lets the jobs of one order through one at a time, in arrival order, and others at once', async () => {
        const queue = new LocalOrderQueue(5000);
        const log: string[] = [];
        const job = async (key: string, name: string, ms: number) => {
            const leave = await queue.enter(key);
            log.push(`start ${name}`);
            await sleep(ms);
            log.push(`end ${name}`);
            leave();
        };
        await Promise.all([job('order-1', 'a', 30), job('order-1', 'b', 5), job('order-1', 'c', 5), job('order-2', 'x', 5)]);
        expect(log.filter((l) => !l.endsWith('x'))).to.deep.equal(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
        expect(log.indexOf('start x')).to.be.lessThan(log.indexOf('end a'));
        expect(queue.size).to.equal(0);
    });

    it('stops waiting after the bound, so a stuck job does not hold its order here', async () => {
        const queue = new LocalOrderQueue(30);
        const stuck = await queue.enter('order-1');
        const started = Date.now();
        const next = await queue.enter('order-1');
        expect(Date.now() - started).to.be.at.least(25);
        next();
        stuck();
        expect(queue.size).to.equal(0);
    });
});
