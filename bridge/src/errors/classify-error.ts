/**
 * The one place that decides whether a failure is worth retrying. Adapters may throw raw errors
 * (jsforce `HttpApiError`, fetch/undici failures, Node socket errors, zod validation errors); this
 * maps each to a TransientError or PermanentError exactly once, keeping the original as `cause`.
 */
import { BridgeError, PermanentError, TransientError, type BridgeErrorCode, type BridgeErrorContext } from './bridge-error.ts';

/** Salesforce `errorCode`s that clear up on their own. */
const SALESFORCE_TRANSIENT: Record<string, BridgeErrorCode> = {
    UNABLE_TO_LOCK_ROW: 'ROW_LOCKED',
    REQUEST_LIMIT_EXCEEDED: 'API_LIMIT_EXCEEDED',
    CONCURRENT_REQUESTS_LIMIT_EXCEEDED: 'API_LIMIT_EXCEEDED',
    REQUEST_RUNNING_TOO_LONG: 'TIMEOUT',
    SERVER_UNAVAILABLE: 'UNAVAILABLE',
    INVALID_SESSION_ID: 'SESSION_EXPIRED',
    QUERY_TIMEOUT: 'TIMEOUT'
};

/** Salesforce `errorCode`s that map to a more precise permanent code than REJECTED. */
const SALESFORCE_PERMANENT: Record<string, BridgeErrorCode> = {
    FIELD_CUSTOM_VALIDATION_EXCEPTION: 'VALIDATION_FAILED',
    REQUIRED_FIELD_MISSING: 'VALIDATION_FAILED',
    INVALID_FIELD: 'VALIDATION_FAILED',
    INVALID_TYPE: 'VALIDATION_FAILED',
    STRING_TOO_LONG: 'VALIDATION_FAILED',
    INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'VALIDATION_FAILED',
    MALFORMED_ID: 'VALIDATION_FAILED',
    JSON_PARSER_ERROR: 'VALIDATION_FAILED',
    NOT_FOUND: 'NOT_FOUND',
    ENTITY_IS_DELETED: 'NOT_FOUND',
    DUPLICATE_VALUE: 'DUPLICATE',
    MULTIPLE_CHOICES: 'DUPLICATE'
};

const NETWORK_CODES = new Set([
    'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH',
    'ENETUNREACH', 'ENETDOWN', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ERR_STREAM_PREMATURE_CLOSE'
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

type Loose = Record<string, unknown>;

function field(value: unknown, key: string): unknown {
    return value && typeof value === 'object' ? (value as Loose)[key] : undefined;
}

function asString(value: unknown): string | undefined {
    return typeof value === 'string' && value ? value : undefined;
}

/** HTTP status from the shapes clients use: `status`, `statusCode`, `response.status`. */
function httpStatusOf(err: unknown): number | undefined {
    for (const candidate of [field(err, 'statusCode'), field(err, 'status'), field(field(err, 'response'), 'status')]) {
        if (typeof candidate === 'number' && candidate >= 100 && candidate < 600) return candidate;
    }
    const code = asString(field(err, 'errorCode'));
    const fromJsforce = code && /^ERROR_HTTP_(\d{3})$/.exec(code);
    return fromJsforce ? Number(fromJsforce[1]) : undefined;
}

function headerOf(err: unknown, name: string): string | undefined {
    const headers = field(err, 'headers') ?? field(field(err, 'response'), 'headers');
    if (!headers) return undefined;
    if (typeof (headers as { get?: unknown }).get === 'function') {
        const value = (headers as { get(n: string): unknown }).get(name);
        return typeof value === 'string' ? value : undefined;
    }
    for (const [key, value] of Object.entries(headers as Loose)) {
        if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : asString(value);
    }
    return undefined;
}

/** `Retry-After` as milliseconds: either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
    if (!value) return undefined;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Salesforce's own code: jsforce puts it on `errorCode`; raw bodies are `[{errorCode, message}]`. */
function salesforceCodeOf(err: unknown): string | undefined {
    const direct = asString(field(err, 'errorCode'));
    if (direct && !/^ERROR_HTTP_/.test(direct)) return direct;
    const data = field(err, 'data') ?? field(err, 'body');
    const first = Array.isArray(data) ? data[0] : data;
    return asString(field(first, 'errorCode'));
}

function messageOf(err: unknown): string {
    if (err instanceof Error) return err.message || err.name;
    if (typeof err === 'string') return err;
    return asString(field(err, 'message')) ?? 'unknown failure';
}

function isZodError(err: unknown): boolean {
    return err instanceof Error && err.name === 'ZodError' && Array.isArray(field(err, 'issues'));
}

/** Maps any thrown value to a BridgeError; BridgeErrors pass through with the extra context merged in. */
export function classifyError(err: unknown, context: BridgeErrorContext = {}): BridgeError {
    if (err instanceof BridgeError) {
        Object.assign(err.context, Object.fromEntries(Object.entries(context).filter(([k]) => err.context[k] === undefined)));
        return err;
    }
    const message = messageOf(err);
    const status = httpStatusOf(err);
    const sfCode = salesforceCodeOf(err);
    const nodeCode = asString(field(err, 'code')) ?? asString(field(field(err, 'cause'), 'code'));
    const ctx: BridgeErrorContext = { ...context };
    if (status !== undefined) ctx.httpStatus = status;
    if (sfCode) ctx.remoteCode = sfCode;
    const opts = { cause: err, context: ctx };

    if (sfCode && SALESFORCE_TRANSIENT[sfCode]) return new TransientError(SALESFORCE_TRANSIENT[sfCode], message, opts);
    if (status === 429) {
        const retryAfterMs = parseRetryAfter(headerOf(err, 'retry-after'));
        return new TransientError('RATE_LIMITED', message, { ...opts, retryAfterMs });
    }
    if (status === 503) {
        const retryAfterMs = parseRetryAfter(headerOf(err, 'retry-after'));
        return new TransientError('UNAVAILABLE', message, { ...opts, retryAfterMs });
    }
    if (status === 408 || status === 504) return new TransientError('TIMEOUT', message, opts);
    if (status !== undefined && status >= 500) return new TransientError('SERVER_ERROR', message, opts);
    if (sfCode && SALESFORCE_PERMANENT[sfCode]) return new PermanentError(SALESFORCE_PERMANENT[sfCode], message, opts);
    if (status === 404) return new PermanentError('NOT_FOUND', message, opts);
    if (status === 409) return new PermanentError('DUPLICATE', message, opts);
    if (status !== undefined && status >= 400) return new PermanentError('REJECTED', message, opts);
    if (nodeCode && TIMEOUT_CODES.has(nodeCode)) return new TransientError('TIMEOUT', message, opts);
    if (nodeCode && NETWORK_CODES.has(nodeCode)) return new TransientError('NETWORK', message, opts);
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
        return new TransientError('TIMEOUT', message, opts);
    }
    if (err instanceof TypeError && message === 'fetch failed') return new TransientError('NETWORK', message, opts);
    if (isZodError(err)) return new PermanentError('VALIDATION_FAILED', message, opts);
    if (sfCode) return new PermanentError('REJECTED', message, opts);
    // An unknown bug retried eight times wastes hours; surface it to a person at once.
    return new PermanentError('UNEXPECTED', message, opts);
}
