/**
 * Parses SOQL with `@jetstreamapp/soql-parser-js` and turns its failures, and the clauses the emulator
 * does not evaluate, into Salesforce's MALFORMED_QUERY. Nothing outside the supported subset reaches
 * the evaluator.
 */
import { parseQuery, type Query, type Subquery } from '@jetstreamapp/soql-parser-js';
import { locateToken, malformedQuery, positionAt, unsupportedFeature } from './soql-error.ts';

/** Parser messages name the token they stopped at in one of two shapes. */
const FOUND_TOKEN_PATTERNS = [/but found: '([^']*)'/, /but found --> '([^']*)' <--/, /but found: (\S+)/];

/** Integrations repeat the same few statements; parsed trees are kept (never mutated) for reuse. */
const PARSE_CACHE_SIZE = 500;
const parseCache = new Map<string, Query>();

export function parseSoql(soql: string): Query {
    if (typeof soql !== 'string' || soql.trim().length === 0) {
        throw malformedQuery('the query string (q) is empty');
    }
    const cached = parseCache.get(soql);
    if (cached) return cached;
    let query: Query;
    try {
        // Called without options on purpose: passing any makes the library rebuild its grammar (~100 ms).
        query = parseQuery(soql);
    } catch (error) {
        throw translateParseError(soql, error instanceof Error ? error.message : String(error));
    }
    rejectUnsupportedClauses(soql, query, true);
    if (parseCache.size >= PARSE_CACHE_SIZE) parseCache.delete(parseCache.keys().next().value as string);
    parseCache.set(soql, query);
    return query;
}

function translateParseError(soql: string, parserMessage: string) {
    const offsetMatch = /at offset: (\d+)/.exec(parserMessage);
    if (offsetMatch) {
        const index = Number(offsetMatch[1]);
        return malformedQuery(`unexpected token: '${soql[index] ?? ''}'`, positionAt(soql, index));
    }
    for (const pattern of FOUND_TOKEN_PATTERNS) {
        const match = pattern.exec(parserMessage);
        if (!match) continue;
        const token = match[1];
        if (token === '') return malformedQuery('unexpected token: <EOF>', positionAt(soql, soql.length));
        return malformedQuery(`unexpected token: '${token}'`, locateToken(soql, token));
    }
    return malformedQuery(parserMessage.split('\n')[0]);
}

/** Clauses the parser understands that the emulator refuses rather than ignores. */
export function rejectUnsupportedClauses(soql: string, query: Query | Subquery, topLevel = false): void {
    const where = (keyword: string) => locateToken(soql, keyword);
    // GROUP BY is evaluated for the outer statement only (see aggregate-query.ts).
    if (query.groupBy && !topLevel) throw unsupportedFeature('GROUP BY in a subquery', where('GROUP'));
    if (query.having) throw unsupportedFeature('HAVING', where('HAVING'));
    if (query.withDataCategory) throw unsupportedFeature('WITH DATA CATEGORY', where('WITH'));
    if (query.usingScope) throw unsupportedFeature('USING SCOPE', where('USING'));
    if (query.for) throw unsupportedFeature(`FOR ${query.for}`, where('FOR'));
    if (query.update) throw unsupportedFeature(`UPDATE ${query.update}`, where('UPDATE'));
    if (query.sObjectAlias) throw unsupportedFeature('An object alias', where(query.sObjectAlias));
    if ('sObjectPrefix' in query && query.sObjectPrefix && query.sObjectPrefix.length > 0) {
        throw unsupportedFeature('A prefixed relationship name in a subquery');
    }
    // WITH SECURITY_ENFORCED / USER_MODE only restrict what the running user may see; the emulator's
    // integration user sees everything, so accepting them changes no result.
    if (!query.fields || query.fields.length === 0) throw malformedQuery('a SELECT field list is required');
}
