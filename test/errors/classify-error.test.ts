import { expect } from 'chai';
import { z } from 'zod';
import { classifyError, parseRetryAfter } from '../../bridge/src/errors/classify-error.ts';
import { PermanentError, TransientError } from '../../bridge/src/errors/bridge-error.ts';
import { retryDelayMs } from '../../bridge/src/errors/retry-policy.ts';

/** Shaped like jsforce's HttpApiError: name and errorCode are Salesforce's code, data the body. */
function jsforceError(errorCode: string, message: string): Error {
    return Object.assign(new Error(message), { name: errorCode, errorCode, data: [{ errorCode, message }] });
}

describe('errors/classify-error', () => {
    const cases: [string, unknown, 'TransientError' | 'PermanentError', string][] = [
        ['row lock', jsforceError('UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record'), 'TransientError', 'ROW_LOCKED'],
        ['daily API limit', jsforceError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), 'TransientError', 'API_LIMIT_EXCEEDED'],
        ['expired session', jsforceError('INVALID_SESSION_ID', 'Session expired or invalid'), 'TransientError', 'SESSION_EXPIRED'],
        ['jsforce non-JSON 503', Object.assign(new Error('Service Unavailable'), { errorCode: 'ERROR_HTTP_503' }), 'TransientError', 'UNAVAILABLE'],
        ['HTTP 502', { status: 502, message: 'Bad Gateway' }, 'TransientError', 'SERVER_ERROR'],
        ['HTTP 504', { statusCode: 504, message: 'Gateway Timeout' }, 'TransientError', 'TIMEOUT'],
        ['socket reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'TransientError', 'NETWORK'],
        ['fetch failure', Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 'TransientError', 'NETWORK'],
        ['socket timeout', Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }), 'TransientError', 'TIMEOUT'],
        ['abort signal timeout', Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'TransientError', 'TIMEOUT'],
        ['validation rule', jsforceError('FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Tracking number required'), 'PermanentError', 'VALIDATION_FAILED'],
        ['duplicate', jsforceError('DUPLICATE_VALUE', 'duplicate value found'), 'PermanentError', 'DUPLICATE'],
        ['HTTP 400', { status: 400, message: 'Bad Request' }, 'PermanentError', 'REJECTED'],
        ['HTTP 404', { status: 404, message: 'Not Found' }, 'PermanentError', 'NOT_FOUND'],
        ['zod', (() => { try { z.object({ a: z.string() }).parse({}); } catch (e) { return e; } })(), 'PermanentError', 'VALIDATION_FAILED'],
        ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')"), 'PermanentError', 'UNEXPECTED']
    ];
    for (const [label, input, klass, code] of cases) {
        it(`classifies ${label} as ${klass} ${code}`, () => {
            const err = classifyError(input, { adapter: 'test' });
            expect(err.name).to.equal(klass);
            expect(err.code).to.equal(code);
            expect(err.context.adapter).to.equal('test');
            expect(err.cause).to.equal(input);
        });
    }

    it('honours Retry-After on 429 in seconds and as a date', () => {
        const err = classifyError({ status: 429, message: 'Too Many Requests', headers: { 'Retry-After': '120' } });
        expect(err).to.be.instanceOf(TransientError);
        expect(err.code).to.equal('RATE_LIMITED');
        expect((err as TransientError).retryAfterMs).to.equal(120_000);
        expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).to.equal(30_000);
        expect(retryDelayMs({ baseMs: 1000 }, 1, err as TransientError, () => 0)).to.equal(120_000);
    });

    it('passes BridgeErrors through, adding missing context only', () => {
        const original = new PermanentError('UNKNOWN_SKU', 'SKU X unknown', { context: { adapter: 'wms' } });
        const err = classifyError(original, { adapter: 'other', orderSummaryId: '1Os' });
        expect(err).to.equal(original);
        expect(err.context).to.deep.equal({ adapter: 'wms', orderSummaryId: '1Os' });
    });
});

describe('errors/retry-policy', () => {
    it('grows exponentially with jitter between half and all of the step, capped', () => {
        const err = new TransientError('NETWORK', 'x');
        expect(retryDelayMs({ baseMs: 1000 }, 1, err, () => 0)).to.equal(500);
        expect(retryDelayMs({ baseMs: 1000 }, 1, err, () => 1)).to.equal(1000);
        expect(retryDelayMs({ baseMs: 1000 }, 4, err, () => 1)).to.equal(8000);
        expect(retryDelayMs({ baseMs: 1000, maxMs: 5000 }, 10, err, () => 1)).to.equal(5000);
    });

    it('waits much longer for limits', () => {
        const limit = new TransientError('API_LIMIT_EXCEEDED', 'x');
        expect(retryDelayMs({ baseMs: 1000 }, 1, limit, () => 1)).to.equal(30_000);
        expect(retryDelayMs({ baseMs: 1000 }, 20, limit, () => 1)).to.equal(3_600_000);
    });
});
