import { z } from 'zod';

/** Which WMS and ERP the bridge talks to (default: the embedded sandboxes). */
export const adaptersSection = z
    .object({
        wms: z.object({ kind: z.enum(['sandbox', 'rest']).default('sandbox') }).passthrough().default({ kind: 'sandbox' }),
        erp: z.object({ kind: z.enum(['sandbox', 'rest']).default('sandbox') }).passthrough().default({ kind: 'sandbox' })
    })
    .strict();
