/** The one-line live summary `npm start` prints: what flowed where, exceptions, and API calls used. */
import type { FlowCounters } from './flow-counters.ts';

export interface ProgressFigures {
    ordersPlaced: number;
    counters: FlowCounters;
    deadLettered: number;
    apiUsed?: number;
    apiLimit?: number;
}

export function progressLine(f: ProgressFigures): string {
    const c = f.counters;
    const api = f.apiUsed === undefined ? 'n/a' : `${f.apiUsed}${f.apiLimit ? `/${f.apiLimit}` : ''}`;
    return [
        `orders in ${f.ordersPlaced}`,
        `sent to WMS ${c.get('sent-to-wms')}`,
        `acknowledged ${c.get('acknowledged')}`,
        `shipped ${c.get('shipped')}`,
        `written back ${c.get('written-back')}`,
        `invoiced ${c.get('invoiced')}`,
        `posted to ERP ${c.get('invoice-posted')}`,
        `short picks ${c.get('short-pick')}`,
        `exceptions ${f.deadLettered}`,
        `API calls ${api}`
    ].join(' | ');
}
