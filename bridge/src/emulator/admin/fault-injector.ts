/**
 * Faults the emulator injects on request (admin API, test and demo modes only): failing the next N REST calls
 * with a given error, dropping the next N connections, and adding latency. The REST layer and the CometD server
 * consult it on every request.
 */
import type { SalesforceErrorItem } from '../rest/salesforce-error.ts';

export type RestFaultKind = 'UNABLE_TO_LOCK_ROW' | 'REQUEST_LIMIT_EXCEEDED' | 'SERVER_UNAVAILABLE';

export const REST_FAULT_KINDS: RestFaultKind[] = ['UNABLE_TO_LOCK_ROW', 'REQUEST_LIMIT_EXCEEDED', 'SERVER_UNAVAILABLE'];

/** A canned failure response. */
export interface RestFault {
    kind: RestFaultKind;
    statusCode: number;
    body: SalesforceErrorItem[];
}

const FAULTS: Record<RestFaultKind, Omit<RestFault, 'kind'>> = {
    UNABLE_TO_LOCK_ROW: {
        statusCode: 400,
        body: [{ message: 'unable to obtain exclusive access to this record', errorCode: 'UNABLE_TO_LOCK_ROW', fields: [] }]
    },
    REQUEST_LIMIT_EXCEEDED: { statusCode: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] },
    // Salesforce's maintenance/overload answer; the body shape is not documented, so the usual error array is used.
    SERVER_UNAVAILABLE: { statusCode: 503, body: [{ message: 'Server is temporarily unavailable. Please try again later.', errorCode: 'SERVER_UNAVAILABLE' }] }
};

export class FaultInjector {
    private readonly queued: RestFaultKind[] = [];
    private connectionsToDrop = 0;
    private latency = 0;
    private injected = 0;

    /** Answer the next `count` REST calls with `kind` (queued after any faults already waiting). */
    failNext(kind: RestFaultKind, count = 1): void {
        if (!REST_FAULT_KINDS.includes(kind)) throw new Error(`unknown fault '${String(kind)}'; use one of ${REST_FAULT_KINDS.join(', ')}`);
        for (let i = 0; i < count; i++) this.queued.push(kind);
    }

    /** The fault for this call, if one is queued (consumes it). */
    takeRestFault(): RestFault | undefined {
        const kind = this.queued.shift();
        if (!kind) return undefined;
        this.injected++;
        return { kind, ...FAULTS[kind], body: FAULTS[kind].body.map((e) => ({ ...e })) };
    }

    /** Close the next `count` incoming connections without an answer. */
    dropNext(count = 1): void {
        this.connectionsToDrop += count;
    }

    /** True when this connection is to be dropped (consumes one). */
    shouldDropConnection(): boolean {
        if (this.connectionsToDrop <= 0) return false;
        this.connectionsToDrop--;
        this.injected++;
        return true;
    }

    /** Delay added to every REST answer, in ms (0 turns it off). */
    setLatency(ms: number): void {
        if (!Number.isFinite(ms) || ms < 0) throw new Error(`latency must be a non-negative number of ms, got ${ms}`);
        this.latency = ms;
    }

    get latencyMs(): number {
        return this.latency;
    }

    reset(): void {
        this.queued.length = 0;
        this.connectionsToDrop = 0;
        this.latency = 0;
    }

    status() {
        return { pendingRestFaults: [...this.queued], connectionsToDrop: this.connectionsToDrop, latencyMs: this.latency, injectedSoFar: this.injected };
    }
}
