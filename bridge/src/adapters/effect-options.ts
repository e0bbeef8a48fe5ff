/** Options every outbound effect carries. */
export interface EffectOptions {
    /**
     * Stable key for this effect (e.g. `wms:submit:<foId>:<version>`). Calling again with the same key
     * must return the first call's result and create nothing new.
     */
    idempotencyKey: string;
    /** Follows the order through logs and vendor calls. */
    correlationId: string;
    /** Aborts the call (the adapter still applies its own timeout). */
    signal?: AbortSignal;
}
