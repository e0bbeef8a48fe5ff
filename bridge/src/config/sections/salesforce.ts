import { z } from 'zod';
import { apiVersion, httpUrl, intFrom, secret } from './types.ts';

/** Connection to the Salesforce org. Without credentials the bridge runs against the local emulator. */
export const salesforceSection = z
    .object({
        /** OAuth login host (default https://login.salesforce.com; use the My Domain for client credentials). */
        loginUrl: httpUrl().default('https://login.salesforce.com'),
        /** Instance URL; normally taken from the token response. */
        instanceUrl: httpUrl().optional(),
        /** REST and CometD API version (default 66.0). jsforce's own default is far older. */
        apiVersion: apiVersion().default('66.0'),
        /** Client id sent in `Sforce-Call-Options` so the bridge can recognise its own change events. */
        callOptionsClient: z.string().regex(/^[A-Za-z0-9_-]+$/).default('oms-bridge'),
        auth: z
            .object({
                /** jwt (primary), client_credentials or refresh_token. */
                flow: z.enum(['jwt', 'client_credentials', 'refresh_token']).default('jwt'),
                /** Consumer key of the External Client App. */
                clientId: z.string().min(1).optional(),
                clientSecret: secret().optional(),
                /** Integration user's username (JWT `sub`). */
                username: z.string().min(1).optional(),
                /** PEM private key for the JWT bearer flow (or use privateKeyFile). */
                privateKey: secret().optional(),
                privateKeyFile: z.string().min(1).optional(),
                refreshToken: secret().optional(),
                /** Renew this many seconds before the session is expected to end (default 300). */
                renewBeforeSeconds: intFrom(0).default(300),
                /** Session lifetime assumed when the token response does not say (default 7200). */
                sessionSeconds: intFrom(60).default(7200)
            })
            .strict()
            .default({
                flow: 'jwt',
                renewBeforeSeconds: 300,
                sessionSeconds: 7200
            })
    })
    .strict();
