/**
 * Runs before the whole suite: if no Redis answers and none can be started, stop at once with the fix,
 * instead of letting every test time out.
 */
import { Redis } from 'ioredis';
import { REDIS_URL, redisServerBinary } from './redis.ts';

async function redisAnswers(url: string): Promise<boolean> {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
    try {
        await client.connect();
        await client.ping();
        return true;
    } catch {
        return false;
    } finally {
        client.disconnect();
    }
}

export const mochaHooks = {
    async beforeAll(this: Mocha.Context) {
        this.timeout(10_000);
        if (await redisAnswers(REDIS_URL)) return;
        const hint = redisServerBinary()
            ? `start it with: redis-server --daemonize yes --port 6379 --bind 127.0.0.1 --save ''`
            : 'install one with: apt-get install -y redis-server (then start it), or set REDIS_URL';
        process.stderr.write(`\nThe tests need Redis and none answers at ${REDIS_URL}; ${hint}\n\n`);
        process.exit(2);
    }
};
