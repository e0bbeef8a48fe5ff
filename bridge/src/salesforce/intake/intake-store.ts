/**
 * The durable half of intake. One Lua script does, atomically: check the caller still holds the lease
 * (fencing token), mark each job ID as seen (SET NX with a TTL beyond event retention), append the new
 * jobs to the inbox stream, park a malformed event in the exceptions stream, and store the channel's
 * checkpoint. So a stored checkpoint always means "everything up to here is durably queued", a deposed
 * leader cannot move a checkpoint, and a redelivered event finds its marker and adds nothing.
 *
 * Why an inbox stream and not BullMQ directly: BullMQ's add is its own multi-key script that cannot run
 * inside ours; the IntakePump moves inbox entries into BullMQ with the same deterministic job IDs, so a
 * crash between the two steps re-adds an existing job ID, which BullMQ ignores.
 */
import type { Redis } from 'ioredis';
import type { IntakeJob } from './intake-job.ts';
import type { IntakeKeys } from './intake-keys.ts';

/** Stored per channel: where to resume, and the time of that event (the start of a gap if it goes stale). */
export interface Checkpoint {
    replayId: string;
    /** Epoch ms of the checkpointed event's change (commitTimestamp / CreatedDate). */
    eventTime: number;
    /** Epoch ms the checkpoint was written. */
    storedAt: number;
    /** Fencing token of the writer. */
    fence: string;
    /**
     * Only on the first-subscription marker (`-2` before any event arrived) and while replaying past it:
     * events committed before this epoch ms predate intake and are skipped, not queued.
     */
    notBefore?: number;
}

/** A parked event that could not be parsed. */
export interface IntakeException {
    channel: string;
    replayId?: string;
    reason: string;
    raw: unknown;
    receivedAt: string;
}

export interface CommitRequest {
    /** Lease token (`owner|fence`) the writer believes it holds. */
    leaseToken: string;
    channel: string;
    jobs: IntakeJob[];
    checkpoint?: Checkpoint;
    exception?: IntakeException;
    /** Counter to bump in the stats hash (e.g. `echo:/data/ShipmentChangeEvent`). */
    stat?: string;
}

/** Thrown when the lease is no longer ours: stop subscribing at once. */
export class LeaseLostError extends Error {
    constructor() {
        super('intake lease lost: another bridge instance holds the subscription');
        this.name = 'LeaseLostError';
    }
}

const COMMIT_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local channel, checkpoint, exception, stat, ttl, n = ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
local added = 0
for i = 1, n do
  local jobId, data = ARGV[7 + 2 * i - 1], ARGV[7 + 2 * i]
  if redis.call('SET', KEYS[5] .. jobId, '1', 'NX', 'EX', ttl) then
    redis.call('XADD', KEYS[3], '*', 'jobId', jobId, 'data', data)
    added = added + 1
  end
end
if exception ~= '' then redis.call('XADD', KEYS[4], '*', 'channel', channel, 'data', exception) end
if stat ~= '' then redis.call('HINCRBY', KEYS[6], stat, 1) end
if n > 0 and added < n then redis.call('HINCRBY', KEYS[6], 'duplicate:' .. channel, n - added) end
if checkpoint ~= '' then redis.call('HSET', KEYS[2], channel, checkpoint) end
return added
`;

export class IntakeStore {
    constructor(
        private readonly redis: Redis,
        readonly keys: IntakeKeys,
        private readonly dedupTtlSeconds: number
    ) {}

    /** Writes one event's outcome atomically; returns how many jobs were new (0 for a redelivery). */
    async commit(request: CommitRequest): Promise<number> {
        const { keys } = this;
        const args: string[] = [
            request.leaseToken,
            request.channel,
            request.checkpoint ? JSON.stringify(request.checkpoint) : '',
            request.exception ? JSON.stringify(request.exception) : '',
            request.stat ?? '',
            String(this.dedupTtlSeconds),
            String(request.jobs.length)
        ];
        for (const job of request.jobs) args.push(job.opts.jobId, JSON.stringify({ name: job.name, data: job.data, opts: job.opts }));
        // Dedup markers share the hash-tagged prefix (same slot); KEYS[5] is their prefix.
        const result = (await this.redis.eval(
            COMMIT_SCRIPT,
            6,
            keys.lease,
            keys.checkpoints,
            keys.inbox,
            keys.exceptions,
            keys.dedupPrefix,
            keys.stats,
            ...args
        )) as number;
        if (result === -1) throw new LeaseLostError();
        return result;
    }

    async readCheckpoints(): Promise<Map<string, Checkpoint>> {
        const all = await this.redis.hgetall(this.keys.checkpoints);
        const out = new Map<string, Checkpoint>();
        for (const [channel, json] of Object.entries(all)) out.set(channel, JSON.parse(json) as Checkpoint);
        return out;
    }

    async readExceptions(count = 100): Promise<IntakeException[]> {
        const entries = await this.redis.xrange(this.keys.exceptions, '-', '+', 'COUNT', count);
        return entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('data') + 1]) as IntakeException);
    }

    async recordGap(gap: Record<string, string>): Promise<void> {
        await this.redis.xadd(this.keys.gaps, '*', ...Object.entries(gap).flat());
    }

    async stats(): Promise<Record<string, number>> {
        const raw = await this.redis.hgetall(this.keys.stats);
        return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
    }
}
