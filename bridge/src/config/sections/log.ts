import { z } from 'zod';

export const logSection = z
    .object({
        /** pino level (default info). */
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        /** auto: human-readable on a terminal, JSON otherwise (default auto). */
        format: z.enum(['auto', 'json', 'pretty']).default('auto')
    })
    .strict();
