import { z } from 'zod';
import { isoDateTime, nonNegativeQuantity, text } from './common.ts';

/** Stock of one SKU at one location at a point in time, as reported by the system that owns stock. */
export const inventoryPositionSchema = z.object({
    sku: text(),
    locationCode: text(),
    onHand: nonNegativeQuantity,
    /** On hand minus what the warehouse has already committed; defaults to onHand when not reported. */
    available: nonNegativeQuantity.optional(),
    effectiveAt: isoDateTime,
    /** Where the figure came from (file + line, event ID): makes replays of the same figure harmless. */
    sourceRef: text()
});
export type InventoryPosition = z.infer<typeof inventoryPositionSchema>;
