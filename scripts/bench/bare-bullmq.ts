/** Throughput of no-op BullMQ jobs on the same Redis: the ceiling the bridge's pipeline is compared with. */
import { Queue, Worker } from 'bullmq';
import { redisOptionsFromUrl } from '../../bridge/src/queue/redis-connection.ts';

export async function bareBullmqThroughput(redisUrl: string, prefix: string, jobs: number, concurrency: number): Promise<number> {
    const connection = redisOptionsFromUrl(redisUrl);
    const queue = new Queue('bench-noop', { connection, prefix });
    for (let i = 0; i < jobs; i += 1000) {
        await queue.addBulk(Array.from({ length: Math.min(1000, jobs - i) }, (_, j) => ({ name: 'noop', data: { i: i + j }, opts: { removeOnComplete: true } })));
    }
    let done = 0;
    const started = Date.now();
    await new Promise<void>((resolveDone) => {
        const worker = new Worker(
            'bench-noop',
            async () => {
                done++;
                if (done === jobs) resolveDone();
            },
            { connection, prefix, concurrency }
        );
        worker.on('error', () => undefined);
        void (async () => {
            await new Promise<void>((r) => {
                const check = setInterval(() => {
                    if (done >= jobs) {
                        clearInterval(check);
                        r();
                    }
                }, 20);
            });
            await worker.close();
        })();
    });
    const seconds = (Date.now() - started) / 1000;
    await queue.obliterate({ force: true });
    await queue.close();
    return jobs / seconds;
}
