/**
 * What the board shows of job data: secrets removed (observability/redact.ts) and personal data
 * masked — names, e-mail addresses, phone numbers and street lines, wherever they sit (ship-to
 * blocks, Salesforce records inside event payloads). Order, SKU and record IDs stay visible: they are
 * what an operator needs.
 */
import { Redactor } from '../observability/redact.ts';

export const PERSONAL = '[PERSONAL]';

const ALWAYS_PERSONAL = /(email|phone|mobile|fax|street|addressline|address\d|postalcode|postcode|zipcode|deliveryinstructions|giftmessage)/;
/** `…ToName` covers ShipToName, DeliverToName, FulfilledToName, BillToName. */
const PERSON_NAME = /^(first|last|middle|full|contact|customer|recipient|billing|shipping|mailing|buyer|account|company|[a-z]*to)?name$/;
/** Blocks whose plain `name`/`line1`... fields describe a person or an address. */
const PERSON_BLOCK = /(shipto|deliverto|billto|address|recipient|contact|customer|buyer|billing|shipping)/;

function normalize(key: string): string {
    return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function isPersonalField(key: string, insidePersonBlock: boolean): boolean {
    const k = normalize(key);
    if (ALWAYS_PERSONAL.test(k)) return true;
    if (PERSON_NAME.test(k) && (k !== 'name' || insidePersonBlock)) return true;
    if (insidePersonBlock && /^(line\d|address|street\d?|company)$/.test(k)) return true;
    // Salesforce compound fields: DeliverToStreet, FulfilledToStreet, BillingStreet...
    return /^([a-z]*to|billing|shipping|mailing|other)(name|street|postalcode)$/.test(k);
}

function maskPersonal(value: unknown, insidePersonBlock: boolean, depth: number): unknown {
    if (depth > 12 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => maskPersonal(v, insidePersonBlock, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== null && v !== undefined && typeof v !== 'object' && isPersonalField(key, insidePersonBlock)) {
            out[key] = PERSONAL;
        } else {
            out[key] = maskPersonal(v, insidePersonBlock || PERSON_BLOCK.test(normalize(key)), depth + 1);
        }
    }
    return out;
}

/** Builds the formatter the board applies to job data and return values. */
export function boardDataFormatter(redactor: Redactor = new Redactor()): (data: unknown) => unknown {
    return (data: unknown) => maskPersonal(redactor.redact(data), false, 0);
}
