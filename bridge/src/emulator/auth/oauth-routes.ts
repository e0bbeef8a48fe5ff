/**
 * The OAuth endpoints: `/services/oauth2/token` (JWT bearer, client credentials, refresh token), `revoke`,
 * `userinfo` and the identity URL `/id/{orgId}/{userId}`.
 */
import { createHmac } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { Session } from '../contracts.ts';
import type { IntegrationCredentials } from './integration-user.ts';
import { verifyJwtAssertion } from './jwt-bearer.ts';
import { OAuthError } from './oauth-error.ts';
import { identityUrl, type OrgIdentity } from './org-identity.ts';
import type { SessionService } from './session-service.ts';

export interface OAuthDeps {
    sessions: SessionService;
    credentials: IntegrationCredentials;
    identity: OrgIdentity;
    now: () => number;
}

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const STANDARD_AUDIENCES = ['https://login.salesforce.com', 'https://test.salesforce.com'];

function clientOf(req: Request): { clientId?: string; clientSecret?: string } {
    const header = req.headers.authorization;
    if (header?.startsWith('Basic ')) {
        const [clientId, clientSecret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
        return { clientId: decodeURIComponent(clientId ?? ''), clientSecret: decodeURIComponent(clientSecret ?? '') };
    }
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    return { clientId: body.client_id, clientSecret: body.client_secret };
}

function checkClient(deps: OAuthDeps, clientId: string | undefined, clientSecret: string | undefined, secretRequired: boolean): void {
    if (clientId !== deps.credentials.clientId) throw new OAuthError('invalid_client_id', 'client identifier invalid');
    if ((secretRequired || clientSecret !== undefined) && clientSecret !== deps.credentials.clientSecret) {
        throw new OAuthError('invalid_client', 'invalid client credentials');
    }
}

function tokenResponse(deps: OAuthDeps, session: Session, extra: Record<string, string> = {}) {
    const id = identityUrl(deps.identity);
    const issuedAt = String(session.issuedAt);
    // Salesforce signs id + issued_at with the consumer secret so clients can check the response's origin.
    const signature = createHmac('sha256', deps.credentials.clientSecret).update(id + issuedAt).digest('base64');
    return { access_token: session.accessToken, ...extra, signature, scope: 'api', instance_url: deps.identity.instanceUrl(), id, token_type: 'Bearer', issued_at: issuedAt };
}

async function grant(deps: OAuthDeps, req: Request): Promise<Record<string, string>> {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const owner = { userId: deps.identity.userId, username: deps.identity.username };
    switch (body.grant_type) {
        case JWT_GRANT: {
            if (!body.assertion) throw new OAuthError('invalid_grant', 'invalid assertion');
            const username = await verifyJwtAssertion(body.assertion, {
                clientId: deps.credentials.clientId,
                verificationPem: deps.credentials.publicKeyPem,
                audiences: [deps.identity.loginUrl(), ...STANDARD_AUDIENCES],
                now: deps.now
            });
            if (username.toLowerCase() !== deps.identity.username.toLowerCase()) throw new OAuthError('invalid_grant', "user hasn't approved this consumer");
            return tokenResponse(deps, deps.sessions.create(owner));
        }
        case 'client_credentials': {
            const client = clientOf(req);
            checkClient(deps, client.clientId, client.clientSecret, true);
            return tokenResponse(deps, deps.sessions.create(owner));
        }
        case 'refresh_token': {
            const client = clientOf(req);
            checkClient(deps, client.clientId, client.clientSecret, false);
            const holder = body.refresh_token ? deps.sessions.redeemRefreshToken(body.refresh_token) : undefined;
            if (!holder || holder.clientId !== client.clientId) throw new OAuthError('invalid_grant', 'expired access/refresh token');
            return tokenResponse(deps, deps.sessions.create(holder));
        }
        default:
            throw new OAuthError('unsupported_grant_type', 'grant type not supported');
    }
}

const bearerOf = (req: Request) => /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? (req.query.oauth_token as string | undefined);

function identityBody(deps: OAuthDeps, flavour: 'userinfo' | 'id') {
    const { identity } = deps;
    const rest = `${identity.instanceUrl()}/services/data/v{version}/`;
    const urls = { rest, sobjects: `${rest}sobjects/`, query: `${rest}query/`, recent: `${rest}recent/`, profile: `${identity.instanceUrl()}/${identity.userId}` };
    const common = { organization_id: identity.orgId, user_id: identity.userId, email: identity.email, active: true, user_type: 'STANDARD', language: 'en_US', locale: 'en_US', urls };
    return flavour === 'userinfo'
        ? { sub: identityUrl(identity), preferred_username: identity.username, nickname: identity.username.split('@')[0], name: identity.displayName, email_verified: true, zoneinfo: 'GMT', ...common }
        : { id: identityUrl(identity), asserted_user: true, username: identity.username, nick_name: identity.username.split('@')[0], display_name: identity.displayName, utcOffset: 0, ...common };
}

export function createOAuthRouter(deps: OAuthDeps): Router {
    const router = express.Router();
    const form = express.urlencoded({ extended: false, limit: '64kb' });

    router.post('/services/oauth2/token', form, async (req: Request, res: Response) => {
        try {
            res.status(200).json(await grant(deps, req));
        } catch (error) {
            const failure = error instanceof OAuthError ? error : new OAuthError('invalid_request', 'request could not be processed');
            res.status(failure.statusCode).json(failure.toBody());
        }
    });

    router.post('/services/oauth2/revoke', form, (req: Request, res: Response) => {
        const token = ((req.body ?? {}) as Record<string, string | undefined>).token ?? (req.query.token as string | undefined);
        if (!token || !deps.sessions.revoke(token)) {
            res.status(400).json({ error: 'unsupported_token_type', error_description: 'this token type is not supported' });
            return;
        }
        res.status(200).end();
    });

    const identityHandler = (flavour: 'userinfo' | 'id') => (req: Request, res: Response) => {
        const token = bearerOf(req);
        const session = token ? deps.sessions.validate(token) : undefined;
        if (!session) {
            // Salesforce answers identity calls with a bad token in plain text, not JSON.
            res.status(403).type('text/plain').send('Bad_OAuth_Token');
            return;
        }
        res.json(identityBody(deps, flavour));
    };
    router.get('/services/oauth2/userinfo', identityHandler('userinfo'));
    router.get('/id/:orgId/:userId', identityHandler('id'));
    return router;
}
