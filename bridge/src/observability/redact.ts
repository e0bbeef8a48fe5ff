/**
 * Removes secrets from anything about to leave the process (log lines, errors, board data).
 * Two nets: keys that name secrets, and the known secret values themselves wherever they appear in text.
 */
const SECRET_FIELD = /^(authorization|cookie|set-cookie|password|passphrase|secret|client_?secret|private_?key|refresh_?token|access_?token|token|assertion|api_?key|x-api-key|signature|webhook_?(key|secret)|signing_?key|session_?id|sid)$/i;

export const REDACTED = '[REDACTED]';

export function isSecretField(key: string): boolean {
    return SECRET_FIELD.test(key) || /(secret|password|privatekey|refreshtoken|accesstoken)$/i.test(key);
}

export class Redactor {
    private readonly values: string[] = [];

    constructor(secretValues: Iterable<string> = []) {
        for (const v of secretValues) this.addSecret(v);
    }

    /** Registers a secret value (e.g. a freshly minted access token) to be masked from now on. */
    addSecret(value: string | undefined): void {
        if (!value || value.length < 4 || this.values.includes(value)) return;
        this.values.push(value);
        // Longest first so a secret containing another is masked whole.
        this.values.sort((a, b) => b.length - a.length);
    }

    redactText(text: string): string {
        let out = text;
        for (const v of this.values) if (out.includes(v)) out = out.split(v).join(REDACTED);
        // Bearer/OAuth headers that slipped into a message.
        return out.replace(/\b(Bearer|OAuth)\s+[A-Za-z0-9._!~+/=-]{12,}/g, `$1 ${REDACTED}`);
    }

    redact<T>(value: T, depth = 0): T {
        if (depth > 12) return value;
        if (typeof value === 'string') return this.redactText(value) as T;
        if (Array.isArray(value)) return value.map((v) => this.redact(v, depth + 1)) as T;
        if (value instanceof Error) {
            const copy: Record<string, unknown> = { type: value.name, message: this.redactText(value.message) };
            if (value.stack) copy.stack = this.redactText(value.stack);
            for (const [k, v] of Object.entries(value)) copy[k] = isSecretField(k) ? REDACTED : this.redact(v, depth + 1);
            return copy as T;
        }
        if (value && typeof value === 'object') {
            const out: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
                out[k] = isSecretField(k) && v !== undefined && v !== null ? REDACTED : this.redact(v, depth + 1);
            }
            return out as T;
        }
        return value;
    }
}
