/**
 * POST .../order-summaries/{osId}/async-actions/ensure-funds-async and ensure-refunds-async. Salesforce queues a
 * background operation and talks to the payment gateway; the emulator has no gateway, so the operation
 * completes at once: the invoice (or credit memo) Balance drops to 0. The returned backgroundOperationId is
 * a well-formed ID with the BackgroundOperation prefix 0Ao (UNVERIFIED); no BackgroundOperation record is
 * stored because the schema does not model that object.
 */
import type { Request } from 'express';
import { randomBytes } from 'node:crypto';
import type { ConnectDeps } from './connect-deps.ts';
import { optionalNumber, optionalString, readBody, requireString } from './connect-input.ts';
import { fail, type ConnectResult } from './connect-outcome.ts';
import type { ConnectAction } from './connect-route.ts';
import { excessFunds } from './order-balances.ts';
import { pathRecord } from './path-record.ts';
import { caseSafeSuffix, normalizeId, num, recordOf } from './som-records.ts';
import { sfError } from '../rest/salesforce-error.ts';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function backgroundOperationId(): string {
    const body = '0Ao' + [...randomBytes(12)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
    return body + caseSafeSuffix(body);
}

export function ensureFundsAction(deps: ConnectDeps): ConnectAction {
    return {
        failedOutput: { backgroundOperationId: null },
        run(req: Request): ConnectResult {
            const invoiceId = normalizeId(requireString(readBody(req.body, 'EnsureFundsAsyncInput', ['invoiceId']), 'invoiceId', 'ensureFundsAsyncInput'));
            const orderSummary = pathRecord(deps, 'OrderSummary', req.params.osId);
            const invoice = recordOf(deps.schema, deps.store, 'Invoice', invoiceId);
            if (!invoice || invoice.ReferenceEntityId !== orderSummary.Id) fail('INVALID_ID_FIELD', `No Invoice ${invoiceId} found for OrderSummary ${orderSummary.Id}.`);
            if (num(invoice, 'Balance') <= 0) fail('INVALID_STATUS', `Invoice ${invoiceId} has no balance to fund.`);
            deps.store.transaction(deps.contextFor(req), (tx) => tx.update('Invoice', invoice!.Id, { Balance: 0 }));
            return { status: 201, output: { backgroundOperationId: backgroundOperationId() } };
        }
    };
}

export function ensureRefundsAction(deps: ConnectDeps): ConnectAction {
    return {
        failedOutput: { backgroundOperationId: null },
        run(req: Request): ConnectResult {
            const body = readBody(req.body, 'EnsureRefundsAsyncInput', ['creditMemoId', 'excessFundsAmount', 'invoicesToPay', 'sequences', 'isAllowPartial']);
            for (const unsupported of ['invoicesToPay', 'sequences', 'isAllowPartial']) {
                if (body[unsupported] !== undefined) throw sfError(400, 'INVALID_API_INPUT', `ensureRefundsAsyncInput.${unsupported} is not supported by the emulator.`);
            }
            const rawMemoId = optionalString(body, 'creditMemoId', 'ensureRefundsAsyncInput');
            const excessAmount = optionalNumber(body, 'excessFundsAmount', 'ensureRefundsAsyncInput');
            if (rawMemoId === undefined && excessAmount === undefined) {
                throw sfError(400, 'INVALID_API_INPUT', 'ensureRefundsAsyncInput needs creditMemoId, excessFundsAmount or both.');
            }
            if (excessAmount !== undefined && excessAmount <= 0) throw sfError(400, 'INVALID_API_INPUT', `ensureRefundsAsyncInput.excessFundsAmount must be positive, got ${excessAmount}.`);
            const orderSummary = pathRecord(deps, 'OrderSummary', req.params.osId);
            const memo = rawMemoId === undefined ? undefined : recordOf(deps.schema, deps.store, 'CreditMemo', rawMemoId);
            if (rawMemoId !== undefined) {
                if (!memo || memo.ReferenceEntityId !== orderSummary.Id) fail('INVALID_ID_FIELD', `No CreditMemo ${rawMemoId} found for OrderSummary ${orderSummary.Id}.`);
                if (num(memo, 'Balance') <= 0) fail('INVALID_STATUS', `CreditMemo ${rawMemoId} is already refunded.`);
            }
            if (excessAmount !== undefined) {
                const available = excessFunds(deps.store, orderSummary);
                if (excessAmount > available) fail('FIELD_INTEGRITY_EXCEPTION', `excessFundsAmount ${excessAmount} is more than the ${available} excess funds on OrderSummary ${orderSummary.Id}.`);
            }
            if (memo) deps.store.transaction(deps.contextFor(req), (tx) => tx.update('CreditMemo', memo.Id, { Balance: 0 }));
            return { status: 201, output: { backgroundOperationId: backgroundOperationId() } };
        }
    };
}
