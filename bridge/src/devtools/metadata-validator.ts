/**
 * Offline validation of the Salesforce package: what can be checked without an org, run by
 * `npm run sf:validate` and by the test suite so a broken metadata file fails the build.
 *
 * Checks, in order: XML well-formedness and root element per suffix; Apex syntax (a real Apex grammar)
 * and a `<Name>Test` class for every class and trigger; field sanity; permission-set cross-references;
 * conversion with source-deploy-retrieve (and, when asked, `sf project convert source`); optionally the
 * names an admin guide mentions. Compilation against the org's schema is not possible offline.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkApexMetaFiles, checkTestClasses, parseApexFile, type ApexUnit } from './apex-checks.ts';
import { checkDocumentNames } from './doc-name-checks.ts';
import { checkFieldFile, type FieldSummary } from './field-checks.ts';
import { isLwcTestFile, listPackageFiles, toProjectPath, type PackageFile } from './metadata-files.ts';
import { buildMetadataIndex, type MetadataIndex } from './metadata-index.ts';
import type { MetadataIssue } from './metadata-issue.ts';
import { checkPermissionSetFile } from './permission-set-checks.ts';
import { convertWithSourceDeployRetrieve } from './sdr-conversion.ts';
import { convertWithSfCli } from './sf-cli-conversion.ts';
import { checkXmlFile } from './xml-checks.ts';

/** What to validate and how thoroughly. */
export interface ValidateMetadataOptions {
    /** The package directory, e.g. `<project>/force-app`. */
    packageDir: string;
    /** Directory issue paths are relative to. Default: the parent of `packageDir`. */
    projectDir?: string;
    /** Also run `sf project convert source` (a few seconds slower). Default false. */
    useSfCli?: boolean;
    /** Directory holding node_modules/.bin/sf. Default: `projectDir`. */
    toolDir?: string;
    /** Markdown guides whose metadata names must exist in the package. Default none. */
    documents?: string[];
}

/** Everything the validator found; `ok` is true only when `issues` is empty. */
export interface ValidationReport {
    ok: boolean;
    issues: MetadataIssue[];
    /** Files looked at, by kind, so a run that silently checked nothing is visible. */
    counts: { xml: number; apex: number; fields: number; permissionSets: number; components: number };
}

export async function validateMetadata(options: ValidateMetadataOptions): Promise<ValidationReport> {
    const packageDir = path.resolve(options.packageDir);
    const projectDir = path.resolve(options.projectDir ?? path.dirname(packageDir));
    const files = (await listPackageFiles(packageDir, projectDir)).filter(
        (file) => !isLwcTestFile(file.relativePath)
    );
    const issues: MetadataIssue[] = [];
    const texts = new Map<string, string>();
    for (const file of files) {
        if (/\.(xml|cls|trigger)$/.test(file.relativePath)) {
            texts.set(file.relativePath, await readFile(file.absolutePath, 'utf8'));
        }
    }
    const text = (file: PackageFile) => texts.get(file.relativePath) ?? '';

    const xmlFiles = files.filter((file) => file.relativePath.endsWith('.xml'));
    const xmlIssues = new Map(
        xmlFiles.map((file) => [file.relativePath, checkXmlFile(file.relativePath, text(file))])
    );
    issues.push(...[...xmlIssues.values()].flat());
    const wellFormed = (file: PackageFile) => (xmlIssues.get(file.relativePath) ?? []).length === 0;

    const fields: FieldSummary[] = [];
    const fieldFiles = xmlFiles.filter(
        (file) => file.relativePath.endsWith('.field-meta.xml') && wellFormed(file)
    );
    for (const file of fieldFiles) {
        const result = checkFieldFile(file.relativePath, text(file));
        issues.push(...result.issues);
        if (result.field) fields.push(result.field);
    }

    const apexFiles = files.filter((file) => /\.(cls|trigger)$/.test(file.relativePath));
    const units: ApexUnit[] = apexFiles.map((file) => parseApexFile(file.relativePath, text(file)));
    issues.push(...units.flatMap((unit) => unit.issues));
    issues.push(...checkTestClasses(units));
    issues.push(
        ...checkApexMetaFiles(
            apexFiles.map((file) => file.relativePath),
            new Set(files.map((file) => file.relativePath))
        )
    );

    const index = buildMetadataIndex(
        files.map((file) => file.relativePath),
        fields
    );
    const permissionSetFiles = xmlFiles.filter(
        (file) => file.relativePath.endsWith('.permissionset-meta.xml') && wellFormed(file)
    );
    for (const file of permissionSetFiles) {
        issues.push(...checkPermissionSetFile(file.relativePath, text(file), index));
    }

    const conversion = await convertWithSourceDeployRetrieve(packageDir, projectDir);
    issues.push(...conversion.issues);
    if (options.useSfCli) {
        issues.push(...(await convertWithSfCli(packageDir, path.resolve(options.toolDir ?? projectDir))));
    }
    issues.push(...(await checkDocuments(options.documents ?? [], projectDir, index)));

    return {
        ok: issues.length === 0,
        issues,
        counts: {
            xml: xmlFiles.length,
            apex: apexFiles.length,
            fields: fieldFiles.length,
            permissionSets: permissionSetFiles.length,
            components: conversion.componentCount
        }
    };
}

async function checkDocuments(
    documents: string[],
    projectDir: string,
    index: MetadataIndex
): Promise<MetadataIssue[]> {
    const issues: MetadataIssue[] = [];
    for (const document of documents) {
        const absolutePath = path.resolve(projectDir, document);
        issues.push(
            ...checkDocumentNames(
                toProjectPath(absolutePath, projectDir),
                await readFile(absolutePath, 'utf8'),
                index
            )
        );
    }
    return issues;
}
