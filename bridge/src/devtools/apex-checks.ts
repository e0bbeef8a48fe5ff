import path from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import type { MetadataIssue } from './metadata-issue.ts';

/** A parsed Apex class or trigger: its name, whether it is a test class, and its syntax errors. */
export interface ApexUnit {
    kind: 'class' | 'trigger';
    name: string;
    relativePath: string;
    isTest: boolean;
    issues: MetadataIssue[];
}

class CollectingErrorListener extends ApexErrorListener {
    readonly errors: { line: number; column: number; message: string }[] = [];

    apexSyntaxError(line: number, column: number, msg: string): void {
        // ANTLR columns are 0-based; editors and the issue format are 1-based.
        this.errors.push({ line, column: column + 1, message: msg });
    }
}

/** Parses one .cls or .trigger file with the Apex grammar and reports every syntax error. */
export function parseApexFile(relativePath: string, source: string): ApexUnit {
    const kind = relativePath.endsWith('.trigger') ? 'trigger' : 'class';
    const name = path.posix.basename(relativePath).replace(/\.(cls|trigger)$/, '');
    const listener = new CollectingErrorListener();
    const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
    let isTest = false;
    if (kind === 'trigger') {
        parser.triggerUnit();
    } else {
        const unit = parser.compilationUnit();
        const modifiers = unit.typeDeclaration()?.modifier_list() ?? [];
        isTest = modifiers.some(
            (modifier) => modifier.annotation()?.id()?.getText().toLowerCase() === 'istest'
        );
    }
    const issues = listener.errors.map((error): MetadataIssue => ({
        check: 'apex',
        path: relativePath,
        line: error.line,
        column: error.column,
        message: `Apex syntax error: ${shorten(error.message)}`
    }));
    return { kind, name, relativePath, isTest, issues };
}

/** ANTLR lists every token it expected, often hundreds; the start of the list is enough to fix the line. */
function shorten(message: string): string {
    return message.length > 240 ? `${message.slice(0, 240)}…` : message;
}

/**
 * Every class and trigger that is not itself a test needs `<Name>Test`, and that class must be annotated
 * @IsTest: deployment to production requires coverage, and the naming rule keeps coverage easy to find.
 */
export function checkTestClasses(units: ApexUnit[]): MetadataIssue[] {
    const classesByName = new Map(
        units.filter((unit) => unit.kind === 'class').map((unit) => [unit.name.toLowerCase(), unit])
    );
    const issues: MetadataIssue[] = [];
    for (const unit of units) {
        if (unit.isTest) {
            continue;
        }
        const expected = `${unit.name}Test`;
        const testClass = classesByName.get(expected.toLowerCase());
        if (testClass === undefined) {
            issues.push({
                check: 'apex-test',
                path: unit.relativePath,
                message: `${unit.kind} ${unit.name} has no test class ${expected}.cls`
            });
        } else if (!testClass.isTest && testClass.issues.length === 0) {
            issues.push({
                check: 'apex-test',
                path: testClass.relativePath,
                message: `${expected} must be annotated @IsTest (it tests ${unit.name})`
            });
        }
    }
    return issues;
}

/** Each .cls/.trigger needs its -meta.xml companion, or the sf CLI cannot deploy it. */
export function checkApexMetaFiles(apexPaths: string[], allPaths: Set<string>): MetadataIssue[] {
    return apexPaths
        .filter((apexPath) => !allPaths.has(`${apexPath}-meta.xml`))
        .map((apexPath) => ({
            check: 'apex' as const,
            path: apexPath,
            message: `missing ${path.posix.basename(apexPath)}-meta.xml beside it`
        }));
}
