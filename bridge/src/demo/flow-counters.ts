/**
 * Counts order-to-cash milestones in this process, for the live progress line of `npm start` and for
 * the benchmark. Exceptions are counted by the caller that raises them.
 */
import type { FlowMilestone, FlowProgress } from '../flows/order-to-cash/order-to-cash-deps.ts';

export class FlowCounters implements FlowProgress {
    readonly counts = new Map<FlowMilestone, number>();
    private readonly listeners = new Set<(name: FlowMilestone, detail?: { fulfillmentOrderId?: string }) => void>();

    milestone(name: FlowMilestone, detail?: { fulfillmentOrderId?: string }): void {
        this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
        for (const listener of this.listeners) listener(name, detail);
    }

    get(name: FlowMilestone): number {
        return this.counts.get(name) ?? 0;
    }

    onMilestone(listener: (name: FlowMilestone, detail?: { fulfillmentOrderId?: string }) => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
}
