/** Turns a per-record write-back result into success or the right error class. */
import { classifyError, PermanentError, TransientError } from '../../errors/index.ts';
import type { CollectionResult } from '../../salesforce/writeback/rest-port.ts';

const TRANSIENT_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'REQUEST_LIMIT_EXCEEDED', 'SERVER_UNAVAILABLE']);

export function assertWritten(result: CollectionResult, what: string): string {
    if (result.success) return result.id ?? '';
    const first = result.errors[0];
    const code = first?.statusCode ?? first?.errorCode ?? 'UNKNOWN';
    const message = `Salesforce refused ${what}: ${result.errors.map((e) => `${e.statusCode ?? e.errorCode}: ${e.message}`).join('; ')}`;
    if (TRANSIENT_CODES.has(code)) throw new TransientError(code === 'UNABLE_TO_LOCK_ROW' ? 'ROW_LOCKED' : 'API_LIMIT_EXCEEDED', message, { context: { remoteCode: code } });
    throw new PermanentError('VALIDATION_FAILED', message, { context: { remoteCode: code } });
}

/** Re-throws any failure as a BridgeError so the pipeline retries or dead-letters it correctly. */
export function asBridgeError(err: unknown, context: Record<string, string | undefined> = {}): Error {
    return classifyError(err, context);
}
