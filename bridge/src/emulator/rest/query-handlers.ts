/** `/query` and `/queryAll` (and their `nextRecordsUrl` cursors), delegated to the SOQL engine. */
import { ok, type ApiDeps, type ApiHandler, type ApiRequest, type QueryService } from './api-types.ts';
import { sfError } from './salesforce-error.ts';

function engine(deps: ApiDeps): QueryService {
    if (!deps.query) throw sfError(503, 'SERVER_UNAVAILABLE', 'The query engine is not running');
    return deps.query;
}

/** `Sforce-Query-Options: batchSize=500`. */
function batchSize(req: ApiRequest): number | undefined {
    const match = /batchSize\s*=\s*(\d+)/i.exec(req.headers['sforce-query-options'] ?? '');
    return match ? Number(match[1]) : undefined;
}

const run =
    (includeDeleted: boolean): ApiHandler =>
    (req, _params, deps) => {
        const soql = req.query.q;
        if (!soql) throw sfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
        return ok(engine(deps).execute(soql, { includeDeleted, batchSize: batchSize(req), apiVersion: req.version }));
    };

export const queryHandler = run(false);
export const queryAllHandler = run(true);

export const queryMoreHandler: ApiHandler = (req, params, deps) => ok(engine(deps).continue(params.cursor, req.version));
