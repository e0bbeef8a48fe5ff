import { z } from 'zod';
import { httpUrl, intFrom, secret } from './types.ts';

/**
 * Outbound HTTP settings shared by the REST adapters: base URL, auth and timeout. Secrets (token,
 * password, client secret) come from the environment, e.g. OMS_ADAPTERS__WMS__REST__AUTH__TOKEN.
 */
export const restAuthSection = z.discriminatedUnion('type', [
    z.object({ type: z.literal('none') }).strict(),
    /** Static bearer token (API key or personal access token). */
    z.object({ type: z.literal('bearer'), token: secret() }).strict(),
    z.object({ type: z.literal('basic'), username: z.string().min(1), password: secret() }).strict(),
    /** OAuth2 client credentials; the token is cached until shortly before `expires_in`. */
    z
        .object({
            type: z.literal('oauth2'),
            tokenUrl: httpUrl(),
            clientId: z.string().min(1),
            clientSecret: secret(),
            scope: z.string().optional(),
            /** Send credentials as HTTP Basic (default) or in the form body. */
            clientAuth: z.enum(['basic', 'body']).default('basic')
        })
        .strict()
]);
export type RestAuthConfig = z.infer<typeof restAuthSection>;

/** A vendor endpoint: method, path (may contain {{placeholders}}), body template and response paths. */
export const restEndpointSection = z
    .object({
        method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
        /** Path under baseUrl; placeholders are URL-encoded. */
        path: z.string().min(1),
        /** JSON body template (see mappings/template/json-template.ts); none for GET/DELETE. */
        body: z.unknown().optional()
    })
    .strict();
export type RestEndpointConfig = z.infer<typeof restEndpointSection>;

export const restClientSection = {
    baseUrl: httpUrl(),
    auth: restAuthSection.default({ type: 'none' }),
    /** Per-request timeout in ms (default 10000). */
    timeoutMs: intFrom(100, 600_000).default(10_000),
    /** Header carrying the idempotency key (default Idempotency-Key). */
    idempotencyHeader: z.string().min(1).default('Idempotency-Key'),
    /** Extra static headers (e.g. a channel ID). */
    headers: z.record(z.string(), z.string()).default({})
};
