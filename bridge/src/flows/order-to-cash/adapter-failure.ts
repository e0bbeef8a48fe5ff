/**
 * Adapter errors (the vendor-neutral vocabulary of adapters/) become pipeline errors here, once, so a
 * warehouse timeout retries and an unknown SKU dead-letters with its reason intact.
 */
import { isAdapterError, type AdapterErrorCode } from '../../adapters/adapter-error.ts';
import { classifyError, PermanentError, TransientError, type BridgeErrorCode } from '../../errors/index.ts';

const TRANSIENT: Partial<Record<AdapterErrorCode, BridgeErrorCode>> = {
    timeout: 'TIMEOUT',
    network: 'NETWORK',
    unavailable: 'UNAVAILABLE',
    rate_limited: 'RATE_LIMITED'
};

const PERMANENT: Partial<Record<AdapterErrorCode, BridgeErrorCode>> = {
    unknown_sku: 'UNKNOWN_SKU',
    unknown_customer: 'REJECTED',
    closed_period: 'REJECTED',
    invalid_request: 'VALIDATION_FAILED',
    rejected: 'REJECTED',
    auth_failed: 'CONFIGURATION',
    not_found: 'NOT_FOUND',
    bad_response: 'UNEXPECTED'
};

export function fromAdapterFailure(err: unknown, recordId?: string): Error {
    if (!isAdapterError(err)) return classifyError(err, { recordId });
    const context = {
        adapter: err.context.adapter,
        recordId: err.context.recordId ?? recordId,
        remoteCode: err.code,
        httpStatus: typeof err.context.vendorStatus === 'number' ? err.context.vendorStatus : undefined
    };
    if (err.retryable) {
        const retryAfterMs = (err as { retryAfterMs?: number }).retryAfterMs;
        return new TransientError(TRANSIENT[err.code] ?? 'UNAVAILABLE', err.message, { cause: err, context, retryAfterMs });
    }
    return new PermanentError(PERMANENT[err.code] ?? 'REJECTED', err.message, { cause: err, context });
}

/** Runs an adapter call, translating its failure. */
export async function callAdapter<T>(recordId: string, call: () => Promise<T>): Promise<T> {
    try {
        return await call();
    } catch (err) {
        throw fromAdapterFailure(err, recordId);
    }
}
