/**
 * The narrow slice of the Salesforce REST API the write-back needs. A jsforce Connection satisfies it
 * through `jsforceRestPort`; tests and the emulator speak the same HTTP, so nothing here is faked.
 */
import type { Connection } from 'jsforce';

export interface SalesforceRestPort {
    /** `/services/data/vNN.N`: Composite subrequests name their resources with it. */
    readonly basePath?: string;
    /** `path` is relative to `/services/data/vNN.N` (e.g. `/composite/sobjects`). */
    request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

export function jsforceRestPort(connection: Connection): SalesforceRestPort {
    return {
        get basePath() {
            return `/services/data/v${connection.version}`;
        },
        request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
            return connection.request<T>({
                method,
                url: path,
                body: body === undefined ? undefined : JSON.stringify(body),
                headers: { 'content-type': 'application/json' }
            });
        }
    };
}

/** One record's outcome in an sObject Collections response. */
export interface CollectionResult {
    id?: string;
    success: boolean;
    created?: boolean;
    errors: { statusCode?: string; errorCode?: string; message: string; fields?: string[] }[];
}
