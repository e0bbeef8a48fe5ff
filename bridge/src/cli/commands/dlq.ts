/**
 * `oms-bridge dlq`: inspect and redrive dead-lettered jobs (see queue/dead-letter-store.ts for where
 * they live). Retried jobs keep their job ID and idempotency key; every action is audited with who/when.
 */
import type { Command } from 'commander';
import { Queue } from 'bullmq';
import { loadCliRuntime } from '../../ops/cli-runtime.ts';
import { DeadLetterStore, type DeadLetterSummary } from '../../queue/dead-letter-store.ts';
import { createRedisClient, redisOptionsFromUrl } from '../../queue/redis-connection.ts';
import { requireQueueName, type QueueName } from '../../queue/queue-names.ts';

interface Common {
    config?: string;
    queue?: string;
}

async function withStore<T>(opts: Common, work: (store: DeadLetterStore, print: (line: string) => void) => Promise<T>): Promise<T> {
    const { config } = loadCliRuntime(opts.config);
    const connection = redisOptionsFromUrl(config.redis.url);
    const redis = createRedisClient(config.redis.url, 'omsb-dlq');
    const queues = new Map<QueueName, Queue>();
    const queueOf = (name: QueueName) => {
        if (!queues.has(name)) queues.set(name, new Queue(name, { connection, prefix: config.redis.prefix }));
        return queues.get(name) as Queue;
    };
    try {
        return await work(new DeadLetterStore(queueOf, redis, config.redis.prefix), (line) => process.stdout.write(`${line}\n`));
    } finally {
        await Promise.all([...queues.values()].map((q) => q.close()));
        redis.disconnect();
    }
}

function queueOption(value: string | undefined): QueueName | undefined {
    return value === undefined ? undefined : requireQueueName(value, '--queue');
}

function parseSince(value: string | undefined): Date | undefined {
    if (value === undefined) return undefined;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new Error(`--since: "${value}" is not an ISO date-time (e.g. 2026-05-01T08:00:00Z)`);
    return date;
}

function parseRate(value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    const match = /^(\d+(?:\.\d+)?)(?:\/s)?$/.exec(value.trim());
    if (!match || Number(match[1]) <= 0) throw new Error(`--rate: "${value}" is not a positive number of jobs per second (e.g. 5 or 5/s)`);
    return Number(match[1]);
}

function line(entry: DeadLetterSummary): string {
    return [entry.failedAt, entry.queue, entry.jobId, entry.type, `attempts=${entry.attempts}`, entry.orderSummaryId ?? '-', entry.reason].join('  ');
}

/** Exactly one of an ID or --all (with --queue). */
function target(id: string | undefined, opts: Common & { all?: boolean }, verb: string): { id?: string; queue?: QueueName } {
    if (id && opts.all) throw new Error(`dlq ${verb}: give a job ID or --all, not both`);
    if (!id && !opts.all) throw new Error(`dlq ${verb}: give a job ID, or --all --queue <queue>`);
    if (opts.all && !opts.queue) throw new Error(`dlq ${verb} --all needs --queue <queue>`);
    return { id, queue: queueOption(opts.queue) };
}

export function register(program: Command): void {
    const dlq = program.command('dlq').description('inspect and redrive dead-lettered jobs');
    dlq.command('list')
        .description('list dead-lettered jobs, oldest first')
        .option('-q, --queue <queue>', 'only this queue')
        .option('--since <iso>', 'only jobs that failed at or after this time')
        .option('--error <text>', 'only jobs whose error contains this text')
        .option('--json', 'print JSON')
        .option('-c, --config <file>', 'extra YAML config file')
        .action(async (opts: Common & { since?: string; error?: string; json?: boolean }) => {
            const filter = { queue: queueOption(opts.queue), since: parseSince(opts.since), error: opts.error };
            await withStore(opts, async (store, print) => {
                const entries = await store.list(filter);
                if (opts.json) return print(JSON.stringify(entries, null, 2));
                for (const entry of entries) print(line(entry));
                print(`${entries.length} dead-lettered job(s)`);
            });
        });
    dlq.command('show <id>')
        .description('payload, error, attempt history and correlation ID of one job')
        .option('-q, --queue <queue>', 'queue of the job (default: search all)')
        .option('-c, --config <file>', 'extra YAML config file')
        .action(async (id: string, opts: Common) => {
            const { redactor } = loadCliRuntime(opts.config);
            await withStore(opts, async (store, print) => {
                const detail = await store.show(id, queueOption(opts.queue));
                if (!detail) throw new Error(`No dead-lettered job ${id} (see oms-bridge dlq list)`);
                print(JSON.stringify(redactor.redact(detail), null, 2));
            });
        });
    dlq.command('retry [id]')
        .description('move a job (or all of a queue) back to waiting, keeping its idempotency key')
        .option('--all', 'every dead-lettered job of --queue')
        .option('-q, --queue <queue>', 'queue of the job(s)')
        .option('--rate <n>', 'with --all: at most N jobs per second (default 10)')
        .option('-c, --config <file>', 'extra YAML config file')
        .action(async (id: string | undefined, opts: Common & { all?: boolean; rate?: string }) => {
            const chosen = target(id, opts, 'retry');
            const rate = parseRate(opts.rate);
            await withStore(opts, async (store, print) => {
                if (chosen.id) {
                    const entry = await store.retry(chosen.id, { queue: chosen.queue });
                    print(`retried ${entry.queue} ${entry.jobId}`);
                } else {
                    print(`retried ${await store.retryAll(chosen.queue as QueueName, { ratePerSecond: rate })} job(s) of ${chosen.queue}`);
                }
            });
        });
    dlq.command('discard [id]')
        .description('delete a dead-lettered job (or all of a queue) for good; audited')
        .option('--all', 'every dead-lettered job of --queue')
        .option('-q, --queue <queue>', 'queue of the job(s)')
        .option('-c, --config <file>', 'extra YAML config file')
        .action(async (id: string | undefined, opts: Common & { all?: boolean }) => {
            const chosen = target(id, opts, 'discard');
            await withStore(opts, async (store, print) => {
                if (chosen.id) {
                    const entry = await store.discard(chosen.id, { queue: chosen.queue });
                    print(`discarded ${entry.queue} ${entry.jobId}`);
                } else {
                    print(`discarded ${await store.discardAll(chosen.queue as QueueName)} job(s) of ${chosen.queue}`);
                }
            });
        });
}
