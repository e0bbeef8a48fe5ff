/**
 * Runs sample records through the mappings without touching any system: the engine behind
 * `oms-bridge mapping check`. Accepts a JSON array, a SOQL query result (`{ records: [...] }`) or
 * NDJSON (one record per line); a line that is not JSON is reported as a failed record, not skipped.
 */
import type { FulfillmentOrder } from '../model/index.ts';
import type { MappingConfig } from './mapping-config.ts';
import type { MappingProblem } from './mapping-result.ts';
import { fulfillmentOrderFromSalesforce } from './salesforce/fulfillment-order-from-salesforce.ts';
import { toWmsOrderDocument, type WmsOrderDocument } from './wms/wms-order-document.ts';
import { isRecord } from './record-reader.ts';

export interface SampleOutcome {
    /** 1-based position in the file (line number for NDJSON). */
    position: number;
    /** The record's Id / FulfillmentOrderNumber when readable. */
    label: string;
    ok: boolean;
    problems: MappingProblem[];
    fulfillmentOrder?: FulfillmentOrder;
    wmsOrder?: WmsOrderDocument;
}

export function parseSampleFile(text: string): { position: number; record: unknown; parseError?: string }[] {
    const trimmed = text.trim();
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
        try {
            const doc: unknown = JSON.parse(trimmed);
            const records = Array.isArray(doc) ? doc : isRecord(doc) && Array.isArray(doc.records) ? doc.records : [doc];
            return records.map((record, i) => ({ position: i + 1, record }));
        } catch {
            // Not one JSON document: fall through to NDJSON.
        }
    }
    return text.split(/\r?\n/).flatMap((line, i) => {
        if (line.trim() === '') return [];
        try {
            return [{ position: i + 1, record: JSON.parse(line) as unknown }];
        } catch (err) {
            return [{ position: i + 1, record: undefined, parseError: `line ${i + 1} is not JSON: ${(err as Error).message}` }];
        }
    });
}

function labelOf(record: unknown, position: number): string {
    if (!isRecord(record)) return `record ${position}`;
    const name = typeof record.FulfillmentOrderNumber === 'string' ? record.FulfillmentOrderNumber : undefined;
    const id = typeof record.Id === 'string' ? record.Id : undefined;
    return [name, id && `(${id})`].filter(Boolean).join(' ') || `record ${position}`;
}

export function checkSamples(text: string, config: MappingConfig, now: Date = new Date()): SampleOutcome[] {
    return parseSampleFile(text).map(({ position, record, parseError }) => {
        const label = labelOf(record, position);
        if (parseError) return { position, label, ok: false, problems: [{ path: '(line)', message: parseError }] };
        const mapped = fulfillmentOrderFromSalesforce(record, config);
        if (!mapped.ok) return { position, label, ok: false, problems: mapped.problems };
        return { position, label, ok: true, problems: [], fulfillmentOrder: mapped.value, wmsOrder: toWmsOrderDocument(mapped.value, config, now) };
    });
}
