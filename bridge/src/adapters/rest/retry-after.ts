/** The wait a vendor asked for, from `Retry-After` (seconds or HTTP date) or ShipBob's `x-retry-after` (seconds). */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
    const raw = headers.get('retry-after') ?? headers.get('x-retry-after');
    if (!raw) return undefined;
    const seconds = Number(raw.trim());
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
    const date = Date.parse(raw);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
