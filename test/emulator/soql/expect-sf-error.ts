import { expect } from 'chai';
import { SalesforceApiError } from '../../../bridge/src/emulator/rest/salesforce-error.ts';

/** Runs `run`, asserting it throws a SalesforceApiError with this status, code and message fragment. */
export function expectSfError(
    run: () => unknown,
    errorCode: string,
    messagePart: string,
    statusCode = 400
): SalesforceApiError {
    try {
        run();
    } catch (error) {
        expect(error).to.be.instanceOf(SalesforceApiError);
        const sfErr = error as SalesforceApiError;
        expect(sfErr.statusCode).to.equal(statusCode);
        expect(sfErr.errors[0].errorCode).to.equal(errorCode);
        expect(sfErr.errors[0].message).to.include(messagePart);
        return sfErr;
    }
    expect.fail(`expected ${errorCode}`);
}
