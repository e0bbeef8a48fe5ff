/**
 * The text of a ProcessException: Message (≤ 255 chars) says what is wrong and what to do;
 * Description carries the details an operator needs to redrive.
 */
import type { BridgeError, BridgeErrorCode } from '../errors/bridge-error.ts';
import { MESSAGE_MAX } from '../ops/process-exception-reporter.ts';

const ACTIONS: Partial<Record<BridgeErrorCode, string>> = {
    UNKNOWN_SKU: 'Add the SKU to the SKU cross-reference or fix the product, then retry.',
    UNKNOWN_LOCATION: 'Map the location in the location cross-reference, then retry.',
    VALIDATION_FAILED: 'Correct the data named above, then retry.',
    MAPPING_FAILED: 'Correct the record or the mapping settings, then retry.',
    NOT_FOUND: 'Check the record still exists in both systems, then retry.',
    DUPLICATE: 'Check for a duplicate record in the target system, then retry or discard.',
    REJECTED: 'Fix the cause the target system gave, then retry.',
    CONFIGURATION: 'Fix the bridge configuration, then retry.'
};

const TRANSIENT_ACTION = 'The system stayed unavailable; check it is up, then retry.';

export interface ExceptionText {
    message: string;
    description: string;
}

export function exceptionText(
    what: string,
    err: BridgeError,
    job: { queueName: string; jobId: string; attempts: number; correlationId: string; idempotencyKey: string }
): ExceptionText {
    const action = `${err.retryable ? TRANSIENT_ACTION : (ACTIONS[err.code] ?? ACTIONS.REJECTED)} (oms-bridge dlq retry ${job.jobId})`;
    const problem = `Could not ${what}: ${err.message}`.replace(/\s+/g, ' ').trim();
    const room = MESSAGE_MAX - action.length - 1;
    const head = problem.length <= room ? problem : `${problem.slice(0, room - 1)}…`;
    const message = action.length < MESSAGE_MAX - 20 ? `${head} ${action}` : head.slice(0, MESSAGE_MAX);
    const description = [
        `Error: ${err.name} ${err.code}: ${err.message}`,
        `Queue: ${job.queueName}  Job: ${job.jobId}  Attempts: ${job.attempts}`,
        `Idempotency key: ${job.idempotencyKey}`,
        `Correlation ID: ${job.correlationId}`,
        `Redrive: oms-bridge dlq show ${job.jobId} --queue ${job.queueName}, then oms-bridge dlq retry ${job.jobId} --queue ${job.queueName}`
    ].join('\n');
    return { message, description };
}
