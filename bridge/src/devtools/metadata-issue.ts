/** The offline checks the metadata validator runs; each issue names the one that found it. */
export type MetadataCheck = 'xml' | 'conversion' | 'apex' | 'apex-test' | 'field' | 'permission-set' | 'docs';

/** One problem found in the Salesforce package, located well enough to fix without searching. */
export interface MetadataIssue {
    check: MetadataCheck;
    /** File path relative to the project root (the directory holding force-app/), with `/` separators. */
    path: string;
    /** 1-based line, when the check knows it. */
    line?: number;
    /** 1-based column, when the check knows it. */
    column?: number;
    message: string;
}

/** Renders an issue as `path:line:column [check] message`, the form editors and CI logs link. */
export function formatIssue(issue: MetadataIssue): string {
    const position =
        issue.line === undefined
            ? ''
            : `:${issue.line}${issue.column === undefined ? '' : `:${issue.column}`}`;
    return `${issue.path}${position} [${issue.check}] ${issue.message}`;
}
