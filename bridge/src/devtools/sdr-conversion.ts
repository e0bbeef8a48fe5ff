import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import type { MetadataIssue } from './metadata-issue.ts';
import { toProjectPath } from './metadata-files.ts';

/** Result of converting the package to Metadata API format with source-deploy-retrieve. */
export interface ConversionResult {
    issues: MetadataIssue[];
    /** Number of components resolved from source; a package that resolves to nothing is also reported. */
    componentCount: number;
}

/**
 * Resolves every component under `packageDir` and converts it to Metadata API format in a temporary
 * directory: the same library `sf project convert source` and `sf project deploy` use, so an unknown file
 * type, a missing -meta.xml or a bundle the registry cannot decompose fails here instead of at deploy time.
 */
export async function convertWithSourceDeployRetrieve(
    packageDir: string,
    projectDir: string
): Promise<ConversionResult> {
    const outputDirectory = await mkdtemp(path.join(os.tmpdir(), 'oms-sdr-convert-'));
    try {
        const components = ComponentSet.fromSource(packageDir);
        const componentCount = components.size;
        if (componentCount === 0) {
            return {
                componentCount,
                issues: [
                    {
                        check: 'conversion',
                        path: toProjectPath(packageDir, projectDir),
                        message: 'no metadata components found'
                    }
                ]
            };
        }
        await new MetadataConverter().convert(components, 'metadata', {
            type: 'directory',
            outputDirectory,
            genUniqueDir: false
        });
        return { componentCount, issues: [] };
    } catch (error) {
        return { componentCount: 0, issues: [conversionIssue(error, packageDir, projectDir)] };
    } finally {
        await rm(outputDirectory, { recursive: true, force: true });
    }
}

/** SDR errors usually name the offending file in their message; point the issue at it when they do. */
function conversionIssue(error: unknown, packageDir: string, projectDir: string): MetadataIssue {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const mentioned = message.match(/(\/[^\s"'`:]+)/g)?.find((candidate) => candidate.startsWith(packageDir));
    return {
        check: 'conversion',
        path: toProjectPath(mentioned ?? packageDir, projectDir),
        message: `source-deploy-retrieve could not convert the package: ${message}`
    };
}
