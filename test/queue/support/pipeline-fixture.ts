/** Shared setup for pipeline tests: a WorkerHost on a private key prefix with fast retries. */
import { Redis } from 'ioredis';
import { QueueEvents } from 'bullmq';
import { createLogger } from '../../../bridge/src/observability/logger.ts';
import { BridgeMetrics } from '../../../bridge/src/observability/bridge-metrics.ts';
import { RecordingProcessExceptionReporter } from '../../../bridge/src/ops/recording-process-exception-reporter.ts';
import { redisOptionsFromUrl } from '../../../bridge/src/queue/redis-connection.ts';
import { WorkerHost, type WorkerHostOptions } from '../../../bridge/src/queue/worker-host.ts';
import type { QueueName } from '../../../bridge/src/queue/queue-names.ts';
import { useTestRedis, type TestRedis } from '../../support/redis.ts';

export interface PipelineFixture {
    test: TestRedis;
    redis: Redis;
    metrics: BridgeMetrics;
    reporter: RecordingProcessExceptionReporter;
    host(overrides?: Partial<WorkerHostOptions>): WorkerHost;
    /** Resolves when `count` jobs of the queue have reached completed or failed. */
    waitForFinished(queue: QueueName, count: number, timeoutMs?: number): Promise<void>;
    close(): Promise<void>;
}

export async function pipelineFixture(label: string): Promise<PipelineFixture> {
    const test = await useTestRedis(label);
    const redis = new Redis(test.url, { maxRetriesPerRequest: 3 });
    const metrics = new BridgeMetrics();
    const reporter = new RecordingProcessExceptionReporter();
    const hosts: WorkerHost[] = [];
    const events: QueueEvents[] = [];
    const connection = redisOptionsFromUrl(test.url);
    return {
        test,
        redis,
        metrics,
        reporter,
        host(overrides = {}) {
            const host = new WorkerHost({
                connection,
                redis,
                prefix: test.prefix,
                logger: createLogger({ level: 'silent' }),
                queues: { concurrency: 8, concurrencyByQueue: {}, attempts: 5, backoffMs: 5, shutdownGraceMs: 2000 },
                metrics,
                reporter,
                stalledIntervalMs: 5000,
                ...overrides
            });
            hosts.push(host);
            return host;
        },
        async waitForFinished(queue, count, timeoutMs = 20_000) {
            const qe = new QueueEvents(queue, { connection, prefix: test.prefix });
            events.push(qe);
            await qe.waitUntilReady();
            const probe = hosts[0]?.producer.queue(queue);
            const until = Date.now() + timeoutMs;
            for (;;) {
                const counts = probe ? await probe.getJobCounts('completed', 'failed') : { completed: 0, failed: 0 };
                if ((counts.completed ?? 0) + (counts.failed ?? 0) >= count) return;
                if (Date.now() > until) throw new Error(`queue ${queue}: ${JSON.stringify(counts)} finished, expected ${count}`);
                await new Promise((r) => setTimeout(r, 25));
            }
        },
        async close() {
            for (const host of hosts) await host.close(500);
            for (const qe of events) await qe.close();
            redis.disconnect();
            await test.cleanup();
        }
    };
}

export const OS1 = '1Os000000000001AAA';
export const OS2 = '1Os000000000002AAA';
export const FO1 = '0a3000000000001AAA';
export const FO2 = '0a3000000000002AAA';
