/**
 * Salesforce record IDs: 3-character key prefix + 12 characters, plus the 3-character case-safe suffix that makes
 * the 18-character form unique without regard to letter case.
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/;

/** The case-safe suffix for a 15-character ID: one character per 5-character chunk, a bit per upper-case letter. */
export function caseSafeSuffix(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charCodeAt(chunk * 5 + i);
            if (c >= 65 && c <= 90) bits |= 1 << i;
        }
        suffix += SUFFIX_ALPHABET[bits];
    }
    return suffix;
}

/** The 18-character form of a 15- or 18-character ID, or undefined when `value` is not a well-formed ID. */
export function to18(value: string): string | undefined {
    if (!ID_PATTERN.test(value)) return undefined;
    const id15 = value.slice(0, 15);
    const full = id15 + caseSafeSuffix(id15);
    if (value.length === 18 && value.toUpperCase() !== full.toUpperCase()) return undefined;
    return full;
}

/** Hands out IDs from one org-wide counter, so every ID is unique whatever its prefix. */
export class IdGenerator {
    /** `instance` stands in for the two pod characters of a real ID. */
    constructor(
        private counter = 0,
        private readonly instance = '5e'
    ) {}

    next(keyPrefix: string): string {
        this.counter++;
        let n = this.counter;
        let digits = '';
        for (let i = 0; i < 9; i++) {
            digits = BASE62[n % 62] + digits;
            n = Math.floor(n / 62);
        }
        const id15 = `${keyPrefix}${this.instance}0${digits}`;
        return id15 + caseSafeSuffix(id15);
    }

    get value(): number {
        return this.counter;
    }
}
