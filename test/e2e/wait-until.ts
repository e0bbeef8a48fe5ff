/** Polling with a deadline: the only way the end-to-end tests wait (they never assert on elapsed time). */

/** How long to wait before failing (default 15 s) and how often to look (default 25 ms). */
export interface WaitOptions {
    timeoutMs?: number;
    intervalMs?: number;
}

/**
 * Polls `probe` until it returns something other than undefined/false, and returns that. On the
 * deadline it fails naming `what` and the last error the probe threw, so a stuck flow says where it stuck.
 */
export async function waitUntil<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions = {}): Promise<T> {
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    let lastError: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value !== undefined && value !== false) return value;
            lastError = undefined;
        } catch (err) {
            lastError = err;
        }
        if (Date.now() > deadline) {
            const detail = lastError instanceof Error ? `: last error ${lastError.message}` : '';
            throw new Error(`timed out waiting for ${what}${detail}`);
        }
        await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
    }
}
