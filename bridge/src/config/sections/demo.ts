import { z } from 'zod';
import { numberFrom } from './types.ts';

/** The `start` demo on embedded defaults. */
export const demoSection = z
    .object({
        /** New orders per second fed into the emulator (default 2). */
        ordersPerSecond: numberFrom(0, 10_000).default(2)
    })
    .strict();
