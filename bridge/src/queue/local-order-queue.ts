/**
 * Jobs of one order that reach the same process wait their turn here, in arrival order, before they
 * try the Redis order lock. Without it, the second of two jobs that arrive together finds the lock taken
 * and goes back to BullMQ as a delayed job, which costs several Redis round trips and gives up the order
 * in which the jobs arrived. Waiting is bounded: after `maxWaitMs` a job goes on to the Redis lock
 * (and, if that is still held, to the delayed path), so a stuck job never blocks its order's others
 * for longer than that here.
 */
export class LocalOrderQueue {
    private readonly tails = new Map<string, Promise<void>>();

    constructor(private readonly maxWaitMs: number) {}

    /** Resolves when every earlier job of `key` in this process has left (or the wait bound passed); call the result to leave. */
    async enter(key: string): Promise<() => void> {
        const previous = this.tails.get(key) ?? Promise.resolve();
        let leave!: () => void;
        const mine = new Promise<void>((resolve) => (leave = resolve));
        const tail = previous.then(() => mine);
        this.tails.set(key, tail);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([previous, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.maxWaitMs)))]);
        clearTimeout(timer);
        return () => {
            leave();
            // The last in line removes the entry, so the map holds only orders with jobs in this process.
            if (this.tails.get(key) === tail) this.tails.delete(key);
        };
    }

    /** Orders with a job waiting or running here. */
    get size(): number {
        return this.tails.size;
    }
}
