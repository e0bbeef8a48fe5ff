/**
 * One subscriber per channel set across bridge instances. The lease is a Redis key holding
 * `<owner>|<fence>` with a TTL; the fence comes from a counter that only grows, so every new holder gets
 * a larger token and a writer that lost the lease (paused, partitioned) is refused by the checkpoint
 * script even if it still believes it leads.
 */
import type { Redis } from 'ioredis';

const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current then
  if string.sub(current, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. '|' then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return current
  end
  return false
end
local fence = redis.call('INCR', KEYS[2])
local token = ARGV[1] .. '|' .. fence
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
return token
`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export class SubscriberLease {
    private token: string | undefined;

    constructor(
        private readonly redis: Redis,
        private readonly leaseKey: string,
        private readonly fenceKey: string,
        /** Unique per process (host, pid, random), so a restarted process never inherits a lease. */
        readonly owner: string,
        private readonly ttlMs: number
    ) {}

    /** The held token (`owner|fence`), or undefined while standing by. */
    get heldToken(): string | undefined {
        return this.token;
    }

    /** Takes the lease if free (or already ours); returns the token, or undefined when another instance holds it. */
    async tryAcquire(): Promise<string | undefined> {
        const result = (await this.redis.eval(ACQUIRE, 2, this.leaseKey, this.fenceKey, this.owner, String(this.ttlMs))) as string | null;
        this.token = result ?? undefined;
        return this.token;
    }

    /** Extends the lease; false means it was lost (expired and taken, or deleted). */
    async renew(): Promise<boolean> {
        if (!this.token) return false;
        const ok = (await this.redis.eval(RENEW, 1, this.leaseKey, this.token, String(this.ttlMs))) as number;
        if (ok !== 1) this.token = undefined;
        return ok === 1;
    }

    /** Gives the lease up so a standby takes over at once instead of after the TTL. */
    async release(): Promise<void> {
        const token = this.token;
        this.token = undefined;
        if (token) await this.redis.eval(RELEASE, 1, this.leaseKey, token);
    }

    /** Forgets the token locally (after a fenced write) without touching Redis. */
    drop(): void {
        this.token = undefined;
    }
}
