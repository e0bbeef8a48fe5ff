/**
 * How an Order Management action answers. The OM resources report logical failures (unknown record,
 * quantity too large, wrong state) with a 2xx status and `success: false` plus `errors[{errorCode, message}]`
 * inside their normal output; a 4xx carries an "Error with Output" `{message, enhancedErrorType, output}`.
 * The docs do not list the logical error codes, so the codes below are taken from Salesforce's StatusCode
 * enum (INVALID_ID_FIELD, INVALID_STATUS, FIELD_INTEGRITY_EXCEPTION) as the closest documented values.
 */

/** One entry of an action's `errors` array (Connect "Error Response Output"). */
export interface ConnectErrorOutput {
    errorCode: string;
    message: string;
}

export type ConnectErrorCode = 'INVALID_ID_FIELD' | 'INVALID_STATUS' | 'FIELD_INTEGRITY_EXCEPTION' | 'INVALID_API_INPUT';

/** A logical failure: answered with a 2xx and `success: false`; nothing of the action is kept. */
export class ConnectFailure extends Error {
    readonly errors: ConnectErrorOutput[];

    constructor(errorCode: ConnectErrorCode, message: string) {
        super(`${errorCode}: ${message}`);
        this.name = 'ConnectFailure';
        this.errors = [{ errorCode, message }];
    }
}

export const fail = (errorCode: ConnectErrorCode, message: string): never => {
    throw new ConnectFailure(errorCode, message);
};

/**
 * A failure answered as "Error with Output" (HTTP 4xx): used when the resource path itself is unusable, e.g.
 * an ID in the URL that is not an ID of the object the resource works on.
 */
export class ConnectErrorWithOutput extends Error {
    readonly statusCode: number;
    readonly errors: ConnectErrorOutput[];

    constructor(statusCode: number, errorCode: ConnectErrorCode, message: string) {
        super(message);
        this.name = 'ConnectErrorWithOutput';
        this.statusCode = statusCode;
        this.errors = [{ errorCode, message }];
    }
}

/** What a handler returns on success: the HTTP status (201 for creations, 200 otherwise) and the output. */
export interface ConnectResult {
    status: number;
    output: Record<string, unknown>;
    /** Partial failures (e.g. some inputs of create-multiple); any entry makes `success` false. */
    errors?: ConnectErrorOutput[];
}
