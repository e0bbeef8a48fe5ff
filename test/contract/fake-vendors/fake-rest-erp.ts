/**
 * A fake REST ERP: OAuth2 client-credentials token endpoint, Idempotency-Key replay, one document per
 * source ID, vendor error codes for unknown customers, closed periods and unknown items.
 */
import { FakeHttpServer, type FakeReply, type FakeRequest } from './fake-http.ts';

export const ERP_CLIENT_ID = 'bridge-client';
export const ERP_CLIENT_SECRET = 'erp-client-secret-0123456789';

interface Doc { type: string; sourceId: string; number: string }

export class FakeRestErp {
    readonly http: FakeHttpServer;
    readonly documents = new Map<string, Doc>();
    tokensIssued = 0;
    private readonly tokens = new Set<string>();

    constructor(private readonly options: { knownSkus: string[]; unknownCustomer: string; closedPeriod: string }) {
        this.http = new FakeHttpServer((req) => this.handle(req));
    }

    private handle(req: FakeRequest): FakeReply {
        if (req.path === '/oauth/token') {
            const expected = `Basic ${Buffer.from(`${ERP_CLIENT_ID}:${ERP_CLIENT_SECRET}`).toString('base64')}`;
            if (req.headers.authorization !== expected) return { status: 401, body: { error: 'invalid_client' } };
            const token = `tok-${++this.tokensIssued}-abcdefghijkl`;
            this.tokens.add(token);
            return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: 3600 } };
        }
        const bearer = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
        if (!this.tokens.has(bearer)) return { status: 401, body: { error: { code: 'INVALID_TOKEN' } } };
        const post = /^\/api\/(invoices|credit-memos)$/.exec(req.path);
        if (req.method === 'POST' && post) {
            const body = req.body as { sourceId: string; customer: string; date: string; lines: { item?: string }[] };
            const type = post[1] === 'invoices' ? 'invoice' : 'credit_memo';
            const existing = this.documents.get(`${type}:${body.sourceId}`);
            if (existing) return { status: 200, body: { data: { docNo: existing.number, state: 'POSTED' } } };
            if (body.customer === this.options.unknownCustomer) return { status: 422, body: { error: { code: 'CUSTOMER_NOT_FOUND', message: `customer ${body.customer} not found` } } };
            if (body.date.startsWith(this.options.closedPeriod)) return { status: 422, body: { error: { code: 'PERIOD_CLOSED', message: 'period is closed' } } };
            const unknown = body.lines.find((l) => l.item && !this.options.knownSkus.includes(l.item));
            if (unknown) return { status: 422, body: { error: { code: 'ITEM_NOT_FOUND', message: `item ${unknown.item} not found` } } };
            const doc = { type, sourceId: body.sourceId, number: `${type === 'invoice' ? 'SI' : 'CR'}${100000 + this.documents.size + 1}` };
            this.documents.set(`${type}:${body.sourceId}`, doc);
            return { status: 201, body: { data: { docNo: doc.number, state: 'POSTED' } } };
        }
        const get = /^\/api\/documents\/([^/]+)\/([^/]+)$/.exec(req.path);
        if (req.method === 'GET' && get) {
            const doc = this.documents.get(`${decodeURIComponent(get[1])}:${decodeURIComponent(get[2])}`);
            return doc ? { status: 200, body: { data: { docNo: doc.number, state: 'POSTED' } } } : { status: 404, body: { error: { code: 'NOT_FOUND' } } };
        }
        return { status: 404, body: { error: { code: 'NO_ROUTE' } } };
    }
}
