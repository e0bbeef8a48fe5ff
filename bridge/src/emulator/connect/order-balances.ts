/**
 * Money bookkeeping on an OrderSummary. The emulator models no OrderPaymentSummary, so captured funds are the
 * paid part of its invoices (TotalAmountWithTax − Balance) and refunded funds the settled part of its credit
 * memos; excess funds are what was captured beyond what the order still owes.
 */
import type { RecordStoreApi, SObjectRecord } from '../contracts.ts';
import { childrenOf, num, roundMoney } from './som-records.ts';

function settled(records: SObjectRecord[]): number {
    return records.reduce((sum, record) => sum + num(record, 'TotalAmountWithTax') - num(record, 'Balance'), 0);
}

export function capturedFunds(store: RecordStoreApi, orderSummaryId: string): number {
    return roundMoney(settled(childrenOf(store, 'Invoice', 'ReferenceEntityId', orderSummaryId)));
}

export function refundedFunds(store: RecordStoreApi, orderSummaryId: string): number {
    return roundMoney(settled(childrenOf(store, 'CreditMemo', 'ReferenceEntityId', orderSummaryId)));
}

/** Captured money the order no longer owes, once its grand total is `grandTotalAfter`. */
export function excessFunds(store: RecordStoreApi, orderSummary: SObjectRecord, grandTotalAfter = num(orderSummary, 'GrandTotalAmount')): number {
    return Math.max(0, roundMoney(capturedFunds(store, orderSummary.Id) - refundedFunds(store, orderSummary.Id) - grandTotalAfter));
}
