/**
 * Admin actions that belong to other parts of the emulator (streaming, seed). Each part registers its handler
 * under a well-known name; the admin API calls it and answers 501 when nothing is registered.
 */

/** Well-known hook names and what their handler receives. */
export interface AdminHookInputs {
    /** Forget every CometD client (they get `403::Unknown client` on their next call). */
    forgetCometdClients: Record<string, never>;
    /** Emit gap change events for these records (`changeType` GAP_CREATE | GAP_UPDATE | GAP_DELETE | GAP_UNDELETE). */
    emitGapEvents: { entityName: string; recordIds: string[]; changeType?: string };
    /** Emit one GAP_OVERFLOW change event for the entity. */
    emitOverflowEvent: { entityName: string };
    /** Drop retained events published more than `olderThanMs` ago. */
    purgeEvents: { olderThanMs: number };
    /** Place `count` new storefront orders. */
    placeOrders: { count: number };
}

export type AdminHookName = keyof AdminHookInputs;

export type AdminHook<K extends AdminHookName> = (input: AdminHookInputs[K]) => unknown;

export class AdminHooks {
    private readonly hooks = new Map<AdminHookName, (input: never) => unknown>();

    /** Registers (or replaces) the handler for `name`; returns a function that removes it. */
    register<K extends AdminHookName>(name: K, hook: AdminHook<K>): () => void {
        this.hooks.set(name, hook as (input: never) => unknown);
        return () => {
            if (this.hooks.get(name) === hook) this.hooks.delete(name);
        };
    }

    has(name: AdminHookName): boolean {
        return this.hooks.has(name);
    }

    /** Runs the hook; undefined (nothing registered) is told apart from a handler's own result by `has`. */
    async run<K extends AdminHookName>(name: K, input: AdminHookInputs[K]): Promise<unknown> {
        const hook = this.hooks.get(name) as AdminHook<K> | undefined;
        if (!hook) throw new Error(`no handler registered for ${name}`);
        return await hook(input);
    }

    names(): AdminHookName[] {
        return [...this.hooks.keys()];
    }
}
