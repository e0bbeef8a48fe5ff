/** An OAuth endpoint failure, answered as Salesforce does: HTTP 400 (or 401) with `{error, error_description}`. */
export class OAuthError extends Error {
    constructor(
        readonly error: string,
        readonly description: string,
        readonly statusCode = 400
    ) {
        super(`${error}: ${description}`);
        this.name = 'OAuthError';
    }

    toBody() {
        return { error: this.error, error_description: this.description };
    }
}
