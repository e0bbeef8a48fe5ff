/**
 * The parser returns a WHERE clause as a right-leaning chain whose parentheses are only counts on the
 * conditions (`openParen: 2`). This module flattens that chain back into tokens and parses them into
 * a proper boolean tree. As in Salesforce, AND and OR may not be mixed at one level without
 * parentheses (`a AND b OR c` is "unexpected token: OR").
 */
import type { ConditionWithValueQuery, WhereClause } from '@jetstreamapp/soql-parser-js';
import { locateToken, malformedQuery } from './soql-error.ts';

export type WhereNode =
    | { kind: 'and' | 'or'; children: WhereNode[] }
    | { kind: 'not'; child: WhereNode }
    | { kind: 'condition'; condition: ConditionWithValueQuery };

type Token =
    | { kind: '(' | ')' | 'NOT' }
    | { kind: 'AND' | 'OR' }
    | { kind: 'condition'; condition: ConditionWithValueQuery };

interface ParenCounts {
    openParen?: number;
    closeParen?: number;
}

const isCondition = (left: object): left is ConditionWithValueQuery => 'field' in left || 'fn' in left;

function tokenize(where: WhereClause): Token[] {
    const tokens: Token[] = [];
    let node: WhereClause | undefined = where;
    while (node) {
        const left = node.left as (ConditionWithValueQuery & ParenCounts) | (ParenCounts & object) | null;
        const operator = 'operator' in node ? node.operator : undefined;
        const right: WhereClause | undefined = 'right' in node ? node.right : undefined;
        const opens = left?.openParen ?? 0;
        for (let i = 0; i < opens; i++) tokens.push({ kind: '(' });
        if (left && isCondition(left)) {
            tokens.push({ kind: 'condition', condition: left });
            for (let i = 0; i < (left.closeParen ?? 0); i++) tokens.push({ kind: ')' });
            if (operator) tokens.push({ kind: operator });
        } else if (operator === 'NOT') {
            tokens.push({ kind: 'NOT' });
        }
        node = right;
    }
    return tokens;
}

/** Recursive descent over the flattened tokens: expr := unary (op unary)*, one op kind per level. */
class WhereParser {
    private index = 0;

    constructor(
        private readonly tokens: Token[],
        private readonly soql: string
    ) {}

    parseAll(): WhereNode {
        const node = this.expression();
        if (this.index < this.tokens.length) throw this.unexpected(this.tokens[this.index].kind);
        return node;
    }

    private expression(): WhereNode {
        const first = this.unary();
        const next = this.tokens[this.index];
        if (!next || (next.kind !== 'AND' && next.kind !== 'OR')) return first;
        const operator = next.kind;
        const children = [first];
        while (this.tokens[this.index]?.kind === operator) {
            this.index++;
            children.push(this.unary());
        }
        const after = this.tokens[this.index];
        if (after && (after.kind === 'AND' || after.kind === 'OR')) throw this.unexpected(after.kind);
        return { kind: operator === 'AND' ? 'and' : 'or', children };
    }

    private unary(): WhereNode {
        const token = this.tokens[this.index++];
        if (!token) throw malformedQuery('unexpected token: <EOF>');
        if (token.kind === 'NOT') return { kind: 'not', child: this.unary() };
        if (token.kind === 'condition') return { kind: 'condition', condition: token.condition };
        if (token.kind === '(') {
            const inner = this.expression();
            if (this.tokens[this.index]?.kind !== ')') throw malformedQuery("unexpected token: missing ')'");
            this.index++;
            return inner;
        }
        throw this.unexpected(token.kind);
    }

    private unexpected(token: string) {
        const afterWhere = this.soql.toUpperCase().indexOf('WHERE');
        return malformedQuery(
            `unexpected token: ${token}`,
            locateToken(this.soql, token, Math.max(afterWhere, 0))
        );
    }
}

export function buildWhereTree(where: WhereClause, soql: string): WhereNode {
    return new WhereParser(tokenize(where), soql).parseAll();
}
