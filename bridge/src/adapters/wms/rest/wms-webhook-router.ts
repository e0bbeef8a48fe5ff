/**
 * The bridge's endpoint for warehouse webhooks (an express Router the HTTP server mounts). A request
 * is accepted only when signed with the shared key over `timestamp.rawBody`, its timestamp is inside
 * the tolerance window, and its signature has not been seen before; otherwise 401 with no detail
 * beyond the reason. A signed but malformed body gets 400 listing every problem. A valid event is
 * answered 202 only after the bridge has taken it (onEvent resolved); if it could not, 503 so the
 * sender retries.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { WmsEvent } from '../../../model/index.ts';
import type { MappingConfig } from '../../../mappings/mapping-config.ts';
import { wmsEventFromPayload } from '../../../mappings/wms/wms-event-from-payload.ts';
import type { MappingProblem } from '../../../mappings/mapping-result.ts';
import type { SeenSignatureStore } from './seen-signature-store.ts';
import { signatureMatches } from './webhook-signature.ts';

export interface WmsWebhookRouterOptions {
    /** Shared HMAC key. */
    secret: string;
    /** Allowed clock difference, and the replay window, in seconds. */
    toleranceSeconds: number;
    onEvent: (event: WmsEvent) => Promise<void>;
    seenSignatures: SeenSignatureStore;
    mapping: MappingConfig;
    /** Header names (default X-Signature / X-Timestamp). */
    signatureHeader?: string;
    timestampHeader?: string;
    /** Largest accepted body (default 1 MB). */
    maxBodyBytes?: number;
    now?: () => number;
    /** Told about refused and failed deliveries (never given the secret or the signature). */
    onRejected?: (reason: string, status: number) => void;
}

export function createWmsWebhookRouter(options: WmsWebhookRouterOptions): Router {
    const signatureHeader = (options.signatureHeader ?? 'X-Signature').toLowerCase();
    const timestampHeader = (options.timestampHeader ?? 'X-Timestamp').toLowerCase();
    const now = options.now ?? Date.now;
    const router = express.Router();

    const refuse = (res: Response, status: number, reason: string, problems?: MappingProblem[]) => {
        options.onRejected?.(reason, status);
        res.status(status).json(problems ? { error: reason, problems } : { error: reason });
    };

    router.post('/', express.raw({ type: () => true, limit: options.maxBodyBytes ?? 1_048_576 }), async (req: Request, res: Response) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const signature = req.get(signatureHeader);
        const timestamp = req.get(timestampHeader);
        if (!signature || !timestamp) return refuse(res, 401, `unsigned request: ${signatureHeader} and ${timestampHeader} are required`);
        if (!/^\d{1,12}$/.test(timestamp)) return refuse(res, 401, `${timestampHeader} must be Unix seconds`);
        if (Math.abs(now() / 1000 - Number(timestamp)) > options.toleranceSeconds) {
            return refuse(res, 401, `stale timestamp: outside the ${options.toleranceSeconds}s window`);
        }
        if (!signatureMatches(options.secret, timestamp, raw, signature)) return refuse(res, 401, 'bad signature');

        let payload: unknown;
        try {
            payload = JSON.parse(raw.toString('utf8'));
        } catch {
            return refuse(res, 400, 'body is not JSON');
        }
        const items = Array.isArray(payload) ? payload : [payload];
        const events: WmsEvent[] = [];
        const problems: MappingProblem[] = [];
        items.forEach((item, i) => {
            const mapped = wmsEventFromPayload(item, options.mapping);
            if (mapped.ok) events.push(mapped.value);
            else problems.push(...mapped.problems.map((p) => ({ ...p, path: Array.isArray(payload) ? `[${i}].${p.path}` : p.path })));
        });
        if (problems.length || events.length === 0) {
            return refuse(res, 400, 'malformed event', problems.length ? problems : [{ path: '(root)', message: 'no events' }]);
        }

        const key = signature.trim().replace(/^(sha256|v1)=/i, '').toLowerCase();
        if (!(await options.seenSignatures.markSeen(key, options.toleranceSeconds * 2))) return refuse(res, 401, 'replayed request');
        try {
            for (const event of events) await options.onEvent(event);
        } catch {
            await options.seenSignatures.forget(key).catch(() => undefined);
            res.set('Retry-After', '5');
            return refuse(res, 503, 'the bridge could not take the event now; retry later');
        }
        res.status(202).json({ accepted: events.length });
    });
    return router;
}
