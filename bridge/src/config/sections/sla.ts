import { z } from 'zod';
import { intFrom } from './types.ts';

/** Service levels watched by the SLA tracker; a miss logs an error, counts a metric and raises a ProcessException. */
export const slaSection = z
    .object({
        /** A fulfillment order sent to the WMS must be acknowledged within this time (default 900000 ms = 15 min). */
        ackWithinMs: intFrom(1000).default(900_000),
        /** A shipped fulfillment order must be written back to Salesforce within this time (default 600000 ms = 10 min). */
        writebackWithinMs: intFrom(1000).default(600_000),
        /** How often overdue timers are looked for (default 30000 ms). */
        scanIntervalMs: intFrom(100).default(30_000)
    })
    .strict();
