/**
 * `POST /composite/batch`: up to 25 independent subrequests run in order, each committing on its own
 * (documented "Composite Batch"; unlike `/composite`, no references between them). Subrequest URLs are
 * relative to `/services/data` (`v66.0/sobjects/Account/001...`) and carry their input in `richInput`.
 * With `haltOnError`, the first 4xx/5xx answer stops the batch and every later subrequest answers 412
 * BATCH_PROCESSING_HALTED; the batch itself answers 200 with `hasErrors`. A malformed subrequest refuses
 * the whole batch with 400 before anything runs.
 */
import type { ApiHandler, ApiRequest } from './api-types.ts';
import type { Dispatcher } from './api-router.ts';
import { sfError } from './salesforce-error.ts';

export const BATCH_LIMIT = 25;
const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'HEAD']);
const URL_PATTERN = /^(?:\/services\/data\/)?\/?v(\d+\.\d+)(\/[^?]*)?(?:\?(.*))?$/;

interface BatchSubrequest {
    method: string;
    url: string;
    richInput?: unknown;
}

function parse(body: unknown, parent: ApiRequest): { haltOnError: boolean; requests: ApiRequest[] } {
    const input = (body ?? {}) as { batchRequests?: unknown; haltOnError?: unknown };
    if (!Array.isArray(input.batchRequests) || input.batchRequests.length === 0) {
        throw sfError(400, 'INVALID_API_INPUT', "The request body must have a non-empty 'batchRequests' array");
    }
    if (input.batchRequests.length > BATCH_LIMIT) {
        // The limit of 25 is documented; the wording of the refusal is not.
        throw sfError(400, 'INVALID_API_INPUT', `A batch can contain at most ${BATCH_LIMIT} subrequests, found ${input.batchRequests.length}`);
    }
    const requests = (input.batchRequests as BatchSubrequest[]).map((sub, i) => {
        const method = typeof sub?.method === 'string' ? sub.method.toUpperCase() : '';
        if (!METHODS.has(method)) throw sfError(400, 'INVALID_API_INPUT', `batchRequests[${i}].method must be one of ${[...METHODS].join(', ')}`);
        const match = typeof sub.url === 'string' ? URL_PATTERN.exec(sub.url) : null;
        if (!match) throw sfError(400, 'INVALID_API_INPUT', `batchRequests[${i}].url must look like vXX.X/sobjects/...: ${String(sub.url)}`);
        return {
            ...parent,
            method,
            path: (match[2] ?? '').replace(/\/$/, ''),
            query: Object.fromEntries(new URLSearchParams(match[3] ?? '')),
            version: match[1],
            body: sub.richInput
        };
    });
    return { haltOnError: input.haltOnError === true, requests };
}

export const compositeBatchHandler =
    (dispatch: Dispatcher): ApiHandler =>
    (req, _params, deps) => {
        const { haltOnError, requests } = parse(req.body, req);
        const results: { statusCode: number; result: unknown }[] = [];
        let halted = false;
        for (const sub of requests) {
            if (halted) {
                results.push({ statusCode: 412, result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }] });
                continue;
            }
            const response = dispatch(sub, deps);
            results.push({ statusCode: response.status, result: response.body ?? null });
            if (response.status >= 400 && haltOnError) halted = true;
        }
        return { status: 200, body: { hasErrors: results.some((r) => r.statusCode >= 400), results } };
    };
