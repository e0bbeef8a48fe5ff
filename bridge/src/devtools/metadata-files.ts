import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** A file of the package, with its absolute path and the path issues report (relative to the project). */
export interface PackageFile {
    absolutePath: string;
    relativePath: string;
}

/** Lists every file under `packageDir`, sorted, with paths relative to `projectDir`. */
export async function listPackageFiles(packageDir: string, projectDir: string): Promise<PackageFile[]> {
    const entries = await readdir(packageDir, { recursive: true, withFileTypes: true });
    return entries
        .filter((entry) => entry.isFile())
        .map((entry) => {
            const absolutePath = path.join(entry.parentPath, entry.name);
            return { absolutePath, relativePath: toProjectPath(absolutePath, projectDir) };
        })
        .sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}

export function toProjectPath(absolutePath: string, projectDir: string): string {
    return path.relative(projectDir, absolutePath).split(path.sep).join('/');
}

/** Test fixtures of LWC bundles are not metadata; the sf CLI skips them through .forceignore. */
export function isLwcTestFile(relativePath: string): boolean {
    return relativePath.includes('/__tests__/');
}
