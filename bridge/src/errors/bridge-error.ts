/**
 * The bridge's error vocabulary. Every failure that crosses a module boundary is (or is turned into)
 * a BridgeError, whose `retryable` flag decides what the pipeline does next: retry with backoff
 * (TransientError) or dead-letter at once and tell a person (PermanentError).
 */

/** Closed list of failure codes; each names a cause an operator can act on. */
export type BridgeErrorCode =
    // transient
    | 'NETWORK'
    | 'TIMEOUT'
    | 'SERVER_ERROR'
    | 'ROW_LOCKED'
    | 'RATE_LIMITED'
    | 'API_LIMIT_EXCEEDED'
    | 'SESSION_EXPIRED'
    | 'UNAVAILABLE'
    // permanent
    | 'VALIDATION_FAILED'
    | 'UNKNOWN_SKU'
    | 'UNKNOWN_LOCATION'
    | 'MAPPING_FAILED'
    | 'NOT_FOUND'
    | 'REJECTED'
    | 'DUPLICATE'
    | 'CONFIGURATION'
    | 'STALLED'
    | 'UNEXPECTED';

/** Where a failure happened; every field optional, all of them safe to log. */
export interface BridgeErrorContext {
    recordId?: string;
    replayId?: string;
    adapter?: string;
    orderSummaryId?: string;
    /** HTTP status answered by the remote system, when there was one. */
    httpStatus?: number;
    /** The remote system's own error code (Salesforce `errorCode`, a WMS reason code...). */
    remoteCode?: string;
    [key: string]: string | number | boolean | undefined;
}

export interface BridgeErrorOptions {
    cause?: unknown;
    context?: BridgeErrorContext;
}

export abstract class BridgeError extends Error {
    abstract readonly retryable: boolean;
    readonly code: BridgeErrorCode;
    readonly context: BridgeErrorContext;

    protected constructor(code: BridgeErrorCode, message: string, options: BridgeErrorOptions = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.code = code;
        this.context = options.context ?? {};
    }

    /** A plain, log-safe view (no stack, no cause object). */
    toJSON(): Record<string, unknown> {
        return { name: this.name, code: this.code, retryable: this.retryable, message: this.message, context: this.context };
    }
}

/** Worth retrying: the same request may succeed later (network, 5xx, row locks, limits). */
export class TransientError extends BridgeError {
    readonly retryable = true;
    /** Minimum wait the remote system asked for (Retry-After), in milliseconds. */
    readonly retryAfterMs?: number;

    constructor(code: BridgeErrorCode, message: string, options: BridgeErrorOptions & { retryAfterMs?: number } = {}) {
        super(code, message, options);
        this.name = 'TransientError';
        this.retryAfterMs = options.retryAfterMs;
    }
}

/** Retrying cannot help until a person fixes data or configuration. */
export class PermanentError extends BridgeError {
    readonly retryable = false;

    constructor(code: BridgeErrorCode, message: string, options: BridgeErrorOptions = {}) {
        super(code, message, options);
        this.name = 'PermanentError';
    }
}

/** Codes whose retries should wait much longer than a plain network blip. */
export const LIMIT_CODES: ReadonlySet<BridgeErrorCode> = new Set(['RATE_LIMITED', 'API_LIMIT_EXCEEDED']);

export function isBridgeError(err: unknown): err is BridgeError {
    return err instanceof BridgeError;
}
