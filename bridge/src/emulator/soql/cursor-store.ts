/**
 * Server-side query cursors behind `nextRecordsUrl`. Salesforce keeps a query locator for two days
 * (help article 000004410) and a bounded number per user; the emulator keeps them for a configurable
 * time and at most `maxCursors` at once, evicting the oldest, so memory stays bounded whatever
 * clients do with the locators they are given.
 */
import { randomBytes } from 'node:crypto';

export interface CursorStoreOptions {
    /** Most cursors held at once; the oldest is evicted beyond it. Default 100. */
    maxCursors?: number;
    /** Lifetime of a cursor in ms. Default two days, as documented for query locators. */
    ttlMs?: number;
    now: () => number;
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Query locators are 18 characters and start with 0r8 (help article 000004410). */
const LOCATOR_PREFIX = '0r8';

export class CursorStore<T> {
    private readonly entries = new Map<string, { value: T; expiresAt: number }>();
    private readonly maxCursors: number;
    private readonly ttlMs: number;

    constructor(private readonly options: CursorStoreOptions) {
        this.maxCursors = options.maxCursors ?? 100;
        this.ttlMs = options.ttlMs ?? 2 * 24 * 60 * 60 * 1000;
    }

    /** Stores `value` and returns its new locator. */
    open(value: T): string {
        this.sweep();
        while (this.entries.size >= this.maxCursors) {
            const oldest = this.entries.keys().next().value as string;
            this.entries.delete(oldest);
        }
        const locator = this.newLocator();
        this.entries.set(locator, { value, expiresAt: this.options.now() + this.ttlMs });
        return locator;
    }

    /** The cursor for a locator, or undefined when unknown, evicted or expired. */
    get(locator: string): T | undefined {
        const entry = this.entries.get(locator);
        if (!entry) return undefined;
        if (entry.expiresAt <= this.options.now()) {
            this.entries.delete(locator);
            return undefined;
        }
        return entry.value;
    }

    close(locator: string): void {
        this.entries.delete(locator);
    }

    get size(): number {
        return this.entries.size;
    }

    private sweep(): void {
        const now = this.options.now();
        for (const [locator, entry] of this.entries) {
            if (entry.expiresAt <= now) this.entries.delete(locator);
        }
    }

    private newLocator(): string {
        let locator: string;
        do {
            const bytes = randomBytes(15);
            locator =
                LOCATOR_PREFIX + Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
        } while (this.entries.has(locator));
        return locator;
    }
}
