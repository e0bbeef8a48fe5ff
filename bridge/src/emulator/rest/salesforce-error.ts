/** A failure answered the way Salesforce's REST API answers it: an HTTP status and `[{message, errorCode, fields}]`. */
export interface SalesforceErrorItem {
    message: string;
    errorCode: string;
    fields?: string[];
}

export class SalesforceApiError extends Error {
    readonly statusCode: number;
    readonly errors: SalesforceErrorItem[];

    constructor(statusCode: number, errors: SalesforceErrorItem[] | SalesforceErrorItem) {
        const list = Array.isArray(errors) ? errors : [errors];
        super(list.map((e) => `${e.errorCode}: ${e.message}`).join('; '));
        this.name = 'SalesforceApiError';
        this.statusCode = statusCode;
        this.errors = list;
    }

    /** The response body Salesforce sends for this error. */
    toBody(): SalesforceErrorItem[] {
        return this.errors.map((e) => ({ message: e.message, errorCode: e.errorCode, fields: e.fields ?? [] }));
    }
}

export const sfError = (statusCode: number, errorCode: string, message: string, fields?: string[]) =>
    new SalesforceApiError(statusCode, { errorCode, message, fields });
