import type { MetadataIssue } from './metadata-issue.ts';
import type { MetadataIndex } from './metadata-index.ts';

interface NameRule {
    pattern: RegExp;
    describe: string;
    exists: (match: RegExpMatchArray, index: MetadataIndex) => boolean;
}

/**
 * What a guide may name and where the name must exist. The guide tells admins what to assign and
 * enable; a name that drifted from the metadata sends them to something that is not there.
 */
const RULES: NameRule[] = [
    {
        pattern: /\b([A-Z][A-Za-z0-9]*)\.([A-Za-z][A-Za-z0-9_]*__c)\b/g,
        describe: 'field',
        exists: (match, index) => index.fields.has(`${match[1]}.${match[2]}`)
    },
    {
        pattern: /(?<![.\w])([A-Za-z][A-Za-z0-9_]*__c)\b/g,
        describe: 'field',
        exists: (match, index) => [...index.fields.values()].some((field) => field.fieldName === match[1])
    },
    {
        pattern: /\b([A-Za-z][A-Za-z0-9_]*__e)\b/g,
        describe: 'platform event',
        exists: (match, index) => index.objects.has(match[1] ?? '')
    },
    {
        pattern: /\b(OMS_[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*)\b/g,
        describe: 'permission set or custom permission',
        exists: (match, index) =>
            index.permissionSets.has(match[1] ?? '') || index.customPermissions.has(match[1] ?? '')
    },
    {
        pattern: /\b([A-Z][A-Za-z0-9]+)ChangeEvent\b/g,
        describe: 'Change Data Capture entity',
        exists: (match, index) => index.channelMembers.has(`ChangeEvents_${match[1]}ChangeEvent`)
    },
    {
        pattern: /\b([A-Z][A-Za-z0-9]+(?:Controller|Action))\b/g,
        describe: 'Apex class',
        exists: (match, index) => index.apexClasses.has(match[1] ?? '')
    }
];

/** Reports every metadata name in a Markdown guide that the package does not define, with its line. */
export function checkDocumentNames(
    relativePath: string,
    markdown: string,
    index: MetadataIndex
): MetadataIssue[] {
    const issues: MetadataIssue[] = [];
    markdown.split('\n').forEach((lineText, lineIndex) => {
        for (const rule of RULES) {
            for (const match of lineText.matchAll(rule.pattern)) {
                if (!rule.exists(match, index)) {
                    issues.push({
                        check: 'docs',
                        path: relativePath,
                        line: lineIndex + 1,
                        column: (match.index ?? 0) + 1,
                        message: `names ${rule.describe} ${match[0]}, which force-app does not define`
                    });
                }
            }
        }
    });
    return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
