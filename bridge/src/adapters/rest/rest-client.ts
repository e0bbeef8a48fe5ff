/**
 * One HTTP call to a vendor API: auth header, idempotency key header, timeout (AbortSignal), JSON in
 * and out, and the classification every REST adapter shares: timeouts, network errors, 5xx and 429
 * are transient (429/503 with the vendor's Retry-After); 401/403 are auth failures (after one token
 * refresh); other statuses are returned for the adapter to interpret.
 */
import { TransientAdapterError, PermanentAdapterError, type AdapterErrorContext } from '../adapter-error.ts';
import type { AuthProvider } from './rest-auth.ts';
import { retryAfterMs } from './retry-after.ts';

export interface RestClientOptions {
    baseUrl: string;
    auth: AuthProvider;
    timeoutMs: number;
    idempotencyHeader: string;
    headers: Record<string, string>;
}

export interface RestRequest {
    method: string;
    path: string;
    body?: unknown;
    idempotencyKey?: string;
    correlationId?: string;
    signal?: AbortSignal;
}

export interface RestResponse {
    status: number;
    headers: Headers;
    /** Parsed JSON, the text when not JSON, or undefined when empty. */
    body: unknown;
}

export class RestClient {
    constructor(private readonly options: RestClientOptions) {}

    async request(request: RestRequest, context: AdapterErrorContext): Promise<RestResponse> {
        const first = await this.send(request, context);
        if (first.status !== 401) return this.classify(first, request, context);
        // A cached token may have been revoked early: fetch a new one and try once more.
        this.options.auth.invalidate();
        return this.classify(await this.send(request, context), request, context);
    }

    private async send(request: RestRequest, context: AdapterErrorContext): Promise<RestResponse> {
        const timeout = AbortSignal.timeout(this.options.timeoutMs);
        const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
        const headers: Record<string, string> = {
            accept: 'application/json',
            ...this.options.headers,
            ...(await this.options.auth.headers(context, signal))
        };
        if (request.body !== undefined) headers['content-type'] = 'application/json';
        if (request.idempotencyKey) headers[this.options.idempotencyHeader.toLowerCase()] = request.idempotencyKey;
        if (request.correlationId) headers['x-correlation-id'] = request.correlationId;
        const url = new URL(request.path.replace(/^\//, ''), this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`);
        const where = `${context.adapter} ${request.method} ${url.pathname}`;
        let response: Response;
        let text: string;
        try {
            response = await fetch(url, {
                method: request.method,
                headers,
                body: request.body === undefined ? undefined : JSON.stringify(request.body),
                signal
            });
            text = await response.text();
        } catch (err) {
            if (timeout.aborted) {
                throw new TransientAdapterError('timeout', `${where}: no answer within ${this.options.timeoutMs} ms`, context);
            }
            if (request.signal?.aborted) throw err;
            throw new TransientAdapterError('network', `${where}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`, context);
        }
        let body: unknown = undefined;
        if (text) {
            try {
                body = JSON.parse(text);
            } catch {
                body = text;
            }
        }
        return { status: response.status, headers: response.headers, body };
    }

    private classify(response: RestResponse, request: RestRequest, context: AdapterErrorContext): RestResponse {
        const where = `${context.adapter} ${request.method} ${request.path.split('?')[0]}`;
        const ctx = { ...context, vendorStatus: response.status };
        if (response.status === 429) {
            throw new TransientAdapterError('rate_limited', `${where}: rate limited (429)`, ctx, { retryAfterMs: retryAfterMs(response.headers) ?? 1000 });
        }
        if (response.status >= 500) {
            throw new TransientAdapterError('unavailable', `${where}: vendor error ${response.status}`, ctx, { retryAfterMs: retryAfterMs(response.headers) });
        }
        if (response.status === 401 || response.status === 403) {
            throw new PermanentAdapterError('auth_failed', `${where}: refused with ${response.status}; check the credentials`, ctx);
        }
        return response;
    }
}
