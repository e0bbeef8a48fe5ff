/**
 * A warehouse event as a vendor sends it (webhook body, polled feed item) → canonical WmsEvent.
 * The generic REST contract is the canonical JSON itself, with two leniencies real warehouses need:
 * carriers in any known spelling ('ups', 'United Parcel Service') and no tracking URL (filled from the
 * carrier's template).
 */
import { wmsEventSchema, type WmsEvent } from '../../model/index.ts';
import { normaliseCarrier, trackingUrlFor } from '../carriers.ts';
import type { MappingConfig } from '../mapping-config.ts';
import { failed, problemsFromIssues, type MappingResult } from '../mapping-result.ts';
import { isRecord } from '../record-reader.ts';

export function wmsEventFromPayload(payload: unknown, config: MappingConfig): MappingResult<WmsEvent> {
    if (!isRecord(payload)) return failed([{ path: '(root)', message: 'expected an event object' }]);
    let candidate: Record<string, unknown> = payload;
    const shipment = payload.shipment;
    if (payload.type === 'shipped' && isRecord(shipment) && typeof shipment.carrier === 'string') {
        const carrier = normaliseCarrier(shipment.carrier, config);
        if (!carrier) return failed([{ path: 'shipment.carrier', message: `"${shipment.carrier}" is not a known carrier` }]);
        const trackingUrl =
            shipment.trackingUrl ?? (typeof shipment.trackingNumber === 'string' ? trackingUrlFor(carrier, shipment.trackingNumber, config) : undefined);
        candidate = { ...payload, shipment: { ...shipment, carrier, ...(trackingUrl ? { trackingUrl } : {}) } };
    }
    const parsed = wmsEventSchema.safeParse(candidate);
    return parsed.success ? { ok: true, value: parsed.data } : failed(problemsFromIssues(parsed.error.issues));
}
