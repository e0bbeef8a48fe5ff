/**
 * Readiness checks registered by the parts of the bridge (Redis, Salesforce auth, subscriptions,
 * adapters). `/readyz` runs them all, each with a timeout, and is ready only when every one passes.
 */

/** Resolves (optionally with a detail string) when healthy; throws or rejects when not. */
export type ReadinessCheck = () => Promise<string | void>;

export interface ReadinessResult {
    ready: boolean;
    checks: Record<string, { ok: boolean; detail?: string }>;
}

export class ReadinessRegistry {
    private readonly checks = new Map<string, ReadinessCheck>();

    constructor(private readonly timeoutMs = 2000) {}

    /** Adds or replaces a named check. Returns a function that removes it. */
    register(name: string, check: ReadinessCheck): () => void {
        this.checks.set(name, check);
        return () => {
            if (this.checks.get(name) === check) this.checks.delete(name);
        };
    }

    async run(): Promise<ReadinessResult> {
        const entries = await Promise.all(
            [...this.checks].map(async ([name, check]) => {
                let timer: NodeJS.Timeout | undefined;
                try {
                    const timeout = new Promise<never>((_, reject) => {
                        timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
                    });
                    const detail = await Promise.race([check(), timeout]);
                    return [name, { ok: true, ...(detail ? { detail } : {}) }] as const;
                } catch (err) {
                    return [name, { ok: false, detail: err instanceof Error ? err.message : String(err) }] as const;
                } finally {
                    clearTimeout(timer);
                }
            })
        );
        const checks = Object.fromEntries(entries);
        return { ready: entries.every(([, r]) => r.ok), checks };
    }
}
