/**
 * The retained events of one channel, oldest first. Replay IDs only grow, so lookups are binary
 * searches and retention is a cut at the head. Memory is bounded twice: by age (the retention window)
 * and by count (`capacity`), whichever bites first; an event dropped for either reason is "outside
 * retention" and its replay ID stops being valid, as on the platform.
 */
import type { BusEvent } from '../contracts.ts';

export class EventLog {
    private events: BusEvent[] = [];
    /** Index of the oldest live event; the array is compacted lazily so trimming the head is O(1). */
    private head = 0;

    constructor(private readonly capacity: number) {
        if (!Number.isInteger(capacity) || capacity < 1) {
            throw new RangeError(`EventLog capacity must be a positive integer, got ${capacity}`);
        }
    }

    get size(): number {
        return this.events.length - this.head;
    }

    append(event: BusEvent): void {
        const last = this.events[this.events.length - 1];
        if (this.size > 0 && last.replayId >= event.replayId) {
            throw new RangeError(`replayId ${event.replayId} is not above the last one (${last.replayId}) on ${event.channel}`);
        }
        this.events.push(event);
        if (this.size > this.capacity) this.head += this.size - this.capacity;
        this.compact();
    }

    /** Every retained event, oldest first. */
    all(): BusEvent[] {
        return this.events.slice(this.head);
    }

    /** Retained events with a replay ID strictly above `replayId`. */
    after(replayId: number): BusEvent[] {
        return this.events.slice(this.firstIndexAbove(replayId));
    }

    /** True when an event with exactly this replay ID is still retained. */
    holds(replayId: number): boolean {
        const index = this.firstIndexAbove(replayId - 1);
        return index < this.events.length && this.events[index].replayId === replayId;
    }

    /** Drops events published before `epochMs`; returns how many were dropped. */
    purgeOlderThan(epochMs: number): number {
        const sizeBefore = this.size;
        while (this.head < this.events.length && this.events[this.head].publishedAt < epochMs) this.head += 1;
        this.compact();
        return sizeBefore - this.size;
    }

    private firstIndexAbove(replayId: number): number {
        let low = this.head;
        let high = this.events.length;
        while (low < high) {
            const mid = (low + high) >>> 1;
            if (this.events[mid].replayId > replayId) high = mid;
            else low = mid + 1;
        }
        return low;
    }

    private compact(): void {
        if (this.head > 1024 && this.head * 2 > this.events.length) {
            this.events = this.events.slice(this.head);
            this.head = 0;
        }
    }
}
