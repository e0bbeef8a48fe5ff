import { expect } from 'chai';
import { API_VERSION, useEmulatorSession } from '../emulator-harness.ts';

const V = `/services/data/v${API_VERSION}`;
const MINUTE = 60_000;

describe('emulator REST data replication: sObject Get Updated and Get Deleted', () => {
    const session = useEmulatorSession();

    const iso = (ms: number) => new Date(ms).toISOString();

    it('lists records added or changed in the span through jsforce, with latestDateCovered at the whole minute', async () => {
        const created = (await session.conn().sobject('Account').create({ Name: 'Replicated Co' })) as { id: string };
        const span = { start: iso(Date.now() - 10 * MINUTE), end: iso(Date.now() + MINUTE) };
        const result = (await session.conn().sobject('Account').updated(span.start, span.end)) as { ids: string[]; latestDateCovered: string };
        expect(result.ids).to.include(created.id);
        expect(result.latestDateCovered).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000\+0000$/);
        expect(Date.parse(result.latestDateCovered.replace('+0000', 'Z'))).to.be.at.most(Date.now());
        // A span that ends before the record was written does not list it.
        const earlier = (await session.conn().sobject('Account').updated(iso(Date.now() - 20 * MINUTE), iso(Date.now() - 10 * MINUTE))) as { ids: string[] };
        expect(earlier.ids).to.not.include(created.id);
    });

    it('lists deleted records with their deletion time, and never lists them as updated', async () => {
        const created = (await session.conn().sobject('Account').create({ Name: 'Short-lived Co' })) as { id: string };
        await session.conn().sobject('Account').destroy(created.id);
        const start = iso(Date.now() - 10 * MINUTE);
        const end = iso(Date.now() + MINUTE);
        const deleted = (await session.conn().sobject('Account').deleted(start, end)) as {
            deletedRecords: { id: string; deletedDate: string }[];
            earliestDateAvailable: string;
            latestDateCovered: string;
        };
        const entry = deleted.deletedRecords.find((r) => r.id === created.id);
        expect(entry?.deletedDate).to.match(/\+0000$/);
        expect(deleted.earliestDateAvailable).to.be.a('string');
        const updated = (await session.conn().sobject('Account').updated(start, end)) as { ids: string[] };
        expect(updated.ids).to.not.include(created.id);
    });

    it('refuses spans that are reversed, too old or unreadable with INVALID_REPLICATION_DATE', async () => {
        const call = (query: string) => session.call('GET', `${V}/sobjects/Account/updated/?${query}`);
        const now = Date.now();
        for (const query of [
            `start=${encodeURIComponent(iso(now))}&end=${encodeURIComponent(iso(now - 5 * MINUTE))}`,
            `start=${encodeURIComponent(iso(now - 31 * 86_400_000))}&end=${encodeURIComponent(iso(now))}`,
            `start=yesterday&end=${encodeURIComponent(iso(now))}`,
            `end=${encodeURIComponent(iso(now))}`
        ]) {
            const response = await call(query);
            expect(response.status, query).to.equal(400);
            expect((response.json as { errorCode: string }[])[0].errorCode, query).to.equal('INVALID_REPLICATION_DATE');
        }
        const deletedTooOld = await session.call('GET', `${V}/sobjects/Account/deleted/?start=${encodeURIComponent(iso(now - 16 * 86_400_000))}&end=${encodeURIComponent(iso(now))}`);
        expect(deletedTooOld.status).to.equal(400);
    });
});
