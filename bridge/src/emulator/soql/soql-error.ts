/**
 * SOQL failures shaped the way Salesforce reports them. Salesforce prefixes most query errors with the
 * offending row of the statement, a caret under the offending token and `ERROR at Row:r:Column:c`;
 * the emulator reproduces that frame whenever it can find the token in the statement text.
 */
import { SalesforceApiError, sfError } from '../rest/salesforce-error.ts';

export interface SourcePosition {
    row: number;
    column: number;
    lineText: string;
}

const isIdentifierChar = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9_.]/.test(ch);

/** First occurrence of `token` in `soql` standing alone as an identifier (case-insensitive), after `fromIndex`. */
export function locateToken(soql: string, token: string, fromIndex = 0): SourcePosition | undefined {
    if (token.length === 0) return undefined;
    const haystack = soql.toLowerCase();
    const needle = token.toLowerCase();
    let index = haystack.indexOf(needle, fromIndex);
    while (index >= 0) {
        const before = soql[index - 1];
        const after = soql[index + needle.length];
        const standsAlone = !/\w/.test(needle[0]) || (!isIdentifierChar(before) && !isIdentifierChar(after));
        if (standsAlone) return positionAt(soql, index);
        index = haystack.indexOf(needle, index + 1);
    }
    return undefined;
}

export function positionAt(soql: string, index: number): SourcePosition {
    const lines = soql.slice(0, index).split('\n');
    const row = lines.length;
    const column = lines[lines.length - 1].length + 1;
    const lineText = soql.split('\n')[row - 1] ?? '';
    return { row, column, lineText };
}

/** `\n<row text>\n   ^\nERROR at Row:r:Column:c\n<detail>`, or the bare detail when the token was not found. */
export function framed(detail: string, position: SourcePosition | undefined): string {
    if (!position) return detail;
    const caret = `${' '.repeat(position.column - 1)}^`;
    return `\n${position.lineText}\n${caret}\nERROR at Row:${position.row}:Column:${position.column}\n${detail}`;
}

export const malformedQuery = (detail: string, position?: SourcePosition): SalesforceApiError =>
    sfError(400, 'MALFORMED_QUERY', framed(detail, position));

/** A construct the parser accepts but the emulator's SOQL subset does not evaluate. */
export const unsupportedFeature = (feature: string, position?: SourcePosition): SalesforceApiError =>
    malformedQuery(`${feature} is not supported by the Salesforce emulator's SOQL engine`, position);

export const noSuchColumn = (
    field: string,
    objectName: string,
    position?: SourcePosition
): SalesforceApiError =>
    sfError(
        400,
        'INVALID_FIELD',
        framed(
            `No such column '${field}' on entity '${objectName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
            position
        )
    );

export const unknownRelationshipInPath = (
    relationship: string,
    position?: SourcePosition
): SalesforceApiError =>
    sfError(
        400,
        'INVALID_FIELD',
        framed(
            `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
            position
        )
    );

/**
 * Salesforce answers an unknown child relationship in a subquery with this text; the error code that
 * accompanies it is not documented, INVALID_TYPE is what real orgs are reported to return.
 */
export const unknownChildRelationship = (
    relationship: string,
    position?: SourcePosition
): SalesforceApiError =>
    sfError(
        400,
        'INVALID_TYPE',
        framed(
            `Didn't understand relationship '${relationship}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
            position
        )
    );

export const unsupportedSObject = (objectName: string, position?: SourcePosition): SalesforceApiError =>
    sfError(
        400,
        'INVALID_TYPE',
        framed(
            `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
            position
        )
    );

/** Type names as Salesforce spells them in filter errors (`dateTime`, `double`, ...). */
export const filterValueOfWrongType = (
    field: string,
    expectedType: string,
    quoted: boolean,
    position?: SourcePosition
): SalesforceApiError =>
    sfError(
        400,
        'INVALID_FIELD',
        framed(
            `value of filter criterion for field '${field}' must be of type ${expectedType} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
            position
        )
    );

export const invalidIdInFilter = (value: string, position?: SourcePosition): SalesforceApiError =>
    sfError(400, 'INVALID_QUERY_FILTER_OPERATOR', framed(`invalid ID field: ${value}`, position));

/** Documented: an OFFSET above 2,000 gives NUMBER_OUTSIDE_VALID_RANGE (SOQL reference, OFFSET). */
export const offsetOutOfRange = (objectName: string): SalesforceApiError =>
    sfError(
        400,
        'NUMBER_OUTSIDE_VALID_RANGE',
        `Maximum SOQL offset allowed for apiName ${objectName} is 2000`
    );

/**
 * The error code is documented (help article 000004410); the message text of the REST body is not,
 * so the emulator uses the short form client libraries report.
 */
export const invalidQueryLocator = (): SalesforceApiError =>
    sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
