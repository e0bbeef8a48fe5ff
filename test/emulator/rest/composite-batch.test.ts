import { expect } from 'chai';
import { API_VERSION, useEmulatorSession } from '../emulator-harness.ts';

const V = `/services/data/v${API_VERSION}`;

interface BatchAnswer {
    hasErrors: boolean;
    results: { statusCode: number; result: unknown }[];
}

describe('emulator REST Composite Batch', () => {
    const session = useEmulatorSession();

    const batch = (body: unknown) => session.call('POST', `${V}/composite/batch`, body);

    it('runs independent subrequests in order, each committing on its own, and reports each status', async () => {
        const created = (await session.conn().sobject('Account').create({ Name: 'Batch Co' })) as { id: string };
        const response = await batch({
            batchRequests: [
                { method: 'PATCH', url: `v${API_VERSION}/sobjects/Account/${created.id}`, richInput: { Name: 'Batch Co Renamed' } },
                { method: 'GET', url: `v${API_VERSION}/sobjects/Account/${created.id}?fields=Name` },
                { method: 'GET', url: `v${API_VERSION}/sobjects/Account/001000000000000AAA` }
            ]
        });
        expect(response.status).to.equal(200);
        const answer = response.json as BatchAnswer;
        expect(answer.hasErrors).to.equal(true);
        expect(answer.results.map((r) => r.statusCode)).to.deep.equal([204, 200, 404]);
        expect(answer.results[0].result).to.equal(null);
        expect((answer.results[1].result as { Name: string }).Name).to.equal('Batch Co Renamed');
        expect(session.emulator().store.get(created.id)?.Name).to.equal('Batch Co Renamed');
    });

    it('with haltOnError, answers 412 BATCH_PROCESSING_HALTED for every subrequest after the first failure', async () => {
        const response = await batch({
            haltOnError: true,
            batchRequests: [
                { method: 'POST', url: `v${API_VERSION}/sobjects/Account`, richInput: { Phone: 'no name' } },
                { method: 'POST', url: `v${API_VERSION}/sobjects/Account`, richInput: { Name: 'Never Created' } }
            ]
        });
        const answer = response.json as BatchAnswer;
        expect(response.status).to.equal(200);
        expect(answer.results[0].statusCode).to.equal(400);
        expect(answer.results[1]).to.deep.equal({ statusCode: 412, result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }] });
        expect(session.emulator().store.all('Account').some((a) => a.Name === 'Never Created')).to.equal(false);
    });

    it('refuses a malformed batch with 400 before running anything', async () => {
        const tooMany = Array.from({ length: 26 }, () => ({ method: 'GET', url: `v${API_VERSION}/limits` }));
        expect((await batch({ batchRequests: tooMany })).status).to.equal(400);
        const before = session.emulator().store.all('Account').length;
        const bad = await batch({
            batchRequests: [
                { method: 'POST', url: `v${API_VERSION}/sobjects/Account`, richInput: { Name: 'Not Run' } },
                { method: 'FETCH', url: `v${API_VERSION}/limits` }
            ]
        });
        expect(bad.status).to.equal(400);
        expect((bad.json as { errorCode: string }[])[0].errorCode).to.equal('INVALID_API_INPUT');
        expect(session.emulator().store.all('Account')).to.have.length(before);
    });
});
