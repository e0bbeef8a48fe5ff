import { z } from 'zod';
import { numberFrom } from './types.ts';

/** The `start` demo on embedded defaults. */
export const demoSection = z
    .object({
        /** New orders per second fed into the emulator (default 2). */
        ordersPerSecond: numberFrom(0, 10_000).default(2),
        /** Log level while the live progress line is shown (default warn, so the line stays readable). */
        logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn')
    })
    .strict();
