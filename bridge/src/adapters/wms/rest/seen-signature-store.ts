/**
 * Remembers webhook signatures already accepted, so a captured request replayed inside the timestamp
 * window is refused. Backed by Redis with a TTL a little longer than the tolerance window (after it,
 * the timestamp check refuses the request anyway).
 */
import type { Redis } from 'ioredis';

export interface SeenSignatureStore {
    /** Marks the signature seen; false when it already was (a replay). */
    markSeen(signature: string, ttlSeconds: number): Promise<boolean>;
    /** Forgets a signature whose event could not be handed on, so the sender's retry is accepted. */
    forget(signature: string): Promise<void>;
}

export class RedisSeenSignatureStore implements SeenSignatureStore {
    constructor(
        private readonly redis: Redis,
        private readonly keyPrefix: string
    ) {}

    async markSeen(signature: string, ttlSeconds: number): Promise<boolean> {
        const reply = await this.redis.set(this.key(signature), '1', 'EX', ttlSeconds, 'NX');
        return reply === 'OK';
    }

    async forget(signature: string): Promise<void> {
        await this.redis.del(this.key(signature));
    }

    private key(signature: string): string {
        return `${this.keyPrefix}:wms-webhook:seen:${signature}`;
    }
}
