import { expect } from 'chai';
import { Redis } from 'ioredis';
import { OrderLock } from '../../bridge/src/queue/order-lock.ts';
import { useTestRedis, type TestRedis } from '../support/redis.ts';

describe('queue/order-lock', () => {
    let test: TestRedis;
    let redis: Redis;
    beforeEach(async () => {
        test = await useTestRedis('order-lock');
        redis = new Redis(test.url, { maxRetriesPerRequest: 1 });
    });
    afterEach(async () => {
        redis.disconnect();
        await test.cleanup();
    });

    it('admits one holder per order and frees the order on release', async () => {
        const locks = new OrderLock(redis, { prefix: test.prefix });
        const held = await locks.tryAcquire('os-1');
        expect(held).to.not.equal(undefined);
        expect(await locks.tryAcquire('os-1')).to.equal(undefined);
        expect(await locks.tryAcquire('os-2')).to.not.equal(undefined);
        await held!.release();
        expect(await redis.exists(locks.key('os-1'))).to.equal(0);
    });

    it('releases and answers whether a hash holds a field in one call, deleting only its own lock', async () => {
        const locks = new OrderLock(redis, { prefix: test.prefix });
        const hash = `${test.prefix}:process-exceptions:open`;
        await redis.hset(hash, 'key-open', '{}');
        const first = await locks.tryAcquire('os-1');
        expect(await first!.releaseAndCheck(hash, 'key-open')).to.equal(true);
        expect(await redis.exists(locks.key('os-1'))).to.equal(0);
        const second = await locks.tryAcquire('os-1');
        expect(await second!.releaseAndCheck(hash, 'key-closed')).to.equal(false);
        // A lock that expired and was taken by another holder is left alone.
        const third = await locks.tryAcquire('os-1');
        await redis.set(locks.key('os-1'), 'someone-else');
        expect(await third!.releaseAndCheck(hash, 'key-open')).to.equal(true);
        expect(await redis.get(locks.key('os-1'))).to.equal('someone-else');
        await third!.release();
    });
});
