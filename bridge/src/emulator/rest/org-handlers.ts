/** Version-level resources: the resource directory and `/limits`. */
import { ok, type ApiHandler } from './api-types.ts';

const RESOURCES = ['sobjects', 'query', 'queryAll', 'composite', 'limits', 'commerce'];

export const resourcesHandler: ApiHandler = (req) =>
    ok(Object.fromEntries(RESOURCES.map((name) => [name, `/services/data/v${req.version}/${name}`])));

export const limitsHandler: ApiHandler = (_req, _params, deps) => ok(deps.limits());
