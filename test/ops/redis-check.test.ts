import { expect } from 'chai';
import { Redis } from 'ioredis';
import { checkRedisSettings } from '../../bridge/src/ops/redis-check.ts';
import { startPrivateRedis, type PrivateRedis } from '../support/redis.ts';

describe('ops/redis-check', () => {
    let server: PrivateRedis;
    let redis: Redis;
    before(async () => {
        server = await startPrivateRedis({ appendOnly: false });
        redis = new Redis(server.url);
    });
    after(async () => {
        redis.disconnect();
        // SIGKILL: a graceful stop would wait on persistence we do not need here.
        await server.stop({ signal: 'SIGKILL' });
    });

    it('fails on an evicting policy and warns when AOF is off', async () => {
        const fine = await checkRedisSettings(redis);
        expect(fine.ok).to.equal(true);
        expect(fine.warnings.join()).to.include('append-only file (AOF) is off');
        await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
        const bad = await checkRedisSettings(redis);
        expect(bad.ok).to.equal(false);
        expect(bad.errors[0]).to.include('"allkeys-lru"').and.include('noeviction');
    });
});
