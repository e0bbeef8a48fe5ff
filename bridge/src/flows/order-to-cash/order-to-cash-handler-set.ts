/**
 * The order-to-cash handlers as a worker handler set, for `oms-bridge worker` processes that run
 * beside the one holding the intake. Warehouse events that reach this process (sandbox, polling) are
 * queued like anywhere else, so any worker may apply them.
 */
import type { HandlerSet } from '../../queue/handler-sets.ts';
import { createOrderToCashRuntime } from './order-to-cash-runtime.ts';
import { registerOrderToCash } from './register-order-to-cash.ts';
import { connectWarehouseEvents } from './warehouse-event-intake.ts';

export const orderToCashHandlerSet: HandlerSet = async (host, services) => {
    const runtime = await createOrderToCashRuntime(services);
    registerOrderToCash(host, runtime.deps);
    host.useReporter(runtime.reporter);
    const disconnect = connectWarehouseEvents(runtime.deps, host.producer);
    return async () => {
        disconnect();
        await runtime.close();
    };
};
