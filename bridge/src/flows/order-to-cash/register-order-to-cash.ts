/** Registers every order-to-cash handler on a WorkerHost. */
import type { WorkerHost } from '../../queue/worker-host.ts';
import { creditMemoPostHandler, invoicePostHandler } from './billing-post.handlers.ts';
import { cancelHandler, submitHandler, updateShipToHandler } from './fulfillment-outbound.handlers.ts';
import type { OrderToCashDeps } from './order-to-cash-deps.ts';
import { salesforceEventHandler } from './salesforce-event.handler.ts';
import { warehouseEventHandler } from './warehouse-event.handler.ts';

export function registerOrderToCash(host: WorkerHost, deps: OrderToCashDeps): WorkerHost {
    return host
        .handle('sf.event', salesforceEventHandler(deps))
        .handle('wms.submit', submitHandler(deps))
        .handle('wms.cancel', cancelHandler(deps))
        .handle('wms.update-ship-to', updateShipToHandler(deps))
        .handle('wms.event', warehouseEventHandler(deps))
        .handle('erp.post-invoice', invoicePostHandler(deps))
        .handle('erp.post-credit-memo', creditMemoPostHandler(deps));
}
