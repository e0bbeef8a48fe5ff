#!/usr/bin/env node
// Removes, from package-lock.json, optional platform packages that the registry this lockfile was
// resolved against could not serve (their manifests answered 404, so npm recorded no entry for them).
// `npm ci` refuses a lockfile that names an optional dependency without an entry; the packages
// concerned are other platforms' native binaries (darwin, win32, musl...), never installed here.
// Run after `npm install` changes the lockfile: node scripts/prune-unavailable-optionals.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const present = new Set(Object.keys(lock.packages).map((path) => path.replace(/^.*node_modules\//, '')));
const removed = [];
for (const [path, entry] of Object.entries(lock.packages)) {
    if (!entry.optionalDependencies) continue;
    for (const name of Object.keys(entry.optionalDependencies)) {
        if (present.has(name)) continue;
        delete entry.optionalDependencies[name];
        removed.push(`${path || '(root)'} -> ${name}`);
    }
    if (Object.keys(entry.optionalDependencies).length === 0) delete entry.optionalDependencies;
}
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
process.stdout.write(`removed ${removed.length} unavailable optional dependencies\n${removed.join('\n')}\n`);
