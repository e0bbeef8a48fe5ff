/**
 * Renders a configured endpoint (path + body template) against a context and sends it. A template
 * that cannot be filled is the configuration's or the data's fault, so it is a permanent error that
 * names every missing value.
 */
import type { RestEndpointConfig } from '../../config/sections/adapters-http.ts';
import { renderPath, renderTemplate, type JsonValue } from '../../mappings/template/json-template.ts';
import { PermanentAdapterError, type AdapterErrorContext } from '../adapter-error.ts';
import type { RestClient, RestResponse } from './rest-client.ts';

export async function callEndpoint(
    client: RestClient,
    endpoint: RestEndpointConfig,
    context: Record<string, unknown>,
    errorContext: AdapterErrorContext,
    extra: { idempotencyKey?: string; correlationId?: string; signal?: AbortSignal } = {}
): Promise<RestResponse> {
    const path = renderPath(endpoint.path, context);
    const body = endpoint.body === undefined ? undefined : renderTemplate(endpoint.body as JsonValue, context);
    const problems = [...(path.ok ? [] : path.problems), ...(body && !body.ok ? body.problems : [])];
    if (problems.length || !path.ok) {
        throw new PermanentAdapterError(
            'invalid_request',
            `${errorContext.adapter} ${errorContext.operation}: request template could not be filled: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
            errorContext
        );
    }
    return client.request(
        { method: endpoint.method, path: path.value, body: body?.ok ? body.value : undefined, ...extra },
        errorContext
    );
}

/** Text at a response path, or undefined. */
export function textAt(body: unknown, path: string, read: (source: unknown, path: string) => unknown): string | undefined {
    const value = read(body, path);
    return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}
