/**
 * POST .../order-summaries/{osId}/actions/create-credit-memo: one CreditMemo for the given change orders,
 * a CreditMemoLine per change order item, posted with the refund owed as Balance (ensure-refunds-async
 * settles it). A change order already on a credit memo is refused so a refund cannot be issued twice.
 */
import type { Request } from 'express';
import type { SObjectRecord } from '../contracts.ts';
import type { ConnectDeps } from './connect-deps.ts';
import { readBody, requireStringList } from './connect-input.ts';
import { fail, type ConnectResult } from './connect-outcome.ts';
import type { ConnectAction } from './connect-route.ts';
import { isoDate } from './dates.ts';
import { pathRecord } from './path-record.ts';
import { childrenOf, isIdOf, normalizeId, num, roundMoney } from './som-records.ts';

interface CreditLine {
    changeItem: SObjectRecord;
    amount: number;
    tax: number;
}

export function createCreditMemoAction(deps: ConnectDeps): ConnectAction {
    return {
        failedOutput: { creditMemoId: null },
        run(req: Request): ConnectResult {
            const ids = requireStringList(readBody(req.body, 'CreateCreditMemoInput', ['changeOrderIds']), 'changeOrderIds', 'createCreditMemoInput').map(normalizeId);
            const orderSummary = pathRecord(deps, 'OrderSummary', req.params.osId);
            const credited = new Set(deps.store.all('CreditMemoLine').map((line) => line.ReferenceEntityItemId));
            const changes = childrenOf(deps.store, 'OrderItemSummaryChange', 'OrderSummaryId', orderSummary.Id);
            const lines: CreditLine[] = [];
            ids.forEach((id, index) => {
                const where = `changeOrderIds[${index}]`;
                const items = isIdOf(deps.schema, 'Order', id) ? childrenOf(deps.store, 'OrderItem', 'OrderId', id) : [];
                const itemChanges = items.map((item) => ({ item, change: changes.find((change) => change.ChangeOrderItemId === item.Id) }));
                if (items.length === 0 || itemChanges.some((entry) => entry.change === undefined)) {
                    fail('INVALID_ID_FIELD', `${where}: ${id} is not a change order of OrderSummary ${orderSummary.Id}.`);
                }
                if (items.some((item) => credited.has(item.Id))) fail('INVALID_STATUS', `${where}: change order ${id} is already on a credit memo.`);
                for (const { item, change } of itemChanges) {
                    const summary = deps.store.get(String(change!.OrderItemSummaryId));
                    const quantity = Math.abs(num(item, 'Quantity'));
                    const amount = roundMoney(Math.abs(num(item, 'TotalLineAmount')) || num(item, 'UnitPrice') * quantity);
                    const tax = roundMoney((num(summary, 'TotalTaxAmount') * quantity) / (num(summary, 'QuantityOrdered') || 1));
                    lines.push({ changeItem: item, amount, tax });
                }
            });
            const creditMemoId = deps.store.transaction(deps.contextFor(req), (tx) => {
                const totalAmount = roundMoney(lines.reduce((sum, line) => sum + line.amount, 0));
                const totalTax = roundMoney(lines.reduce((sum, line) => sum + line.tax, 0));
                const memo = tx.insert('CreditMemo', {
                    ReferenceEntityId: orderSummary.Id,
                    BillingAccountId: orderSummary.AccountId ?? null,
                    CreditDate: isoDate(new Date()),
                    Status: 'Posted',
                    CreationMode: 'Automated',
                    TotalChargeAmount: totalAmount,
                    TotalAdjustmentAmount: 0,
                    TotalAmount: totalAmount,
                    TotalTaxAmount: totalTax,
                    TotalAmountWithTax: roundMoney(totalAmount + totalTax),
                    Balance: roundMoney(totalAmount + totalTax)
                });
                for (const line of lines) {
                    tx.insert('CreditMemoLine', {
                        CreditMemoId: memo.Id,
                        Product2Id: line.changeItem.Product2Id ?? null,
                        ReferenceEntityItemId: line.changeItem.Id,
                        ReferenceEntityItemType: 'OrderProduct',
                        Type: 'Charge',
                        ChargeAmount: line.amount,
                        TaxAmount: line.tax,
                        AdjustmentAmount: 0
                    });
                }
                return memo.Id;
            });
            return { status: 201, output: { creditMemoId } };
        }
    };
}
