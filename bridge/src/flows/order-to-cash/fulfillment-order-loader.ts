/** Reads a fulfilment order from Salesforce and maps it to the canonical model, or fails permanently with every problem. */
import { PermanentError } from '../../errors/index.ts';
import type { FulfillmentOrder } from '../../model/index.ts';
import { fulfillmentOrderFromSalesforce } from '../../mappings/salesforce/fulfillment-order-from-salesforce.ts';
import type { SfRecord } from '../../salesforce/som/som-client.ts';
import type { OrderToCashDeps } from './order-to-cash-deps.ts';

export interface LoadedFulfillmentOrder {
    record: SfRecord;
    model: FulfillmentOrder;
}

export async function loadFulfillmentOrder(deps: OrderToCashDeps, foId: string, correlationId: string): Promise<LoadedFulfillmentOrder> {
    const record = await deps.som.getFulfillmentOrder(foId);
    if (!record) throw new PermanentError('NOT_FOUND', `FulfillmentOrder ${foId} does not exist in Salesforce`, { context: { recordId: foId } });
    const mapped = fulfillmentOrderFromSalesforce(record, deps.mapping, { correlationId });
    if (!mapped.ok) {
        const problems = mapped.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
        const unknownSku = mapped.problems.some((p) => /skus table|StockKeepingUnit/i.test(`${p.path} ${p.message}`));
        throw new PermanentError(unknownSku ? 'UNKNOWN_SKU' : 'MAPPING_FAILED', `FulfillmentOrder ${String(record.FulfillmentOrderNumber ?? foId)} cannot be mapped for the warehouse: ${problems}`, {
            context: { recordId: foId }
        });
    }
    return { record, model: mapped.value };
}
