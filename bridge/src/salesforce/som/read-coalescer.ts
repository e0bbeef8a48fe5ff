/**
 * Collects single-record lookups for a short window and answers them with one batched read.
 * Each caller still gets its own record (or undefined); a failed batch fails every caller in it.
 * While `maxInFlight` reads are out, a closed window waits for one to answer, so reads gather into
 * fuller queries under load and quiet-time latency stays one window.
 */
export class ReadCoalescer<T extends { Id: string }> {
    private pending = new Map<string, { resolve: (r: T | undefined) => void; reject: (e: unknown) => void }[]>();
    private timer?: NodeJS.Timeout;
    private inFlight = 0;
    private fireWhenFree = false;

    constructor(
        private readonly fetchMany: (ids: string[]) => Promise<T[]>,
        private readonly options: { windowMs: number; maxBatch: number; maxInFlight?: number }
    ) {}

    load(id: string): Promise<T | undefined> {
        return new Promise((resolve, reject) => {
            const waiters = this.pending.get(id) ?? [];
            waiters.push({ resolve, reject });
            this.pending.set(id, waiters);
            if (this.pending.size >= this.options.maxBatch) this.fire(true);
            else if (!this.timer && !this.fireWhenFree) this.timer = setTimeout(() => this.fire(), this.options.windowMs);
        });
    }

    private fire(full = false): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        if (!full && this.inFlight >= Math.max(1, this.options.maxInFlight ?? 1)) {
            this.fireWhenFree = true;
            return;
        }
        this.fireWhenFree = false;
        const batch = this.pending;
        this.pending = new Map();
        if (batch.size === 0) return;
        this.inFlight++;
        const settled = () => {
            this.inFlight--;
            if (this.fireWhenFree) this.fire();
        };
        this.fetchMany([...batch.keys()]).finally(settled).then(
            (records) => {
                // Salesforce may answer with 15- or 18-character IDs; match on the case-sensitive 15.
                const byId = new Map(records.map((r) => [r.Id.slice(0, 15), r]));
                for (const [id, waiters] of batch) for (const w of waiters) w.resolve(byId.get(id.slice(0, 15)));
            },
            (err: unknown) => {
                for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
            }
        );
    }
}
