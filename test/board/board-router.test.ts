import { expect } from 'chai';
import { Queue } from 'bullmq';
import { createHttpServer, type HttpServer } from '../../bridge/src/http/http-server.ts';
import { createBoardRouter } from '../../bridge/src/board/board-router.ts';
import { BoardProtectionError } from '../../bridge/src/board/board-auth.ts';
import { boardDataFormatter, PERSONAL } from '../../bridge/src/board/board-data-formatter.ts';
import { createLogger } from '../../bridge/src/observability/logger.ts';
import { BridgeMetrics } from '../../bridge/src/observability/bridge-metrics.ts';
import { Redactor } from '../../bridge/src/observability/redact.ts';
import { redisOptionsFromUrl } from '../../bridge/src/queue/redis-connection.ts';
import { useTestRedis, type TestRedis } from '../support/redis.ts';

const SECRET_TOKEN = '00Dxx0000001gPL!AQ4AQSecretSessionValue';

describe('board', () => {
    let test: TestRedis;
    let queue: Queue;
    let server: HttpServer;
    let base: string;

    before(async () => {
        test = await useTestRedis('board');
        queue = new Queue('sf-events', { connection: redisOptionsFromUrl(test.url), prefix: test.prefix });
        await queue.add(
            'sf.event',
            {
                payload: {
                    channel: '/data/FulfillmentOrderChangeEvent',
                    headers: { Authorization: `Bearer ${SECRET_TOKEN}` },
                    accessToken: 'named-secret-field-value',
                    note: `token was ${SECRET_TOKEN}`,
                    FulfilledToName: 'Jane Doe',
                    FulfilledToEmailAddress: 'jane@example.com',
                    shipTo: { name: 'Jane Doe', street: '1 Main St', city: 'Lyon', phone: '+33 1 23 45 67 89' },
                    sku: 'SKU-42'
                }
            },
            { jobId: 'job-with-secrets' }
        );
        server = createHttpServer({ host: '127.0.0.1', port: 0, logger: createLogger({ level: 'silent' }), metrics: new BridgeMetrics() });
        server.mount(
            '/board',
            createBoardRouter({ queues: [queue], host: '127.0.0.1', auth: { username: 'ops', password: 'pw-123456' }, redactor: new Redactor([SECRET_TOKEN]) })
        );
        const { port } = await server.listen();
        base = `http://127.0.0.1:${port}`;
    });

    after(async () => {
        await server.close();
        await queue.close();
        await test.cleanup();
    });

    const basic = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });

    it('answers 401 without or with wrong credentials', async () => {
        const none = await fetch(`${base}/board/api/queues`);
        expect(none.status).to.equal(401);
        expect(none.headers.get('www-authenticate')).to.match(/^Basic/);
        const wrong = await fetch(`${base}/board/api/queues`, { headers: basic('ops', 'nope') });
        expect(wrong.status).to.equal(401);
    });

    it('lists the queues with credentials and never shows secrets or personal data in job data', async () => {
        const res = await fetch(`${base}/board/api/queues?activeQueue=sf-events&status=waiting&page=1`, { headers: basic('ops', 'pw-123456') });
        expect(res.status).to.equal(200);
        const text = await res.text();
        const body = JSON.parse(text) as { queues: { name: string; jobs: { id: string; data: unknown }[] }[] };
        expect(body.queues.map((q) => q.name)).to.deep.equal(['sf-events']);
        const job = body.queues[0].jobs.find((j) => j.id === 'job-with-secrets');
        expect(job, 'job listed').to.not.equal(undefined);
        for (const leaked of [SECRET_TOKEN, 'named-secret-field-value', 'Jane Doe', 'jane@example.com', '1 Main St', '+33 1 23']) {
            expect(text).not.to.include(leaked);
        }
        expect(text).to.include('SKU-42').and.include('Lyon').and.include(PERSONAL);
        const page = await fetch(`${base}/board/`, { headers: basic('ops', 'pw-123456') });
        expect(page.status).to.equal(200);
        expect(await page.text()).to.include('<html');
    });

    it('refuses to build an unprotected board unless local-only on loopback', () => {
        expect(() => createBoardRouter({ queues: [queue], host: '0.0.0.0', auth: {} })).to.throw(BoardProtectionError, /BOARD_USERNAME/);
        expect(() => createBoardRouter({ queues: [queue], host: '0.0.0.0', auth: { localOnly: true } })).to.throw(BoardProtectionError, /not a loopback/);
        expect(() => createBoardRouter({ queues: [queue], host: '127.0.0.1', auth: { localOnly: true } })).not.to.throw();
    });

    it('accepts a bearer token', async () => {
        const s = createHttpServer({ host: '127.0.0.1', port: 0, logger: createLogger({ level: 'silent' }), metrics: new BridgeMetrics() });
        s.mount('/board', createBoardRouter({ queues: [queue], host: '127.0.0.1', auth: { token: 'tok-abcdef' } }));
        const { port } = await s.listen();
        try {
            expect((await fetch(`http://127.0.0.1:${port}/board/api/queues`)).status).to.equal(401);
            expect((await fetch(`http://127.0.0.1:${port}/board/api/queues`, { headers: { authorization: 'Bearer tok-abcdef' } })).status).to.equal(200);
        } finally {
            await s.close();
        }
    });

    it('masks Salesforce compound address fields and keeps identifiers', () => {
        const out = boardDataFormatter()({ DeliverToStreet: '2 Rue X', DeliverToCity: 'Paris', BillingPostalCode: '75001', OrderSummaryId: '1Os1', Name: 'FO-0001' }) as Record<string, unknown>;
        expect(out).to.deep.equal({ DeliverToStreet: PERSONAL, DeliverToCity: 'Paris', BillingPostalCode: PERSONAL, OrderSummaryId: '1Os1', Name: 'FO-0001' });
    });
});
