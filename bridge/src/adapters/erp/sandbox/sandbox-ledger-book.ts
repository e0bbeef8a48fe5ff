import type { ErpPostingResult } from '../../../model/index.ts';
import { trimOldest } from '../../trim-oldest.ts';

/** One accounting document as the sandbox ERP keeps it. */
export interface BookedDocument {
    documentType: 'invoice' | 'credit_memo';
    sourceId: string;
    documentNumber: string;
    acceptedAt: number;
    /** Epoch ms from which the document counts as posted. */
    postsAt: number;
}

/** Documents kept in the books; the oldest are archived (forgotten) first. */
export const RETAINED_DOCUMENTS = 100_000;

/** The sandbox ERP's books: one document per source document (the ERP's external-ID rule). */
export class SandboxLedgerBook {
    private readonly documents = new Map<string, BookedDocument>();
    private invoiceCounter = 0;
    private creditCounter = 0;

    find(documentType: BookedDocument['documentType'], sourceId: string): BookedDocument | undefined {
        return this.documents.get(`${documentType}:${sourceId}`);
    }

    book(documentType: BookedDocument['documentType'], sourceId: string, nowMs: number, postingDelayMs: number): BookedDocument {
        const existing = this.find(documentType, sourceId);
        if (existing) return existing;
        const documentNumber =
            documentType === 'invoice' ? `AR-INV-${String(++this.invoiceCounter).padStart(7, '0')}` : `AR-CM-${String(++this.creditCounter).padStart(7, '0')}`;
        const doc: BookedDocument = { documentType, sourceId, documentNumber, acceptedAt: nowMs, postsAt: nowMs + postingDelayMs };
        this.documents.set(`${documentType}:${sourceId}`, doc);
        trimOldest(this.documents, RETAINED_DOCUMENTS);
        return doc;
    }

    /** How many documents were booked (tests check that a retry booked nothing new). */
    get size(): number {
        return this.documents.size;
    }

    static result(doc: BookedDocument, nowMs: number): ErpPostingResult {
        const posted = nowMs >= doc.postsAt;
        return {
            sourceId: doc.sourceId,
            documentType: doc.documentType,
            documentNumber: doc.documentNumber,
            status: posted ? 'posted' : 'pending',
            ...(posted ? { postedAt: new Date(doc.postsAt).toISOString() } : {})
        };
    }
}
