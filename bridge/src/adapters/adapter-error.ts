/**
 * Errors every adapter maps vendor failures onto, once, at its edge. The class says what happens next:
 * a TransientAdapterError may succeed on retry (after `retryAfterMs` when the vendor said so); a
 * PermanentAdapterError will fail the same way until someone fixes the data or the vendor's setup.
 * Messages never carry secrets: adapters build them from status codes and vendor error codes only.
 */

/** Closed list of failure codes; the queue decides retries and exceptions on these, not on text. */
export type AdapterErrorCode =
    // transient
    | 'timeout'
    | 'network'
    | 'unavailable'
    | 'rate_limited'
    // permanent
    | 'unknown_customer'
    | 'unknown_sku'
    | 'closed_period'
    | 'invalid_request'
    | 'rejected'
    | 'auth_failed'
    | 'not_found'
    | 'bad_response';

/** Context that makes an error traceable without the payload itself. */
export interface AdapterErrorContext {
    /** Adapter name, e.g. `sandbox-wms`, `rest-erp`. */
    adapter: string;
    /** Operation, e.g. `submitFulfillmentOrder`. */
    operation: string;
    /** The document the call was about (FO ID, invoice ID). */
    recordId?: string;
    idempotencyKey?: string;
    /** HTTP status or vendor error code, when there was one. */
    vendorStatus?: number | string;
}

export abstract class AdapterError extends Error {
    abstract readonly retryable: boolean;
    readonly code: AdapterErrorCode;
    readonly context: AdapterErrorContext;

    constructor(code: AdapterErrorCode, message: string, context: AdapterErrorContext, options?: { cause?: unknown }) {
        super(message, options);
        this.code = code;
        this.context = context;
    }
}

export class TransientAdapterError extends AdapterError {
    readonly retryable = true;
    /** Wait at least this long before the next attempt (from Retry-After or the vendor's advice). */
    readonly retryAfterMs?: number;

    constructor(
        code: AdapterErrorCode,
        message: string,
        context: AdapterErrorContext,
        options?: { cause?: unknown; retryAfterMs?: number }
    ) {
        super(code, message, context, options);
        this.name = 'TransientAdapterError';
        this.retryAfterMs = options?.retryAfterMs;
    }
}

export class PermanentAdapterError extends AdapterError {
    readonly retryable = false;

    constructor(code: AdapterErrorCode, message: string, context: AdapterErrorContext, options?: { cause?: unknown }) {
        super(code, message, context, options);
        this.name = 'PermanentAdapterError';
    }
}

export function isAdapterError(err: unknown): err is AdapterError {
    return err instanceof AdapterError;
}
