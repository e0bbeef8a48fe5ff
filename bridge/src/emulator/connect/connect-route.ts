/**
 * Wraps one Connect action as an express handler: runs it, and turns each kind of failure into the answer
 * Salesforce gives (see connect-outcome.ts). Unexpected errors become a Salesforce-shaped 500 without a stack.
 */
import type { Request, Response } from 'express';
import { SalesforceApiError } from '../rest/salesforce-error.ts';
import { ConnectErrorWithOutput, ConnectFailure, type ConnectResult } from './connect-outcome.ts';

/**
 * A Connect action. `failedOutput` is the action's output with its result properties empty, used in
 * `success: false` answers (e.g. `{ fulfillmentOrderIds: [] }`).
 */
export interface ConnectAction {
    failedOutput: Record<string, unknown>;
    run(req: Request): ConnectResult;
}

/** Called with errors no Salesforce answer covers, so they reach a log instead of vanishing. */
export type UnexpectedErrorSink = (error: unknown) => void;

const writeToStderr: UnexpectedErrorSink = (error) => {
    process.stderr.write(`connect action failed unexpectedly: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
};

export function connectHandler(action: ConnectAction, onUnexpected: UnexpectedErrorSink = writeToStderr) {
    return (req: Request, res: Response): void => {
        try {
            const result = action.run(req);
            const errors = result.errors ?? [];
            res.status(result.status).json({ ...result.output, success: errors.length === 0, errors });
        } catch (error) {
            if (error instanceof ConnectFailure) {
                res.status(200).json({ ...action.failedOutput, success: false, errors: error.errors });
            } else if (error instanceof ConnectErrorWithOutput) {
                res.status(error.statusCode).json({
                    message: error.message,
                    enhancedErrorType: null,
                    output: { ...action.failedOutput, success: false, errors: error.errors }
                });
            } else if (error instanceof SalesforceApiError) {
                res.status(error.statusCode).json(error.toBody());
            } else {
                onUnexpected(error);
                res.status(500).json([
                    { message: 'An unexpected error occurred. Please include this ErrorId if you contact support.', errorCode: 'UNKNOWN_EXCEPTION', fields: [] }
                ]);
            }
        }
    };
}
