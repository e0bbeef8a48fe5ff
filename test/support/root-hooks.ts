/**
 * Runs before the whole suite: if no Redis answers, stop at once with how to get one,
 * instead of letting every test time out.
 */
import { redisAnswers } from '../../bridge/src/runtime/local-redis.ts';
import { REDIS_URL, redisServerBinary } from './redis.ts';

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
