import { z } from 'zod';
import { intFrom, numberFrom } from './types.ts';

/** The order-to-cash flow's behaviour choices. */
export const flowsSection = z
    .object({
        /** What a warehouse short pick does: cancel the missing quantity in SOM (cancel-item) or only raise an exception (default cancel-item). */
        shortPick: z.enum(['cancel-item', 'exception']).default('cancel-item'),
        /** How often invoices and credit memos without an ERP number are looked for (default 60000 ms). */
        billingPollIntervalMs: intFrom(1000).default(60_000),
        /**
         * How long a Salesforce write waits for others to share its API call (default 50 ms). Longer windows
         * spend fewer API calls per record (the daily allowance is what Salesforce integrations run out
         * of); write-back is not on the path to the warehouse, so its latency matters least.
         */
        writebackWindowMs: intFrom(0, 10_000).default(50),
        /**
         * How long a read of a fulfilment order or invoice waits for others to share its query (default 25 ms).
         * Two such reads lie between a Salesforce commit and the warehouse submission.
         */
        readWindowMs: intFrom(0, 10_000).default(25),
        /** Below this share of the daily API allowance left, non-urgent writes wait longer to batch (default 0.1). */
        apiBudgetLowShare: numberFrom(0, 1).default(0.1),
        /** How long non-urgent writes wait when the budget is low (default 5000 ms). */
        lowBudgetWindowMs: intFrom(0, 600_000).default(5000)
    })
    .strict();
