/**
 * HMAC-SHA256 webhook signatures over `timestamp + '.' + rawBody`, hex-encoded, compared in constant
 * time. A `sha256=` or `v1=` prefix on the header value is accepted.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWebhook(secret: string, timestamp: string, rawBody: Buffer | string): string {
    return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export function signatureMatches(secret: string, timestamp: string, rawBody: Buffer, presented: string): boolean {
    const candidate = presented.trim().replace(/^(sha256|v1)=/i, '');
    if (!/^[0-9a-f]{64}$/i.test(candidate)) return false;
    const expected = Buffer.from(signWebhook(secret, timestamp, rawBody), 'hex');
    return timingSafeEqual(expected, Buffer.from(candidate, 'hex'));
}
