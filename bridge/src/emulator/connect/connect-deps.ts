import type { Request } from 'express';
import type { ChangeContext, RecordStoreApi, SchemaRegistryApi } from '../contracts.ts';
import type { UnexpectedErrorSink } from './connect-route.ts';

/** What the Connect actions need from the emulator. */
export interface ConnectDeps {
    schema: SchemaRegistryApi;
    store: RecordStoreApi;
    /** The change context (user, `Sforce-Call-Options` client) of the calling session. */
    contextFor(req: Request): ChangeContext;
    /** Receives errors no Salesforce answer covers; defaults to stderr. */
    onUnexpectedError?: UnexpectedErrorSink;
}
