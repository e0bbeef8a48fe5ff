import { expect } from 'chai';
import type jsforce from 'jsforce';
import type { RunningEmulator } from '../../../bridge/src/emulator/start-emulator.ts';
import { API_VERSION, connect, startTestEmulator } from '../emulator-harness.ts';

const V = `/services/data/v${API_VERSION}`;

interface CompositeResponse {
    compositeResponse: { body: unknown; httpStatusCode: number; referenceId: string; httpHeaders: Record<string, string> }[];
}

describe('emulator REST Composite', () => {
    let emulator: RunningEmulator;
    let conn: jsforce.Connection;
    let methodId: string;
    before(async () => {
        emulator = await startTestEmulator();
        conn = await connect(emulator);
        methodId = ((await conn.sobject('OrderDeliveryMethod').create({ Name: 'Ground' })) as { id: string }).id;
    });
    after(async () => emulator.stop());

    const shipmentSteps = (shipToName: string | null) => [
        { method: 'POST', url: `${V}/sobjects/FulfillmentOrder`, referenceId: 'fo', body: { DeliveryMethodId: methodId, FulfilledToName: 'Ada', Type: 'Warehouse', Status: 'Allocated' } },
        { method: 'POST', url: `${V}/sobjects/Shipment`, referenceId: 'ship', body: { FulfillmentOrderId: '@{fo.id}', ShipToName: shipToName, TrackingNumber: 'T-@{fo.id}' } },
        { method: 'GET', url: `${V}/query/?q=SELECT+Id,Status+FROM+FulfillmentOrder+WHERE+Id='@{fo.id}'`, referenceId: 'q' },
        { method: 'PATCH', url: `${V}/sobjects/FulfillmentOrder/@{q.records[0].Id}`, referenceId: 'close', body: { Status: 'Fulfilled' } }
    ];

    it('runs subrequests in order with @{ref} references, as one API call', async () => {
        const before = emulator.usage.count;
        const result = await conn.requestPost<CompositeResponse>(`${V}/composite`, { allOrNone: true, compositeRequest: shipmentSteps('Ada') });
        expect(emulator.usage.count - before).to.equal(1);
        expect(result.compositeResponse.map((r) => r.httpStatusCode)).to.deep.equal([201, 201, 200, 204]);
        const foId = (result.compositeResponse[0].body as { id: string }).id;
        expect(result.compositeResponse[0].httpHeaders.Location).to.equal(`${V}/sobjects/FulfillmentOrder/${foId}`);
        const shipment = emulator.store.get((result.compositeResponse[1].body as { id: string }).id);
        expect(shipment).to.include({ FulfillmentOrderId: foId, TrackingNumber: `T-${foId}` });
        expect(emulator.store.get(foId)?.StatusCategory).to.equal('CLOSED');
    });

    it('rolls every subrequest back when one fails and allOrNone is true', async () => {
        const count = emulator.store.all('FulfillmentOrder').length;
        const result = await conn.requestPost<CompositeResponse>(`${V}/composite`, { allOrNone: true, compositeRequest: shipmentSteps(null) });
        expect(result.compositeResponse.map((r) => r.httpStatusCode)).to.deep.equal([400, 400, 400, 400]);
        expect((result.compositeResponse[1].body as { errorCode: string }[])[0].errorCode).to.equal('REQUIRED_FIELD_MISSING');
        expect((result.compositeResponse[0].body as { errorCode: string }[])[0].errorCode).to.equal('PROCESSING_HALTED');
        expect(emulator.store.all('FulfillmentOrder')).to.have.length(count);
    });

    it('keeps earlier subrequests without allOrNone and halts those that reference a failure', async () => {
        const count = emulator.store.all('FulfillmentOrder').length;
        const steps = shipmentSteps(null).slice(0, 2);
        steps.push({ method: 'GET', url: `${V}/sobjects/Shipment/@{ship.id}`, referenceId: 'read' } as (typeof steps)[number]);
        const result = await conn.requestPost<CompositeResponse>(`${V}/composite`, { compositeRequest: steps });
        expect(result.compositeResponse.map((r) => r.httpStatusCode)).to.deep.equal([201, 400, 400]);
        expect((result.compositeResponse[2].body as { errorCode: string }[])[0].errorCode).to.equal('PROCESSING_HALTED');
        expect(emulator.store.all('FulfillmentOrder')).to.have.length(count + 1);
    });

    it('refuses more than 25 subrequests', async () => {
        const steps = Array.from({ length: 26 }, (_, i) => ({ method: 'GET', url: `${V}/limits`, referenceId: `r${i}` }));
        const error = await conn.requestPost(`${V}/composite`, { compositeRequest: steps }).then(
            () => undefined,
            (e: { errorCode?: string }) => e
        );
        expect(error?.errorCode).to.equal('INVALID_API_INPUT');
    });
});
