import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MetadataIssue } from './metadata-issue.ts';
import { toProjectPath } from './metadata-files.ts';

const run = promisify(execFile);

/**
 * Environment for a sandboxed `sf` run: a throw-away HOME so the CLI writes no state into the real home,
 * and every switch that stops its telemetry and background self-update (SF_AUTOUPDATE_DISABLE alone
 * does not stop the update; SF_DISABLE_AUTOUPDATE does).
 */
export function sandboxedSfEnvironment(
    home: string,
    base: NodeJS.ProcessEnv = process.env
): NodeJS.ProcessEnv {
    return {
        ...base,
        HOME: home,
        SF_DISABLE_TELEMETRY: 'true',
        SF_DISABLE_AUTOUPDATE: 'true',
        SF_AUTOUPDATE_DISABLE: 'true',
        SF_SKIP_NEW_VERSION_CHECK: 'true',
        SF_USE_PROGRESS_BAR: 'false'
    };
}

/** Path of the project's own `sf` binary, so the check never depends on a global install. */
export function localSfBinary(projectDir: string): string {
    return path.join(projectDir, 'node_modules', '.bin', 'sf');
}

/** Runs `sf project convert source` on the package, the offline check closest to a real deploy. */
export async function convertWithSfCli(packageDir: string, projectDir: string): Promise<MetadataIssue[]> {
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'oms-sf-convert-'));
    const args = [
        'project',
        'convert',
        'source',
        '--root-dir',
        packageDir,
        '--output-dir',
        path.join(scratch, 'out'),
        '--json'
    ];
    try {
        await run(localSfBinary(projectDir), args, {
            cwd: projectDir,
            env: sandboxedSfEnvironment(path.join(scratch, 'home')),
            maxBuffer: 16 * 1024 * 1024
        });
        return [];
    } catch (error) {
        const failure = error as { stdout?: string; stderr?: string; message?: string };
        return [
            {
                check: 'conversion',
                path: toProjectPath(packageDir, projectDir),
                message: `sf project convert source failed: ${describeSfFailure(failure)}`
            }
        ];
    } finally {
        await rm(scratch, { recursive: true, force: true });
    }
}

function describeSfFailure(failure: { stdout?: string; stderr?: string; message?: string }): string {
    try {
        const parsed = JSON.parse(failure.stdout ?? '') as { name?: string; message?: string };
        if (parsed.message) {
            return `${parsed.name ?? 'Error'}: ${parsed.message}`;
        }
    } catch {
        // Not JSON: the CLI failed before its own error handling; fall back to the raw output.
    }
    return (failure.stderr || failure.stdout || failure.message || 'unknown error').trim().slice(0, 2000);
}
