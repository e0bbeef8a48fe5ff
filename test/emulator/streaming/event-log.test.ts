import { expect } from 'chai';
import { EventLog } from '../../../bridge/src/emulator/streaming/event-log.ts';
import type { BusEvent } from '../../../bridge/src/emulator/contracts.ts';

const event = (replayId: number, publishedAt = replayId): BusEvent => ({ channel: '/event/X__e', replayId, schema: 's', payload: {}, publishedAt });

describe('EventLog', () => {
    it('returns the events after a replay ID and knows which IDs it holds', () => {
        const log = new EventLog(10);
        for (const id of [3, 7, 12]) log.append(event(id));
        expect(log.after(3).map((e) => e.replayId)).to.deep.equal([7, 12]);
        expect(log.after(0).map((e) => e.replayId)).to.deep.equal([3, 7, 12]);
        expect(log.after(12)).to.deep.equal([]);
        expect(log.holds(7)).to.equal(true);
        expect(log.holds(8)).to.equal(false);
    });

    it('refuses a replay ID that does not grow', () => {
        const log = new EventLog(10);
        log.append(event(5));
        expect(() => log.append(event(5))).to.throw(RangeError, /not above/);
    });

    it('keeps at most `capacity` events, dropping the oldest', () => {
        const log = new EventLog(3);
        for (let id = 1; id <= 5; id++) log.append(event(id));
        expect(log.size).to.equal(3);
        expect(log.all().map((e) => e.replayId)).to.deep.equal([3, 4, 5]);
        expect(log.holds(2)).to.equal(false);
    });

    it('stays bounded and correct across many appends (head compaction)', () => {
        const log = new EventLog(100);
        for (let id = 1; id <= 5000; id++) log.append(event(id));
        expect(log.size).to.equal(100);
        expect(log.all()[0].replayId).to.equal(4901);
        expect(log.after(4998).map((e) => e.replayId)).to.deep.equal([4999, 5000]);
    });

    it('purges events older than a time and reports how many went', () => {
        const log = new EventLog(10);
        for (const id of [1, 2, 3, 4]) log.append(event(id, id * 100));
        expect(log.purgeOlderThan(250)).to.equal(2);
        expect(log.all().map((e) => e.replayId)).to.deep.equal([3, 4]);
        expect(log.purgeOlderThan(250)).to.equal(0);
    });

    it('rejects a capacity that is not a positive integer', () => {
        expect(() => new EventLog(0)).to.throw(RangeError, /capacity/);
    });
});
