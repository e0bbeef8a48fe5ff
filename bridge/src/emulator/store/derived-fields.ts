/**
 * Values the platform maintains: status categories, quantity formulas, auto numbers and roll-up summaries.
 * Roll-ups are applied as deltas (child before → after), so a write costs O(1) whatever the number of children.
 */
import type { SObjectRecord } from '../contracts.ts';
import { PE_STATUS_CATEGORY } from '../schema/som-fulfillment-objects.ts';
import { FO_STATUS_CATEGORY } from '../schema/som-order-objects.ts';

type Fields = Record<string, unknown>;
const n = (v: unknown) => (typeof v === 'number' ? v : 0);

const FO_TYPE_CATEGORY: Record<string, string> = { Warehouse: 'PHYSICAL', 'Retail Store': 'PHYSICAL', 'Drop Ship': 'DROPSHIP', Digital: 'DIGITAL' };

/** The fields `applyFormulas` may set, per object: a write changes no other field through formulas. */
export const FORMULA_FIELDS: Readonly<Record<string, readonly string[]>> = {
    FulfillmentOrder: ['StatusCategory', 'TypeCategory'],
    ProcessException: ['StatusCategory', 'SeverityCategory'],
    OrderItemSummary: ['QuantityNetOrdered', 'QuantityAvailableToFulfill', 'QuantityAvailableToCancel', 'QuantityAvailableToReturn']
};

/** Recomputes formula-like fields of one record in place (called on the merged record before it is stored). */
export function applyFormulas(objectName: string, record: Fields, previous?: SObjectRecord): void {
    switch (objectName) {
        case 'FulfillmentOrder':
            // A status added in Setup has an admin-chosen category; without one, the category is left as it was.
            record.StatusCategory = FO_STATUS_CATEGORY[String(record.Status)] ?? previous?.StatusCategory ?? 'DRAFT';
            if (record.TypeCategory == null && typeof record.Type === 'string') record.TypeCategory = FO_TYPE_CATEGORY[record.Type] ?? 'PHYSICAL';
            break;
        case 'ProcessException':
            record.StatusCategory = PE_STATUS_CATEGORY[String(record.Status)] ?? previous?.StatusCategory ?? 'ACTIVE';
            record.SeverityCategory = typeof record.Severity === 'string' ? record.Severity.toUpperCase() : null;
            break;
        case 'OrderItemSummary': {
            const open = n(record.QuantityOrdered) - n(record.QuantityCanceled);
            record.QuantityNetOrdered = open;
            record.QuantityAvailableToFulfill = open - n(record.QuantityAllocated);
            record.QuantityAvailableToCancel = open - n(record.QuantityAllocated);
            record.QuantityAvailableToReturn = n(record.QuantityFulfilled) - n(record.QuantityReturnInitiated) - n(record.QuantityReturned);
            break;
        }
        default:
    }
}

/** A roll-up summary: `target` on the parent is the sum of `value(child)` over children linked by `lookup`. */
export interface RollUp {
    child: string;
    lookup: string;
    parent: string;
    target: string;
    value: (child: SObjectRecord) => number;
}

export const ROLL_UPS: RollUp[] = [
    { child: 'ShipmentItem', lookup: 'ShipmentId', parent: 'Shipment', target: 'TotalItemsQuantity', value: (r) => n(r.Quantity) },
    {
        child: 'FulfillmentOrderLineItem',
        lookup: 'FulfillmentOrderId',
        parent: 'FulfillmentOrder',
        target: 'ItemCount',
        value: (r) => (r.TypeCode === 'Charge' ? 0 : n(r.Quantity))
    },
    {
        child: 'ProcessException',
        lookup: 'OrderSummaryId',
        parent: 'OrderSummary',
        target: 'ActiveProcessExceptionCount',
        value: (r) => (r.StatusCategory === 'ACTIVE' ? 1 : 0)
    }
];

const rollUpsByChild = new Map<string, RollUp[]>();
for (const rollUp of ROLL_UPS) rollUpsByChild.set(rollUp.child, [...(rollUpsByChild.get(rollUp.child) ?? []), rollUp]);

/** Per parent ID, the amount to add to each roll-up target, for one child change. */
export function rollUpDeltas(objectName: string, before: SObjectRecord | undefined, after: SObjectRecord | undefined) {
    const deltas: { parentId: string; parent: string; target: string; delta: number }[] = [];
    for (const rollUp of rollUpsByChild.get(objectName) ?? []) {
        const oldParent = before?.[rollUp.lookup];
        const newParent = after?.[rollUp.lookup];
        if (typeof oldParent === 'string' && before) deltas.push({ parentId: oldParent, parent: rollUp.parent, target: rollUp.target, delta: -rollUp.value(before) });
        if (typeof newParent === 'string' && after) deltas.push({ parentId: newParent, parent: rollUp.parent, target: rollUp.target, delta: rollUp.value(after) });
    }
    return deltas.filter((d) => d.delta !== 0);
}

/** Display formats of auto-number fields. Real orgs configure these; the emulator picks stable defaults. */
const AUTO_NUMBER_FORMATS: Record<string, { prefix: string; digits: number; start?: number }> = {
    'Order.OrderNumber': { prefix: '', digits: 8, start: 100 },
    'OrderItem.OrderItemNumber': { prefix: '', digits: 10 },
    'FulfillmentOrder.FulfillmentOrderNumber': { prefix: 'FO-', digits: 7 },
    'FulfillmentOrderLineItem.FulfillmentOrderLineItemNumber': { prefix: 'FOLI-', digits: 7 },
    'Shipment.ShipmentNumber': { prefix: 'SHIP-', digits: 7 },
    'ShipmentItem.ShipmentItemNumber': { prefix: 'SI-', digits: 7 },
    'Invoice.InvoiceNumber': { prefix: 'INV-', digits: 9 },
    'CreditMemo.CreditMemoNumber': { prefix: 'CM-', digits: 9 },
    'ReturnOrder.ReturnOrderNumber': { prefix: 'RO-', digits: 7 },
    'ReturnOrderLineItem.ReturnOrderLineItemNumber': { prefix: 'ROLI-', digits: 7 },
    'ProcessException.ProcessExceptionNumber': { prefix: 'PE-', digits: 7 },
    'OrderItemSummaryChange.OrderItemSummaryChangeNumber': { prefix: 'OISC-', digits: 7 }
};

/** Auto-number fields of an object (standard ones known here, plus custom AutoNumber fields passed in). */
export function autoNumberFields(objectName: string, customAutoNumbers: string[]): string[] {
    const standard = Object.keys(AUTO_NUMBER_FORMATS)
        .filter((key) => key.startsWith(`${objectName}.`))
        .map((key) => key.slice(objectName.length + 1));
    return [...standard, ...customAutoNumbers];
}

/** Formats the `sequence`-th number of `objectName.field`. */
export function formatAutoNumber(objectName: string, field: string, sequence: number): string {
    const format = AUTO_NUMBER_FORMATS[`${objectName}.${field}`] ?? { prefix: `${field.replace(/__c$/, '')}-`, digits: 7 };
    return `${format.prefix}${String(sequence + (format.start ?? 1) - 1).padStart(format.digits, '0')}`;
}
