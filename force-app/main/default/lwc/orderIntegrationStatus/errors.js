/**
 * Turns whatever a failed Apex call, wire or thrown error hands us into readable messages, so the
 * component has exactly one error path.
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    return list
        .filter((error) => !!error)
        .map((error) => {
            if (Array.isArray(error.body)) {
                return error.body.map((entry) => entry.message);
            }
            if (error.body && Array.isArray(error.body.pageErrors) && error.body.pageErrors.length > 0) {
                return error.body.pageErrors.map((entry) => entry.message);
            }
            if (error.body && typeof error.body.message === 'string') {
                return error.body.message;
            }
            if (typeof error.message === 'string') {
                return error.message;
            }
            if (typeof error.statusText === 'string') {
                return error.statusText;
            }
            return String(error);
        })
        .flat()
        .filter((message) => !!message);
}
