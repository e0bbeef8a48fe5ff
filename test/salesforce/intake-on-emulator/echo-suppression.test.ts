import { expect } from 'chai';
import { IntakeHarness, FO_CHANNEL } from './intake-harness.ts';
import { published } from './event-identity.ts';
import { TokenManager } from '../../../bridge/src/salesforce/auth/token-manager.ts';
import { createTokenSource } from '../../../bridge/src/salesforce/auth/token-sources.ts';
import {
    createSalesforceConnection,
    type SalesforceConnection
} from '../../../bridge/src/salesforce/salesforce-connection.ts';

describe('intake on the emulator: echo suppression', function () {
    this.timeout(40_000);
    let harness: IntakeHarness;
    let tokens: TokenManager | undefined;
    let bridgeConnection: SalesforceConnection | undefined;

    beforeEach(async () => {
        harness = await IntakeHarness.open({ channels: [FO_CHANNEL] });
    });
    afterEach(async () => {
        bridgeConnection?.dispose();
        tokens?.stop();
        await harness.close();
    });

    it("drops change events of the bridge's own writes to bridge-owned fields and keeps a user's write of the same field", async () => {
        const [foId] = harness.placeOrder(41).fulfillmentOrderIds;
        const { config } = harness;
        tokens = new TokenManager(createTokenSource(config.salesforce), {
            renewBeforeSeconds: config.salesforce.auth.renewBeforeSeconds
        });
        bridgeConnection = await createSalesforceConnection({
            tokenManager: tokens,
            apiVersion: config.salesforce.apiVersion,
            callOptionsClient: config.salesforce.callOptionsClient
        });
        const bridge = bridgeConnection.connection;
        const user = await harness.userConnection();
        await harness.startIntake();

        await bridge.sobject('FulfillmentOrder').update({ Id: foId, Integration_Status__c: 'Sent' });
        const bridgeEvent = published(harness.emulator, FO_CHANNEL).at(-1)!;
        await bridge
            .sobject('FulfillmentOrder')
            .update({ Id: foId, Integration_Status__c: 'Acknowledged', WMS_Order_Number__c: 'WMS-41' });
        // A bridge write that also touches a field users own is not an echo.
        await bridge
            .sobject('FulfillmentOrder')
            .update({ Id: foId, Integration_Status__c: 'Picking', FulfilledToName: 'Changed By Bridge' });
        const mixedEvent = published(harness.emulator, FO_CHANNEL).at(-1)!;
        await user.sobject('FulfillmentOrder').update({ Id: foId, Integration_Status__c: 'Error' });
        const userEvent = published(harness.emulator, FO_CHANNEL).at(-1)!;
        await harness.waitForCheckpoint(FO_CHANNEL, userEvent.replayId);

        const header = (e: typeof bridgeEvent) =>
            e.payload.ChangeEventHeader as { changeOrigin: string; transactionKey: string };
        expect(header(bridgeEvent).changeOrigin).to.match(/client=oms-bridge$/);
        expect(header(userEvent).changeOrigin).to.not.match(/client=/);

        const payloads = await harness.payloads();
        expect(payloads.map((p) => p.transactionKey).sort()).to.deep.equal(
            [header(mixedEvent).transactionKey, header(userEvent).transactionKey].sort()
        );
        const stats = await harness.redis.client.hgetall(harness.keys.stats);
        expect(stats[`echo:${FO_CHANNEL}`]).to.equal('2');
    });
});
