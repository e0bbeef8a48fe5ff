import { z } from 'zod';
import { bool, intFrom, secret } from './types.ts';

/** The bridge's own HTTP server: health, metrics, board, webhooks. */
export const httpSection = z
    .object({
        host: z.string().min(1).default('127.0.0.1'),
        /** Port (default 3000; 0 picks a free one). */
        port: intFrom(0, 65535).default(3000),
        board: z
            .object({
                enabled: bool().default(true),
                /** Basic-auth user for /board. */
                username: z.string().min(1).optional(),
                password: secret().optional(),
                /** Alternatively a bearer token for /board. */
                token: secret().optional(),
                /** Allow an unprotected board; only honoured when host is a loopback address (default false). */
                localOnly: bool().default(false)
            })
            .strict()
            .default({ enabled: true, localOnly: false })
    })
    .strict();
