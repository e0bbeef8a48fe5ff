/**
 * Collects single-record lookups for a short window and answers them with one batched read.
 * Each caller still gets its own record (or undefined); a failed batch fails every caller in it.
 */
export class ReadCoalescer<T extends { Id: string }> {
    private pending = new Map<string, { resolve: (r: T | undefined) => void; reject: (e: unknown) => void }[]>();
    private timer?: NodeJS.Timeout;

    constructor(
        private readonly fetchMany: (ids: string[]) => Promise<T[]>,
        private readonly options: { windowMs: number; maxBatch: number }
    ) {}

    load(id: string): Promise<T | undefined> {
        return new Promise((resolve, reject) => {
            const waiters = this.pending.get(id) ?? [];
            waiters.push({ resolve, reject });
            this.pending.set(id, waiters);
            if (this.pending.size >= this.options.maxBatch) this.fire();
            else if (!this.timer) this.timer = setTimeout(() => this.fire(), this.options.windowMs);
        });
    }

    private fire(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        const batch = this.pending;
        this.pending = new Map();
        if (batch.size === 0) return;
        this.fetchMany([...batch.keys()]).then(
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
