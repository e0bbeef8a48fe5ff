/**
 * Makes sure a Redis answers for the demo: the configured one, or — when none answers, the setting
 * allows it and `redis-server` is installed — a private server on a free loopback port in a temp
 * directory, with AOF on and `noeviction` as BullMQ requires. Production never takes this path: it is
 * only used when no Salesforce credentials are configured.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface RedisEndpoint {
    url: string;
    /** True when this process started the server (and stops it on close). */
    started: boolean;
    close(): Promise<void>;
}

export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
    client.on('error', () => undefined);
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

/** True when nothing listens on host:port yet. */
export function portIsFree(host: string, port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const server = createServer();
        server.once('error', () => resolve(false));
        server.listen(port, host, () => server.close(() => resolve(true)));
    });
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
    });
}

function redisServerPath(): string | undefined {
    const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
    return found.status === 0 ? found.stdout.trim() : undefined;
}

export async function ensureRedis(url: string, options: { startLocalIfMissing: boolean }): Promise<RedisEndpoint> {
    if (await redisAnswers(url)) return { url, started: false, close: async () => undefined };
    const binary = redisServerPath();
    if (!options.startLocalIfMissing || !binary) {
        throw new Error(
            `No Redis answers at ${url.replace(/\/\/[^@]*@/, '//***@')}. Start one (redis-server --port 6379) or set REDIS_URL` +
                (binary ? '' : '; to install: apt-get install -y redis-server')
        );
    }
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'oms-bridge-redis-'));
    const child: ChildProcess = spawn(
        binary,
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'],
        { stdio: 'ignore' }
    );
    const localUrl = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 100 && !(await redisAnswers(localUrl, 200)); i++) await new Promise((r) => setTimeout(r, 50));
    if (!(await redisAnswers(localUrl))) {
        child.kill('SIGKILL');
        throw new Error(`Started ${binary} on port ${port} but it does not answer`);
    }
    return {
        url: localUrl,
        started: true,
        async close() {
            if (child.exitCode === null) {
                await new Promise<void>((resolve) => {
                    child.once('exit', () => resolve());
                    child.kill('SIGTERM');
                });
            }
            rmSync(dir, { recursive: true, force: true });
        }
    };
}

/** Deletes every key under a prefix (the demo's run-scoped namespace); SCAN-based, so it never blocks Redis. */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    let deleted = 0;
    try {
        await client.connect();
        const pattern = `${prefix.replace(/([*?[\]\\])/g, '\\$1')}*`;
        let cursor = '0';
        do {
            const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
            cursor = next;
            if (keys.length) deleted += await client.unlink(...keys);
        } while (cursor !== '0');
    } finally {
        client.disconnect();
    }
    return deleted;
}
