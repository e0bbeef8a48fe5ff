/**
 * Which idempotency keys have an open ProcessException, in one Redis hash. A job's success only calls
 * Salesforce to resolve an exception when this index says one was raised, so the happy path costs one
 * HDEL and no API call.
 */
import type { Redis } from 'ioredis';

export class ExceptionIndex {
    /** The hash of open exceptions (field: idempotency key), for checks folded into other scripts. */
    readonly key: string;

    constructor(
        private readonly redis: Redis,
        prefix: string
    ) {
        this.key = `${prefix}:process-exceptions:open`;
    }

    async markOpen(idempotencyKey: string, exceptionId: string): Promise<void> {
        await this.redis.hset(this.key, idempotencyKey, JSON.stringify({ exceptionId, raisedAt: new Date().toISOString() }));
    }

    async isOpen(idempotencyKey: string): Promise<boolean> {
        return (await this.redis.hexists(this.key, idempotencyKey)) === 1;
    }

    async clear(idempotencyKey: string): Promise<void> {
        await this.redis.hdel(this.key, idempotencyKey);
    }
}
