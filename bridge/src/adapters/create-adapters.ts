/**
 * Builds the configured WMS and ERP adapters (the embedded sandboxes by default), the mapping tables
 * they use, and — for a REST warehouse — its inbound event transports: the signed-webhook router and,
 * for systems without webhooks, the checkpointed poller.
 */
import { readFileSync } from 'node:fs';
import type { Router } from 'express';
import type { Redis } from 'ioredis';
import type { BridgeConfig } from '../config/schema.ts';
import { defaultMappingConfig, parseMappingFile } from '../mappings/mapping-loader.ts';
import type { MappingConfig } from '../mappings/mapping-config.ts';
import type { Logger } from '../observability/logger.ts';
import type { ErpAdapter } from './erp-adapter.ts';
import { RestErpAdapter } from './erp/rest/rest-erp-adapter.ts';
import { SandboxErpAdapter } from './erp/sandbox/sandbox-erp-adapter.ts';
import { RestClient } from './rest/rest-client.ts';
import { createAuthProvider } from './rest/rest-auth.ts';
import type { WmsAdapter } from './wms-adapter.ts';
import { RestWmsAdapter } from './wms/rest/rest-wms-adapter.ts';
import { RedisSeenSignatureStore } from './wms/rest/seen-signature-store.ts';
import { RedisCursorStore, WmsEventPoller } from './wms/rest/wms-event-poller.ts';
import { createWmsWebhookRouter } from './wms/rest/wms-webhook-router.ts';
import { SandboxWmsAdapter } from './wms/sandbox/sandbox-wms-adapter.ts';

export interface AdapterSet {
    wms: WmsAdapter;
    erp: ErpAdapter;
    mapping: MappingConfig;
    /** Mount at `path` on the bridge's HTTP server (REST warehouses with webhooks). */
    webhook?: { path: string; router: Router };
    poller?: WmsEventPoller;
    start(): Promise<void>;
    close(): Promise<void>;
}

export function loadMapping(config: BridgeConfig): MappingConfig {
    const file = config.adapters.wms.mappingFile;
    if (!file) return defaultMappingConfig();
    const parsed = parseMappingFile(readFileSync(file, 'utf8'));
    if (!parsed.ok) {
        throw new Error(`Mapping file ${file} is invalid:\n  - ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n  - ')}`);
    }
    return parsed.value;
}

export function createAdapters(config: BridgeConfig, deps: { redis: Redis; logger: Logger }): AdapterSet {
    const mapping = loadMapping(config);
    const wmsConfig = config.adapters.wms;
    const erpConfig = config.adapters.erp;
    const wms: WmsAdapter =
        wmsConfig.kind === 'rest' && wmsConfig.rest
            ? new RestWmsAdapter({ config: wmsConfig.rest, mapping })
            : new SandboxWmsAdapter({ config: wmsConfig.sandbox, mapping });
    const erp: ErpAdapter =
        erpConfig.kind === 'rest' && erpConfig.rest ? new RestErpAdapter(erpConfig.rest) : new SandboxErpAdapter({ config: erpConfig.sandbox });
    let webhook: AdapterSet['webhook'];
    let poller: WmsEventPoller | undefined;
    if (wmsConfig.kind === 'rest' && wmsConfig.rest && wms instanceof RestWmsAdapter) {
        const rest = wmsConfig.rest;
        const hub = wms.events;
        if (rest.webhook.signingKey) {
            webhook = {
                path: rest.webhook.path,
                router: createWmsWebhookRouter({
                    secret: rest.webhook.signingKey,
                    toleranceSeconds: rest.webhook.toleranceSeconds,
                    signatureHeader: rest.webhook.signatureHeader,
                    timestampHeader: rest.webhook.timestampHeader,
                    seenSignatures: new RedisSeenSignatureStore(deps.redis, `${config.redis.prefix}:wms-webhook-seen`),
                    mapping,
                    onEvent: (event) => hub.publish(event),
                    onRejected: (reason, status) => deps.logger.warn({ reason, status }, 'warehouse webhook refused')
                })
            };
        }
        if (rest.polling.enabled) {
            poller = new WmsEventPoller({
                client: new RestClient({ ...rest, auth: createAuthProvider(rest.auth) }),
                polling: rest.polling,
                mapping,
                hub,
                cursor: new RedisCursorStore(deps.redis, `${config.redis.prefix}:wms-poll-cursor`),
                onError: (err) => deps.logger.error({ err }, 'warehouse event poll failed; retrying next round')
            });
        }
    }
    return {
        wms,
        erp,
        mapping,
        webhook,
        poller,
        async start() {
            await wms.start();
            await erp.start();
            poller?.start();
        },
        async close() {
            await poller?.stop();
            await wms.close();
            await erp.close();
        }
    };
}
