/**
 * The emulator's HTTP application: OAuth, the REST API (with the Connect resources) and, in test and demo mode,
 * the admin API. Anything else is a Salesforce-shaped 404; an unexpected error is a 500 without a stack trace.
 */
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import { createAdminRouter, type AdminDeps } from './admin/admin-routes.ts';
import type { FaultInjector } from './admin/fault-injector.ts';
import { createOAuthRouter, type OAuthDeps } from './auth/oauth-routes.ts';
import { createRestApp, type RestAppDeps } from './rest/rest-app.ts';

export const ADMIN_MOUNT = '/__emulator';

export interface EmulatorServerDeps {
    oauth: OAuthDeps;
    rest: RestAppDeps;
    /** Present only in test and demo mode. */
    admin?: AdminDeps;
    faults: FaultInjector;
    onUnexpectedError: (error: unknown) => void;
}

export function createEmulatorApp(deps: EmulatorServerDeps): Express {
    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    app.use((req: Request, _res: Response, next: NextFunction) => {
        if (deps.faults.shouldDropConnection()) {
            req.socket.destroy();
            return;
        }
        next();
    });
    app.use(createOAuthRouter(deps.oauth));
    app.use(createRestApp(deps.rest));
    if (deps.admin) app.use(ADMIN_MOUNT, createAdminRouter(deps.admin) as Router);
    app.use((_req: Request, res: Response) => {
        res.status(404).json([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    });
    app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
        const status = (error as { status?: number }).status;
        if (status === 413) {
            res.status(413).json([{ errorCode: 'REQUEST_ENTITY_TOO_LARGE', message: 'Maximum request size exceeded' }]);
            return;
        }
        if (status && status >= 400 && status < 500) {
            res.status(status).json([{ errorCode: 'INVALID_REQUEST', message: (error as Error).message }]);
            return;
        }
        deps.onUnexpectedError(error);
        res.status(500).json([{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId if you contact support.' }]);
    });
    return app;
}
