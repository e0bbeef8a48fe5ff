/**
 * Redis connection settings for BullMQ and our own clients, from the `redis.url` setting.
 * BullMQ is given options (not a client) wherever it can be, so it owns and closes its connections.
 */
import { Redis } from 'ioredis';
import type { RedisOptions } from 'bullmq';

/** ioredis options for a redis:// or rediss:// URL; `maxRetriesPerRequest: null` as BullMQ workers require. */
export function redisOptionsFromUrl(url: string): RedisOptions {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new Error(`redis.url is not a valid URL (expected redis://host:port/db)`);
    }
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
        throw new Error(`redis.url must start with redis:// or rediss://, got ${parsed.protocol}//`);
    }
    const db = parsed.pathname.replace(/^\//, '');
    return {
        host: parsed.hostname || '127.0.0.1',
        port: parsed.port ? Number(parsed.port) : 6379,
        username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
        password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
        db: db ? Number(db) : 0,
        tls: parsed.protocol === 'rediss:' ? {} : undefined,
        maxRetriesPerRequest: null
    };
}

/** A plain client for the bridge's own keys (locks, SLA timers, exception index); the caller closes it. */
export function createRedisClient(url: string, name = 'omsb'): Redis {
    const { host, port, username, password, db, tls } = redisOptionsFromUrl(url);
    return new Redis({ host, port, username, password, db, tls, connectionName: name, maxRetriesPerRequest: 3 });
}
