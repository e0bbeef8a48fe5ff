/**
 * Checks the Redis settings BullMQ depends on. `maxmemory-policy` must be `noeviction`, or Redis may
 * silently delete queued jobs under memory pressure. Without AOF persistence a Redis restart loses
 * whatever was queued since the last snapshot: allowed, but warned about.
 */
import type { Redis } from 'ioredis';

export interface RedisCheckResult {
    ok: boolean;
    errors: string[];
    warnings: string[];
    /** Values read, for the doctor's report. */
    settings: Record<string, string>;
}

async function configGet(redis: Redis, name: string): Promise<string | undefined> {
    try {
        const pair = (await redis.call('CONFIG', 'GET', name)) as string[];
        return pair[1];
    } catch {
        // Managed Redis services often disable CONFIG; INFO still tells us what we need.
        return undefined;
    }
}

function infoField(info: string, name: string): string | undefined {
    const match = new RegExp(`^${name}:(.*)$`, 'm').exec(info);
    return match?.[1].trim();
}

export async function checkRedisSettings(redis: Redis): Promise<RedisCheckResult> {
    const errors: string[] = [];
    const warnings: string[] = [];
    const [memoryInfo, persistenceInfo, serverInfo] = await Promise.all([redis.info('memory'), redis.info('persistence'), redis.info('server')]);
    const policy = (await configGet(redis, 'maxmemory-policy')) ?? infoField(memoryInfo, 'maxmemory_policy') ?? 'unknown';
    const aofEnabled = infoField(persistenceInfo, 'aof_enabled') ?? ((await configGet(redis, 'appendonly')) === 'yes' ? '1' : '0');
    const version = infoField(serverInfo, 'redis_version') ?? 'unknown';
    if (policy !== 'noeviction') {
        errors.push(
            `Redis maxmemory-policy is "${policy}"; BullMQ needs "noeviction" or queued jobs can be evicted. Fix: CONFIG SET maxmemory-policy noeviction (and put it in redis.conf).`
        );
    }
    if (aofEnabled !== '1') {
        warnings.push('Redis append-only file (AOF) is off: a Redis restart loses jobs queued since the last snapshot. Fix: CONFIG SET appendonly yes (and in redis.conf).');
    }
    const major = Number(version.split('.')[0]);
    if (Number.isFinite(major) && major < 6) errors.push(`Redis ${version} is too old; BullMQ needs 6.2 or later.`);
    return { ok: errors.length === 0, errors, warnings, settings: { version, 'maxmemory-policy': policy, appendonly: aofEnabled === '1' ? 'yes' : 'no' } };
}

/**
 * Checks a process's own Redis client before it starts work: warnings are logged, and a setting that
 * would lose queued jobs closes the client and fails the start with every problem named.
 */
export async function requireSafeRedis(redis: Redis, logger: { warn(message: string): void }): Promise<void> {
    const check = await checkRedisSettings(redis);
    for (const warning of check.warnings) logger.warn(warning);
    if (!check.ok) {
        redis.disconnect();
        throw new Error(check.errors.join('\n'));
    }
}
