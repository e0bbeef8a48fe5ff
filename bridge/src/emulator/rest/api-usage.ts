/**
 * The daily API request allowance: every authenticated REST call counts (a Composite call counts once), per
 * endpoint too, so tests and benchmarks can measure how many calls the bridge makes. The window is a rolling
 * 24 hours approximated by resetting 24 h after the first counted call.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ApiUsageOptions {
    /** Calls allowed per 24 h (default 100,000, an Enterprise org's base allowance). */
    dailyLimit?: number;
    now?: () => number;
}

export class ApiUsage {
    readonly dailyLimit: number;
    private readonly now: () => number;
    private used = 0;
    private windowStart: number | undefined;
    private readonly byEndpoint = new Map<string, number>();

    constructor(options: ApiUsageOptions = {}) {
        this.dailyLimit = options.dailyLimit ?? 100_000;
        this.now = options.now ?? Date.now;
    }

    /** Counts one call to `endpoint`; false (and not counted) when the allowance is used up. */
    record(endpoint: string): boolean {
        this.roll();
        if (this.used >= this.dailyLimit) return false;
        this.used++;
        this.byEndpoint.set(endpoint, (this.byEndpoint.get(endpoint) ?? 0) + 1);
        return true;
    }

    /** `Sforce-Limit-Info` header value. */
    header(): string {
        this.roll();
        return `api-usage=${this.used}/${this.dailyLimit}`;
    }

    get count(): number {
        this.roll();
        return this.used;
    }

    get remaining(): number {
        return Math.max(0, this.dailyLimit - this.count);
    }

    endpoints(): Record<string, number> {
        return Object.fromEntries([...this.byEndpoint].sort(([a], [b]) => a.localeCompare(b)));
    }

    reset(): void {
        this.used = 0;
        this.windowStart = undefined;
        this.byEndpoint.clear();
    }

    private roll(): void {
        const now = this.now();
        if (this.windowStart === undefined) this.windowStart = now;
        if (now - this.windowStart >= DAY_MS) {
            this.windowStart = now;
            this.used = 0;
            this.byEndpoint.clear();
        }
    }
}
