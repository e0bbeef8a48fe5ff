import { expect } from 'chai';
import { API_VERSION, useEmulatorSession } from '../emulator-harness.ts';

const V = `/services/data/v${API_VERSION}`;

interface TreeAnswer {
    hasErrors: boolean;
    results: { referenceId: string; id?: string; errors?: { statusCode: string; message: string; fields: string[] }[] }[];
}

describe('emulator REST sObject Tree', () => {
    const session = useEmulatorSession();

    const tree = (type: string, body: unknown) => session.call('POST', `${V}/composite/tree/${type}`, body);

    it('creates nested trees in the order listed, links children to their parent, and counts one API call', async () => {
        const before = session.emulator().usage.count;
        const response = await tree('Account', {
            records: [
                {
                    attributes: { type: 'Account', referenceId: 'parent1' },
                    Name: 'Tree Parent',
                    ChildAccounts: { records: [{ attributes: { type: 'Account', referenceId: 'child1' }, Name: 'Tree Child' }] }
                },
                { attributes: { type: 'Account', referenceId: 'solo' }, Name: 'Tree Solo' }
            ]
        });
        expect(response.status).to.equal(201);
        const answer = response.json as TreeAnswer;
        expect(answer.hasErrors).to.equal(false);
        expect(answer.results.map((r) => r.referenceId)).to.deep.equal(['parent1', 'child1', 'solo']);
        const [parent, child] = answer.results.map((r) => session.emulator().store.get(r.id!));
        expect(child?.ParentId).to.equal(parent?.Id);
        expect(session.emulator().usage.count - before).to.equal(1);
    });

    it('creates nothing when one record fails, answering only that record with its errors', async () => {
        const count = session.emulator().store.all('Account').length;
        const response = await tree('Account', {
            records: [
                { attributes: { type: 'Account', referenceId: 'ok1' }, Name: 'Would Be Created' },
                { attributes: { type: 'Account', referenceId: 'bad1' }, Name: 'Bad', NoSuchField__c: 1 }
            ]
        });
        expect(response.status).to.equal(400);
        const answer = response.json as TreeAnswer;
        expect(answer.hasErrors).to.equal(true);
        expect(answer.results).to.have.length(1);
        expect(answer.results[0].referenceId).to.equal('bad1');
        expect(answer.results[0].errors?.[0].statusCode).to.equal('INVALID_FIELD');
        expect(session.emulator().store.all('Account')).to.have.length(count);
    });

    it('refuses more than 200 records and duplicate reference IDs before creating anything', async () => {
        const many = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Account', referenceId: `r${i}` }, Name: `A${i}` }));
        expect((await tree('Account', { records: many })).status).to.equal(400);
        const duplicate = await tree('Account', {
            records: [
                { attributes: { type: 'Account', referenceId: 'same' }, Name: 'One' },
                { attributes: { type: 'Account', referenceId: 'same' }, Name: 'Two' }
            ]
        });
        expect(duplicate.status).to.equal(400);
        expect(session.emulator().store.all('Account').some((a) => a.Name === 'One' || a.Name === 'A0')).to.equal(false);
    });
});
