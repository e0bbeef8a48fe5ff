import type { WmsOrderDocument } from '../../../mappings/wms/wms-order-document.ts';

/** Stages an order passes through in the sandbox warehouse, in order. */
export const WAREHOUSE_STAGES = ['received', 'acknowledged', 'picked', 'packed', 'shipped'] as const;
export type WarehouseStage = (typeof WAREHOUSE_STAGES)[number] | 'cancelled';

/** What the warehouse will do with an order, fixed at receipt by the seeded PRNG (or by a test). */
export interface WarehousePlan {
    /** Line refs to short-pick, with the quantity that will be missing. */
    shortLines: { lineRef: string; quantityShort: number }[];
    /** How many parcels the picked goods leave in (1 = one shipment; 2+ = split shipment). */
    parcels: number;
}

export interface WarehouseOrder {
    document: WmsOrderDocument;
    fulfillmentOrderId: string;
    wmsOrderNumber: string;
    stage: WarehouseStage;
    plan: WarehousePlan;
    /** Last event sequence used for this order. */
    sequence: number;
    /** Shipments sent so far. */
    shipmentsSent: number;
}

export function stageIndex(stage: WarehouseStage): number {
    return stage === 'cancelled' ? -1 : WAREHOUSE_STAGES.indexOf(stage);
}

/** True once the goods are on the move: cancel and address changes are then too late. */
export function isLocked(stage: WarehouseStage): stage is 'picked' | 'packed' | 'shipped' {
    return stage === 'picked' || stage === 'packed' || stage === 'shipped';
}
