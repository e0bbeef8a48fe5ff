/**
 * Mappings never throw on bad data: they return the value, or every problem found, each naming the
 * field path in the input and what is wrong with it.
 */

export interface MappingProblem {
    /** Dotted path in the input record, e.g. `FulfillmentOrderLineItems.records[2].Quantity`. */
    path: string;
    message: string;
}

export type MappingResult<T> = { ok: true; value: T } | { ok: false; problems: MappingProblem[] };

export function ok<T>(value: T): MappingResult<T> {
    return { ok: true, value };
}

export function failed<T>(problems: MappingProblem[]): MappingResult<T> {
    return { ok: false, problems };
}

/** Gathers problems while a mapping walks its input, so one pass reports all of them. */
export class ProblemList {
    readonly problems: MappingProblem[] = [];

    add(path: string, message: string): void {
        this.problems.push({ path, message });
    }

    addAll(prefix: string, problems: MappingProblem[]): void {
        for (const p of problems) this.add(prefix && p.path ? `${prefix}.${p.path}` : prefix || p.path, p.message);
    }

    get empty(): boolean {
        return this.problems.length === 0;
    }

    /** The value when no problem was recorded, otherwise the problems. */
    result<T>(build: () => T): MappingResult<T> {
        return this.empty ? ok(build()) : failed(this.problems);
    }
}

/** Formats zod-style issues (path arrays) as mapping problems. */
export function problemsFromIssues(
    issues: readonly { path: readonly PropertyKey[]; message: string }[],
    prefix = ''
): MappingProblem[] {
    return issues.map((issue) => {
        const path = issue.path
            .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
            .join('');
        return { path: prefix && path ? `${prefix}.${path}` : prefix || path || '(root)', message: issue.message };
    });
}
