/**
 * Typed reads from untrusted records (SOQL JSON, vendor payloads) that record a problem with the
 * field's path instead of throwing, so one pass over a record reports everything wrong with it.
 */
import type { ProblemList } from './mapping-result.ts';

type Json = Record<string, unknown>;

export class RecordReader {
    constructor(
        readonly record: Json,
        private readonly problems: ProblemList,
        private readonly prefix = ''
    ) {}

    path(field: string): string {
        return this.prefix ? `${this.prefix}.${field}` : field;
    }

    raw(field: string): unknown {
        return this.record[field];
    }

    problem(field: string, message: string): void {
        this.problems.add(this.path(field), message);
    }

    /** A non-empty string; records "is missing" when required and absent. */
    string(field: string, required: true): string;
    string(field: string, required?: false): string | undefined;
    string(field: string, required = false): string | undefined {
        const value = this.record[field];
        if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
            if (required) this.problem(field, 'is missing');
            return undefined;
        }
        if (typeof value !== 'string') {
            this.problem(field, `expected text, got ${typeof value}`);
            return undefined;
        }
        return value.trim();
    }

    /** A finite number; Salesforce sends numbers, but CSV-born samples may carry numeric strings. */
    number(field: string, required: true): number;
    number(field: string, required?: false): number | undefined;
    number(field: string, required = false): number | undefined {
        const value = this.record[field];
        if (value === undefined || value === null || value === '') {
            if (required) this.problem(field, 'is missing');
            return undefined;
        }
        const n = typeof value === 'string' ? Number(value) : value;
        if (typeof n !== 'number' || !Number.isFinite(n)) {
            this.problem(field, `expected a number, got ${JSON.stringify(value)}`);
            return undefined;
        }
        return n;
    }

    /** A related record (`DeliveryMethod`, `Product2`): a reader over it, or undefined when absent. */
    related(field: string, required = false): RecordReader | undefined {
        const value = this.record[field];
        if (value === undefined || value === null) {
            if (required) this.problem(field, 'is missing (include the relationship in the query)');
            return undefined;
        }
        if (typeof value !== 'object' || Array.isArray(value)) {
            this.problem(field, 'expected a related record');
            return undefined;
        }
        return new RecordReader(value as Json, this.problems, this.path(field));
    }

    /** A child relationship as SOQL returns it (`{ totalSize, done, records: [...] }`), one reader per child. */
    children(field: string, required = false): RecordReader[] {
        const value = this.record[field];
        if (value === undefined || value === null) {
            if (required) this.problem(field, 'is missing (include the subquery)');
            return [];
        }
        const records = (value as Json).records;
        if (typeof value !== 'object' || !Array.isArray(records)) {
            this.problem(field, 'expected a subquery result with records');
            return [];
        }
        if ((value as Json).done === false) {
            this.problem(field, 'subquery result is incomplete (done: false); fetch the remaining records first');
        }
        return records.map((child, i) => {
            const childPath = `${this.path(field)}.records[${i}]`;
            if (typeof child !== 'object' || child === null || Array.isArray(child)) {
                this.problems.add(childPath, 'expected a record');
                return new RecordReader({}, this.problems, childPath);
            }
            return new RecordReader(child as Json, this.problems, childPath);
        });
    }
}

export function isRecord(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
