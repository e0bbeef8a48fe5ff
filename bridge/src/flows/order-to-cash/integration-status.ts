/**
 * The FulfillmentOrder `Integration_Status__c` ladder. Warehouse events can arrive out of order
 * (webhook retries, polling), so a status only ever moves up the ladder: a late "picked" never
 * overwrites "Shipped".
 */
export const INTEGRATION_STATUS_RANK: Record<string, number> = {
    Pending: 0,
    Sent: 1,
    Acknowledged: 2,
    Picking: 3,
    Packed: 4,
    'Partially Shipped': 5,
    Shipped: 6
};

export function movesForward(current: string | null | undefined, next: string): boolean {
    const from = current ? INTEGRATION_STATUS_RANK[current] ?? -1 : -1;
    return (INTEGRATION_STATUS_RANK[next] ?? -1) > from;
}
