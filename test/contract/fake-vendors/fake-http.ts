/** A tiny JSON HTTP server for fake vendor APIs, with the faults real vendors show. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContractFault } from '../wms-adapter.contract.ts';

export interface FakeRequest {
    method: string;
    path: string;
    headers: IncomingMessage['headers'];
    body: unknown;
}
export interface FakeReply {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

export class FakeHttpServer {
    private server?: Server;
    private readonly faults: ContractFault[] = [];
    private readonly idempotent = new Map<string, FakeReply>();
    url = '';

    constructor(private readonly handle: (req: FakeRequest) => FakeReply | Promise<FakeReply>) {}

    failNext(fault: ContractFault): void {
        this.faults.push(fault);
    }

    async start(): Promise<void> {
        this.server = createServer((req, res) => void this.serve(req, res));
        await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
        this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    }

    async close(): Promise<void> {
        this.server?.closeAllConnections();
        await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    }

    private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const text = Buffer.concat(chunks).toString('utf8');
        const fault = req.url?.includes('token') ? undefined : this.faults.shift();
        if (fault === 'timeout') return; // never answers; the client's timeout fires
        const send = (reply: FakeReply) => {
            res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
            res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
        };
        if (fault === 'unavailable') return send({ status: 503, body: { error: { code: 'MAINTENANCE' } } });
        if (fault === 'rate_limited') return send({ status: 429, headers: { 'retry-after': '2' }, body: { error: { code: 'TOO_MANY' } } });
        const key = req.headers['idempotency-key'];
        const replayKey = typeof key === 'string' ? `${req.method} ${req.url} ${key}` : undefined;
        const stored = replayKey ? this.idempotent.get(replayKey) : undefined;
        if (stored) return send(stored);
        let body: unknown;
        try {
            body = text ? JSON.parse(text) : undefined;
        } catch {
            body = text;
        }
        const reply = await this.handle({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
        if (replayKey && reply.status < 500 && reply.status !== 429) this.idempotent.set(replayKey, reply);
        send(reply);
    }
}
