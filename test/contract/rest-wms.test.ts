import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RestWmsAdapter } from '../../bridge/src/adapters/wms/rest/rest-wms-adapter.ts';
import { RedisSeenSignatureStore } from '../../bridge/src/adapters/wms/rest/seen-signature-store.ts';
import { createWmsWebhookRouter } from '../../bridge/src/adapters/wms/rest/wms-webhook-router.ts';
import { restWmsSection } from '../../bridge/src/config/sections/adapters-wms.ts';
import { defaultMappingConfig } from '../../bridge/src/mappings/mapping-loader.ts';
import { useTestRedis } from '../support/redis.ts';
import { KNOWN_SKUS } from './contract-fixtures.ts';
import { FakeRestWms, WEBHOOK_SECRET, WMS_TOKEN } from './fake-vendors/fake-rest-wms.ts';
import { wmsAdapterContract } from './wms-adapter.contract.ts';

/** The generic REST adapter configured the way a customer would for this vendor. */
export function vendorConfig(baseUrl: string) {
    return restWmsSection.parse({
        baseUrl,
        auth: { type: 'bearer', token: WMS_TOKEN },
        timeoutMs: 300,
        submit: {
            path: '/v1/orders',
            body: {
                reference: '{{order.reference}}',
                carrier: '{{order.carrier}}',
                service: '{{order.service}}',
                ship_to: { name: '{{order.shipTo.name}}', address1: '{{order.shipTo.line1}}', address2: '{{order.shipTo.line2?}}', city: '{{order.shipTo.city}}', zip: '{{order.shipTo.postalCode?}}', country: '{{order.shipTo.country}}' },
                items: { $each: 'order.lines', $template: { lineRef: '{{item.lineRef}}', sku: '{{item.sku}}', quantity: '{{item.quantity}}' } }
            }
        },
        cancel: { path: '/v1/orders/{{ref.fulfillmentOrderId}}/cancel' },
        updateShipTo: { method: 'PUT', path: '/v1/orders/{{ref.fulfillmentOrderId}}/ship-to', body: { address1: '{{shipTo.line1}}', city: '{{shipTo.city}}' } },
        responses: { orderNumber: 'order_number' }
    });
}

wmsAdapterContract('generic REST (fake vendor + signed webhooks)', async () => {
    const redis = await useTestRedis('wms-webhook');
    const vendor = new FakeRestWms(KNOWN_SKUS);
    await vendor.http.start();
    const mapping = defaultMappingConfig();
    const adapter = new RestWmsAdapter({ config: vendorConfig(vendor.http.url), mapping });
    const app = express();
    app.use(
        '/webhooks/wms',
        createWmsWebhookRouter({
            secret: WEBHOOK_SECRET,
            toleranceSeconds: 300,
            mapping,
            seenSignatures: new RedisSeenSignatureStore(redis.client, redis.prefix),
            onEvent: (event) => adapter.events.publish(event)
        })
    );
    const server: Server = await new Promise((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    vendor.webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/wms`;
    return {
        adapter,
        advanceTo: (id, stage) => vendor.advanceTo(id, stage),
        plan: async (id, plan) => vendor.plan(id, plan.parcels, plan.shortLines),
        failNext: (fault) => vendor.http.failNext(fault),
        vendorOrderCount: () => vendor.orders.size,
        settle: () => adapter.events.drain(),
        close: async () => {
            await adapter.close();
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
            await vendor.http.close();
            await redis.cleanup();
        }
    };
});
