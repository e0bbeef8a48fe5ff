/** API versions the emulator serves, labelled with their releases (Winter '26 = 65.0, three releases a year). */
// Summer '26 (67.0) is the newest release the reference documents as generally available.
export const LATEST_VERSION = '67.0';
export const OLDEST_VERSION = '31.0';

const SEASONS = ['Winter', 'Spring', 'Summer'];

export function releaseLabel(version: number): string {
    const offset = version - 65;
    const season = SEASONS[((offset % 3) + 3) % 3];
    const year = 26 + Math.floor(offset / 3);
    return `${season} '${String(year).padStart(2, '0')}`;
}

export function versionList(latest = LATEST_VERSION) {
    const list = [];
    for (let v = Number(OLDEST_VERSION); v <= Number(latest); v++) {
        list.push({ label: releaseLabel(v), url: `/services/data/v${v.toFixed(1)}`, version: v.toFixed(1) });
    }
    return list;
}

/** `v66.0` → `66.0` when served, else undefined. */
export function servedVersion(segment: string, latest = LATEST_VERSION): string | undefined {
    const match = /^v(\d+\.0)$/.exec(segment);
    if (!match) return undefined;
    const version = Number(match[1]);
    return version >= Number(OLDEST_VERSION) && version <= Number(latest) ? match[1] : undefined;
}
