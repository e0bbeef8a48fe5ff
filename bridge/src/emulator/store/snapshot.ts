/**
 * Saves and loads the org (records, counters and the integration user's credentials) as one JSON file, so a demo
 * org survives a restart. Writes go to a temporary file renamed into place, so a crash never leaves half a file.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { IntegrationCredentials } from '../auth/integration-user.ts';
import type { StoreState } from './record-store.ts';

const FORMAT = 'oms-bridge-emulator-snapshot';
const VERSION = 1;

export interface Snapshot {
    format: typeof FORMAT;
    version: number;
    savedAt: string;
    credentials: IntegrationCredentials;
    store: StoreState;
}

export function saveSnapshot(file: string, credentials: IntegrationCredentials, store: StoreState, now = Date.now()): void {
    const snapshot: Snapshot = { format: FORMAT, version: VERSION, savedAt: new Date(now).toISOString(), credentials, store };
    const temporary = `${file}.${process.pid}.tmp`;
    // The file holds the integration user's private key and secret: owner-only.
    writeFileSync(temporary, JSON.stringify(snapshot), { mode: 0o600 });
    renameSync(temporary, file);
}

/** The snapshot in `file`, or undefined when there is none yet; a file that is not a snapshot is an error naming it. */
export function loadSnapshot(file: string): Snapshot | undefined {
    if (!existsSync(file)) return undefined;
    let parsed: Partial<Snapshot>;
    try {
        parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Snapshot>;
    } catch (error) {
        throw new Error(`${file}: not a readable emulator snapshot (${(error as Error).message})`);
    }
    if (parsed.format !== FORMAT || parsed.version !== VERSION || !parsed.store || !parsed.credentials) {
        throw new Error(`${file}: not an emulator snapshot of format ${FORMAT} v${VERSION}`);
    }
    return parsed as Snapshot;
}
