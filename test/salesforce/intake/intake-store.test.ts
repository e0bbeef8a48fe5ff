import { expect } from 'chai';
import { useTestRedis, type TestRedis } from '../../support/redis.ts';
import { IntakeStore, LeaseLostError } from '../../../bridge/src/salesforce/intake/intake-store.ts';
import { SubscriberLease } from '../../../bridge/src/salesforce/intake/subscriber-lease.ts';
import { intakeKeys } from '../../../bridge/src/salesforce/intake/intake-keys.ts';
import { toQueueJob, type SfEventJobData } from '../../../bridge/src/salesforce/intake/intake-job.ts';

const draft = (uuid: string): SfEventJobData => ({
    kind: 'event',
    channel: '/event/A__e',
    replayId: '1',
    eventUuid: uuid,
    payload: {},
    receivedAt: new Date().toISOString(),
    correlationId: `sf-${uuid}`
});

describe('IntakeStore and SubscriberLease', () => {
    let redis: TestRedis;
    beforeEach(async () => {
        redis = await useTestRedis('intake-store');
    });
    afterEach(() => redis.cleanup());

    it('queues a job and its checkpoint atomically, and a redelivery adds nothing', async () => {
        const keys = intakeKeys(redis.prefix, ['/event/A__e']);
        const lease = new SubscriberLease(redis.client, keys.lease, keys.fence, 'one', 5000);
        const token = (await lease.tryAcquire()) as string;
        const store = new IntakeStore(redis.client, keys, 3600);
        const job = toQueueJob(draft('u-1'), { attempts: 3 });
        const checkpoint = { replayId: '1', eventTime: 1, storedAt: 2, fence: token };
        expect(await store.commit({ leaseToken: token, channel: '/event/A__e', jobs: [job], checkpoint })).to.equal(1);
        expect(await store.commit({ leaseToken: token, channel: '/event/A__e', jobs: [job], checkpoint: { ...checkpoint, replayId: '2' } })).to.equal(0);
        expect(await redis.client.xlen(keys.inbox)).to.equal(1);
        expect((await store.readCheckpoints()).get('/event/A__e')?.replayId).to.equal('2');
        expect((await store.stats())['duplicate:/event/A__e']).to.equal(1);
    });

    it('refuses writes from a deposed leader (fencing) and hands the lease over with a larger token', async () => {
        const keys = intakeKeys(redis.prefix, ['/event/A__e']);
        const first = new SubscriberLease(redis.client, keys.lease, keys.fence, 'first', 5000);
        const second = new SubscriberLease(redis.client, keys.lease, keys.fence, 'second', 5000);
        const firstToken = (await first.tryAcquire()) as string;
        expect(await second.tryAcquire()).to.equal(undefined);
        await redis.client.del(keys.lease); // the first leader's lease expires
        const secondToken = (await second.tryAcquire()) as string;
        expect(Number(secondToken.split('|')[1])).to.be.greaterThan(Number(firstToken.split('|')[1]));
        expect(await first.renew()).to.equal(false);
        const store = new IntakeStore(redis.client, keys, 3600);
        const write = store.commit({ leaseToken: firstToken, channel: '/event/A__e', jobs: [], checkpoint: { replayId: '9', eventTime: 1, storedAt: 1, fence: firstToken } });
        await write.then(() => expect.fail('deposed leader wrote'), (err: unknown) => expect(err).to.be.instanceOf(LeaseLostError));
        expect((await store.readCheckpoints()).size).to.equal(0);
    });
});
