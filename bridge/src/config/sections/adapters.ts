import { z } from 'zod';
import { wmsAdapterSection } from './adapters-wms.ts';
import { erpAdapterSection } from './adapters-erp.ts';

/** Which WMS and ERP the bridge talks to (default: the embedded sandboxes), with each one's settings. */
export const adaptersSection = z
    .object({
        wms: wmsAdapterSection.default(wmsAdapterSection.parse({})),
        erp: erpAdapterSection.default(erpAdapterSection.parse({}))
    })
    .strict();
