/**
 * Per-order mutual exclusion across every worker process: a Redis key per order key holding a random
 * token, set with NX and a TTL, renewed while the job runs and released only by its owner (compare and
 * delete in Lua). If a process dies mid-job, the TTL frees the order for the others.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** Release, and in the same round trip say whether a hash holds a field (the caller's next question). */
const RELEASE_AND_CHECK = `if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('del', KEYS[1]) end
return redis.call('hexists', KEYS[2], ARGV[2])`;

interface LockScripts {
    omsbRenewOrderLock(key: string, token: string, ttlMs: string): Promise<number>;
    omsbReleaseOrderLock(key: string, token: string): Promise<number>;
    omsbReleaseOrderLockAndCheck(key: string, hashKey: string, token: string, field: string): Promise<number>;
}

export interface HeldOrderLock {
    readonly orderKey: string;
    /** Stops renewal and deletes the key if it is still ours. */
    release(): Promise<void>;
    /**
     * Releases like `release()` and answers whether `field` is set in the hash `hashKey`, in one round trip
     * (a job's success asks both). The hash must share the lock's key prefix (same Redis Cluster slot).
     */
    releaseAndCheck(hashKey: string, field: string): Promise<boolean>;
}

export interface OrderLockOptions {
    /** Key prefix, e.g. `{omsb}` (keeps the lock in the same hash slot as the queues). */
    prefix: string;
    /** Lock lifetime without renewal (default 30 s). */
    ttlMs?: number;
}

export class OrderLock {
    private readonly ttlMs: number;

    constructor(
        private readonly redis: Redis,
        private readonly options: OrderLockOptions
    ) {
        this.ttlMs = options.ttlMs ?? 30_000;
    }

    /** The scripts as EVALSHA commands (ioredis loads them on first use), so each call sends a hash, not the script. */
    private scripts(): LockScripts {
        const client = this.redis as Redis & Partial<LockScripts>;
        if (!client.omsbReleaseOrderLock) {
            client.defineCommand('omsbRenewOrderLock', { numberOfKeys: 1, lua: RENEW });
            client.defineCommand('omsbReleaseOrderLock', { numberOfKeys: 1, lua: RELEASE });
            client.defineCommand('omsbReleaseOrderLockAndCheck', { numberOfKeys: 2, lua: RELEASE_AND_CHECK });
        }
        return client as unknown as LockScripts;
    }

    key(orderKey: string): string {
        return `${this.options.prefix}:order-lock:${orderKey}`;
    }

    /** Takes the lock, or returns undefined when another job of the order holds it. */
    async tryAcquire(orderKey: string): Promise<HeldOrderLock | undefined> {
        const key = this.key(orderKey);
        const token = randomUUID();
        const ok = await this.redis.set(key, token, 'PX', this.ttlMs, 'NX');
        const scripts = this.scripts();
        if (ok !== 'OK') return undefined;
        const timer = setInterval(() => {
            scripts.omsbRenewOrderLock(key, token, String(this.ttlMs)).catch(() => {
                // A failed renewal is retried on the next tick; if Redis stays away the TTL ends the lock.
            });
        }, Math.max(100, Math.floor(this.ttlMs / 3)));
        timer.unref();
        let released = false;
        return {
            orderKey,
            release: async () => {
                if (released) return;
                released = true;
                clearInterval(timer);
                await scripts.omsbReleaseOrderLock(key, token);
            },
            releaseAndCheck: async (hashKey, field) => {
                if (released) throw new Error(`order lock ${orderKey} was already released`);
                released = true;
                clearInterval(timer);
                return (await scripts.omsbReleaseOrderLockAndCheck(key, hashKey, token, field)) === 1;
            }
        };
    }
}
