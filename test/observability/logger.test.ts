import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger, withCorrelation } from '../../bridge/src/observability/logger.ts';
import { Redactor } from '../../bridge/src/observability/redact.ts';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[]; raw: () => string } {
    let text = '';
    const stream = new Writable({
        write(chunk, _enc, done) {
            text += chunk.toString();
            done();
        }
    });
    return {
        stream,
        raw: () => text,
        lines: () =>
            text
                .split('\n')
                .filter(Boolean)
                .map((l) => JSON.parse(l) as Record<string, unknown>)
    };
}

describe('observability/logger', () => {
    const secretValues = ['s3cr3t-client-value', '00Dxx0000001gPL!AQ4AQFakeAccessToken123'];

    it('writes JSON lines with the correlation ID', () => {
        const out = capture();
        const logger = withCorrelation(createLogger({ destination: out.stream, format: 'json' }), 'corr-1', { orderSummaryId: '1Os1' });
        logger.info({ step: 'wms-submit' }, 'sent');
        const [line] = out.lines();
        expect(line).to.include({ correlationId: 'corr-1', orderSummaryId: '1Os1', step: 'wms-submit', msg: 'sent' });
    });

    it('never writes a secret: not in fields, nested objects, messages, headers or errors', () => {
        const out = capture();
        const redactor = new Redactor([secretValues[0]]);
        const logger = createLogger({ destination: out.stream, format: 'json', redactor });
        redactor.addSecret(secretValues[1]);
        logger.info({ auth: { clientSecret: secretValues[0], privateKey: '-----BEGIN PRIVATE KEY-----abc' } }, 'login');
        logger.info({ headers: { Authorization: `Bearer ${secretValues[1]}`, accept: 'json' } }, 'request');
        logger.warn(`token refresh failed for ${secretValues[1]}`);
        logger.error({ err: new Error(`bad client secret ${secretValues[0]}`) }, 'auth failed');
        logger.info({ access_token: 'short-but-named', nested: [{ refresh_token: 'rt-value-12345' }] }, 'token');
        const text = out.raw();
        for (const v of [...secretValues, 'BEGIN PRIVATE KEY', 'short-but-named', 'rt-value-12345']) {
            expect(text).not.to.include(v);
        }
        expect(text).to.include('[REDACTED]');
        expect(out.lines()).to.have.length(5);
        expect(out.lines()[1]).to.have.nested.property('headers.accept', 'json');
    });
});
