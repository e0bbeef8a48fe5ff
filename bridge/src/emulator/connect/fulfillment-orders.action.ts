/**
 * POST /commerce/fulfillment/fulfillment-orders (Fulfillment Order Input → Fulfillment Order Output) and
 * POST /commerce/fulfillment/actions/create-multiple (one independent result per input).
 */
import type { Request } from 'express';
import type { ConnectDeps } from './connect-deps.ts';
import { readBody, requireObjectList, requirePositive, requireString, optionalString, type JsonObject } from './connect-input.ts';
import { ConnectFailure, type ConnectResult } from './connect-outcome.ts';
import type { ConnectAction } from './connect-route.ts';
import { buildFulfillmentOrders, type FulfillmentOrderSpec } from './fulfillment-order-builder.ts';
import { isActivationStatus } from './fulfillment-status.ts';
import { normalizeId } from './som-records.ts';
import { sfError } from '../rest/salesforce-error.ts';

const INPUT_FIELDS = ['orderSummaryId', 'orderDeliveryGroupSummaryId', 'fulfillmentGroups', 'defaultActivationStatus'];
const GROUP_FIELDS = ['fulfilledFromLocationId', 'fulfillmentType', 'orderItemSummaries'];
const ITEM_FIELDS = ['orderItemSummaryId', 'quantity'];

/** Parses one Fulfillment Order Input; `where` names its place in the body for error messages. */
export function parseFulfillmentOrderInput(input: JsonObject, where: string): FulfillmentOrderSpec {
    const status = optionalString(input, 'defaultActivationStatus', where) ?? 'Allocated';
    if (!isActivationStatus(status)) {
        throw sfError(400, 'INVALID_API_INPUT', `${where}.defaultActivationStatus "${status}" is not a status in the Activated category.`);
    }
    return {
        orderSummaryId: normalizeId(requireString(input, 'orderSummaryId', where)),
        orderDeliveryGroupSummaryId: normalizeId(requireString(input, 'orderDeliveryGroupSummaryId', where)),
        status,
        groups: requireObjectList(input, 'fulfillmentGroups', where, GROUP_FIELDS).map((group, index) => {
            const groupWhere = `${where}.fulfillmentGroups[${index}]`;
            return {
                fulfilledFromLocationId: normalizeId(requireString(group, 'fulfilledFromLocationId', groupWhere)),
                fulfillmentType: requireString(group, 'fulfillmentType', groupWhere),
                items: requireObjectList(group, 'orderItemSummaries', groupWhere, ITEM_FIELDS).map((item, itemIndex) => {
                    const itemWhere = `${groupWhere}.orderItemSummaries[${itemIndex}]`;
                    return {
                        orderItemSummaryId: normalizeId(requireString(item, 'orderItemSummaryId', itemWhere)),
                        quantity: requirePositive(item, 'quantity', itemWhere)
                    };
                })
            };
        })
    };
}

export function createFulfillmentOrdersAction(deps: ConnectDeps): ConnectAction {
    return {
        failedOutput: { fulfillmentOrderIds: [] },
        run(req: Request): ConnectResult {
            const spec = parseFulfillmentOrderInput(readBody(req.body, 'FulfillmentOrderInput', INPUT_FIELDS), 'fulfillmentOrderInput');
            const ids = deps.store.transaction(deps.contextFor(req), (tx) => buildFulfillmentOrders(tx, spec).map((built) => built.id));
            return { status: 201, output: { fulfillmentOrderIds: ids } };
        }
    };
}

/**
 * Multiple Fulfillment Order Output: the docs name the resource but the crawl holds no property table, so
 * the list property `fulfillmentOrders` (one Fulfillment Order Output per input, in input order) is UNVERIFIED.
 * Each input commits or fails on its own, as separate Connect calls would.
 */
export function createMultipleFulfillmentOrdersAction(deps: ConnectDeps): ConnectAction {
    return {
        failedOutput: { fulfillmentOrders: [] },
        run(req: Request): ConnectResult {
            const body = readBody(req.body, 'MultipleFulfillmentOrderInput', ['fulfillmentOrders']);
            const specs = requireObjectList(body, 'fulfillmentOrders', 'multipleFulfillmentOrderInput', INPUT_FIELDS).map((input, index) =>
                parseFulfillmentOrderInput(input, `multipleFulfillmentOrderInput.fulfillmentOrders[${index}]`)
            );
            const context = deps.contextFor(req);
            const results = specs.map((spec) => {
                try {
                    const ids = deps.store.transaction(context, (tx) => buildFulfillmentOrders(tx, spec).map((built) => built.id));
                    return { fulfillmentOrderIds: ids, success: true, errors: [] };
                } catch (error) {
                    if (error instanceof ConnectFailure) return { fulfillmentOrderIds: [], success: false, errors: error.errors };
                    throw error;
                }
            });
            const errors = results.flatMap((result) => result.errors);
            return { status: 201, output: { fulfillmentOrders: results }, errors };
        }
    };
}
