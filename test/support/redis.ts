/**
 * Redis for tests. Shared server from REDIS_URL (default redis://127.0.0.1:6379) with a key prefix unique
 * to each test run and helper call, removed afterwards; and private servers for tests that restart or
 * persist Redis.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN_ID = `${process.pid}-${randomBytes(3).toString('hex')}`;
let counter = 0;

export interface TestRedis {
    url: string;
    /** A key prefix no other test uses; a Redis Cluster hash tag so BullMQ accepts it as a queue prefix. */
    prefix: string;
    /** A connection for the test's own reads; closed by cleanup(). */
    client: Redis;
    /** Deletes every key under the prefix and closes the client. */
    cleanup(): Promise<void>;
}

export async function deleteByPattern(client: Redis, pattern: string): Promise<void> {
    let cursor = '0';
    do {
        const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await client.unlink(...keys);
    } while (cursor !== '0');
}

export async function useTestRedis(label = 't'): Promise<TestRedis> {
    const prefix = `{test-${RUN_ID}-${label}-${++counter}}`;
    const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
    await client.connect();
    return {
        url: REDIS_URL,
        prefix,
        client,
        async cleanup() {
            try {
                await deleteByPattern(client, `${prefix}*`);
            } finally {
                client.disconnect();
            }
        }
    };
}

export async function freePort(): Promise<number> {
    return new Promise((resolvePort, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            const port = typeof address === 'object' && address ? address.port : 0;
            server.close(() => resolvePort(port));
        });
    });
}

export function redisServerBinary(): string | undefined {
    const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
    return found.status === 0 ? found.stdout.trim() : undefined;
}

export interface PrivateRedis {
    url: string;
    port: number;
    dir: string;
    /** Stops the server; with `{ keepDir: true }` the data directory survives for a restart. */
    stop(options?: { keepDir?: boolean; signal?: NodeJS.Signals }): Promise<void>;
    /** Starts a server again on the same port and directory (to test persistence). */
    restart(): Promise<void>;
}

async function waitForPing(url: string, deadlineMs: number): Promise<void> {
    const until = Date.now() + deadlineMs;
    for (;;) {
        const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        try {
            await client.connect();
            await client.ping();
            client.disconnect();
            return;
        } catch (err) {
            client.disconnect();
            if (Date.now() > until) throw new Error(`redis-server at ${url} did not answer: ${(err as Error).message}`);
            await new Promise((r) => setTimeout(r, 50));
        }
    }
}

/** Starts a private redis-server on a free loopback port in a temp directory. */
export async function startPrivateRedis(options: { appendOnly?: boolean } = {}): Promise<PrivateRedis> {
    const binary = redisServerBinary();
    if (!binary) throw new Error('redis-server is not installed (apt-get install -y redis-server)');
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'omsb-redis-'));
    const url = `redis://127.0.0.1:${port}`;
    let child: ChildProcess | undefined;
    const launch = async () => {
        child = spawn(
            binary,
            [
                '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
                '--appendonly', options.appendOnly ? 'yes' : 'no', '--appendfsync', 'always',
                '--maxmemory-policy', 'noeviction'
            ],
            { stdio: 'ignore' }
        );
        await waitForPing(url, 10_000);
    };
    await launch();
    const stop = async (opts: { keepDir?: boolean; signal?: NodeJS.Signals } = {}) => {
        const proc = child;
        if (proc && proc.exitCode === null) {
            await new Promise<void>((resolveStop) => {
                proc.once('exit', () => resolveStop());
                proc.kill(opts.signal ?? 'SIGTERM');
            });
        }
        if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
    };
    return { url, port, dir, stop, restart: launch };
}
