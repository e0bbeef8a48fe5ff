import { z } from 'zod';
import { intFrom } from './types.ts';

/** The local Salesforce org emulator used when no org credentials are configured. */
export const emulatorSection = z
    .object({
        /** Port (default 0: any free port). */
        port: intFrom(0, 65535).default(0),
        /** Seed for deterministic data (default 42). */
        seed: intFrom(0).default(42),
        /** Order summaries generated at start (default 50). */
        orders: intFrom(0).default(50)
    })
    .strict();
