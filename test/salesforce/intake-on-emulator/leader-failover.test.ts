import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { IntakeHarness, RESEND_CHANNEL, FO_CHANNEL, waitFor } from './intake-harness.ts';
import { jobIdentities, lastReplayId, publishedIdentities } from './event-identity.ts';

const FIXTURE = fileURLToPath(new URL('../support/intake-process.fixture.ts', import.meta.url));
const CHANNELS = [RESEND_CHANNEL, FO_CHANNEL];
const PUBLISHED = 40;

interface IntakeProcess {
    owner: string;
    child: ChildProcess;
    output: string[];
}

describe('intake on the emulator: two processes', function () {
    this.timeout(60_000);
    let harness: IntakeHarness;
    const processes: IntakeProcess[] = [];

    beforeEach(async () => {
        harness = await IntakeHarness.open({ channels: CHANNELS });
    });
    afterEach(async function () {
        for (const proc of processes.splice(0)) {
            if (proc.child.exitCode === null && proc.child.signalCode === null) {
                await new Promise<void>((resolve) => {
                    proc.child.once('exit', () => resolve());
                    proc.child.kill('SIGCONT');
                    proc.child.kill('SIGTERM');
                });
            }
            if (this.currentTest?.state === 'failed')
                process.stderr.write(`--- ${proc.owner}\n${proc.output.join('')}\n`);
        }
        await harness.close();
    });

    function spawnIntake(owner: string): IntakeProcess {
        const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, owner], {
            env: { ...process.env, OMSB_FIXTURE_CONFIG: JSON.stringify(harness.config) },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        const proc = { owner, child, output: [] as string[] };
        child.stdout?.on('data', (chunk: Buffer) => proc.output.push(chunk.toString()));
        child.stderr?.on('data', (chunk: Buffer) => proc.output.push(chunk.toString()));
        processes.push(proc);
        return proc;
    }

    const leaseHolder = async () => (await harness.redis.client.get(harness.keys.lease))?.split('|')[0];

    it('a standby takes over after kill -9 of the leader mid-stream; one job per published event', async () => {
        const [foId] = harness.placeOrder(61).fulfillmentOrderIds;
        const before = lastReplayId(harness.emulator, CHANNELS);
        const conn = await harness.userConnection();
        const first = spawnIntake('intake-a');
        const second = spawnIntake('intake-b');
        const leaderOwner = await waitFor('a leader', leaseHolder, 30_000);
        await waitFor(
            'the leader to subscribe every channel',
            async () => (await harness.intakeCheckpoints()).size === CHANNELS.length,
            30_000
        );
        const [leader, standby] = leaderOwner === first.owner ? [first, second] : [second, first];

        let killed = false;
        for (let i = 0; i < PUBLISHED; i++) {
            if (i % 2 === 0) await harness.publishResend(conn, `stream-${i}`);
            else
                await conn
                    .sobject('FulfillmentOrder')
                    .update({ Id: foId, Last_Integration_Error__c: `stream-${i}` });
            if (!killed && (await harness.jobs()).length >= 10) {
                // Mid-stream: events are still arriving and some are in flight in the leader.
                leader.child.kill('SIGKILL');
                killed = true;
            }
        }
        expect(killed, 'the leader was killed while events were still being published').to.equal(true);
        await waitFor(
            'the standby to take the lease',
            async () => (await leaseHolder()) === standby.owner,
            15_000
        );

        const expected = publishedIdentities(harness.emulator, CHANNELS, before);
        expect(expected).to.have.length(PUBLISHED);
        await harness.waitForJobCount(PUBLISHED, 'every published event after the fail-over', 20_000);
        const inboxLeft = async () => (await harness.redis.client.xlen(harness.keys.inbox)) === 0;
        await waitFor('the inbox to drain into the queue', inboxLeft);
        const identities = jobIdentities(await harness.payloads());
        expect(identities).to.have.length(PUBLISHED);
        expect([...identities].sort()).to.deep.equal([...expected].sort());
        expect(leader.child.signalCode).to.equal('SIGKILL');
        expect(standby.output.join('')).to.include('intake lease acquired; subscribing');
    });

    it('a paused leader that wakes after losing its lease stops subscribing and queues nothing twice', async () => {
        const [foId] = harness.placeOrder(62).fulfillmentOrderIds;
        const before = lastReplayId(harness.emulator, CHANNELS);
        const conn = await harness.userConnection();
        const first = spawnIntake('intake-a');
        await waitFor('intake-a to lead', async () => (await leaseHolder()) === first.owner, 30_000);
        await waitFor(
            'intake-a to subscribe every channel',
            async () => (await harness.intakeCheckpoints()).size === CHANNELS.length,
            30_000
        );
        const second = spawnIntake('intake-b');
        await waitFor(
            'intake-b to stand by',
            () => second.output.join('').includes('fixture intake started'),
            30_000
        );
        await harness.publishResend(conn, 'before-pause');
        await harness.waitForJobCount(1, 'the event before the pause');

        // SIGSTOP: the leader neither renews nor lets go; its CometD client stays known to the org for a while.
        first.child.kill('SIGSTOP');
        await waitFor(
            'intake-b to take the lease',
            async () => (await leaseHolder()) === second.owner,
            15_000
        );
        for (let i = 0; i < 6; i++) {
            if (i % 2 === 0) await harness.publishResend(conn, `paused-${i}`);
            else
                await conn
                    .sobject('FulfillmentOrder')
                    .update({ Id: foId, Last_Integration_Error__c: `paused-${i}` });
        }
        first.child.kill('SIGCONT');
        await waitFor(
            'the woken leader to stop subscribing',
            () => /"msg":"intake stops subscribing"/.test(first.output.join('')),
            15_000
        );
        for (let i = 0; i < 4; i++) await harness.publishResend(conn, `after-wake-${i}`);

        const expected = publishedIdentities(harness.emulator, CHANNELS, before);
        expect(expected).to.have.length(11);
        await harness.waitForJobCount(expected.length, 'every published event', 20_000);
        await waitFor(
            'the inbox to drain into the queue',
            async () => (await harness.redis.client.xlen(harness.keys.inbox)) === 0
        );
        const identities = jobIdentities(await harness.payloads());
        expect([...identities].sort()).to.deep.equal([...expected].sort());
        expect(await leaseHolder()).to.equal(second.owner);
    });
});
