/**
 * The one way the bridge builds a jsforce Connection: explicit API version (jsforce's own default is
 * 50.0), `Sforce-Call-Options: client=<callOptionsClient>` on every call so change events caused by the
 * bridge can be recognised, session refresh through the shared TokenManager (single-flight), and
 * `Sforce-Limit-Info` handed to listeners (metrics, API budget) as each response arrives.
 */
import { Connection } from 'jsforce';
import type { AccessToken } from './auth/access-token.ts';
import type { TokenManager } from './auth/token-manager.ts';

/** API usage read from a response's `Sforce-Limit-Info` header. */
export interface LimitInfo {
    /** The header as received, e.g. `api-usage=10018/100000; api-bursts=1/750`. */
    raw: string;
    apiUsed?: number;
    apiLimit?: number;
    receivedAt: number;
}

export type LimitInfoListener = (info: LimitInfo) => void;

export interface SalesforceConnectionOptions {
    tokenManager: TokenManager;
    /** API version, e.g. "66.0". */
    apiVersion: string;
    /** Value of `client=` in Sforce-Call-Options (default oms-bridge). */
    callOptionsClient: string;
    /** Overrides the instance URL from the token response (config `salesforce.instanceUrl`). */
    instanceUrl?: string;
    onLimitInfo?: LimitInfoListener;
    now?: () => number;
}

export interface SalesforceConnection {
    connection: Connection;
    /** Detaches token listeners; the Connection itself holds no sockets to close. */
    dispose(): void;
}

export function parseLimitInfo(raw: string, receivedAt: number): LimitInfo {
    const usage = /api-usage=(\d+)\/(\d+)/.exec(raw);
    return usage ? { raw, apiUsed: Number(usage[1]), apiLimit: Number(usage[2]), receivedAt } : { raw, receivedAt };
}

interface ObservableTransport {
    httpRequest(req: unknown, options?: unknown): PromiseLike<{ headers?: Record<string, string | string[] | undefined> }>;
}

/** Observes every HTTP response of this connection (REST, query, composite) without altering it. */
function watchLimitInfo(connection: Connection, listener: LimitInfoListener, now: () => number): void {
    const transport = (connection as unknown as { _transport: ObservableTransport })._transport;
    const original = transport.httpRequest.bind(transport);
    transport.httpRequest = (req, options) => {
        const result = original(req, options);
        result.then(
            (response) => {
                const header = response?.headers?.['sforce-limit-info'];
                const raw = Array.isArray(header) ? header[0] : header;
                if (raw) listener(parseLimitInfo(raw, now()));
            },
            () => undefined
        );
        return result;
    };
}

export async function createSalesforceConnection(options: SalesforceConnectionOptions): Promise<SalesforceConnection> {
    const token = await options.tokenManager.getToken();
    const instanceUrl = (token: AccessToken) => options.instanceUrl ?? token.instanceUrl;
    const connection = new Connection({
        instanceUrl: instanceUrl(token),
        accessToken: token.accessToken,
        version: options.apiVersion,
        callOptions: { client: options.callOptionsClient },
        refreshFn: (conn, callback) => {
            options.tokenManager
                .invalidate(conn.accessToken ?? undefined)
                .then((fresh) => {
                    conn.instanceUrl = instanceUrl(fresh);
                    callback(null, fresh.accessToken, {
                        access_token: fresh.accessToken,
                        instance_url: instanceUrl(fresh),
                        id: fresh.identityUrl ?? '',
                        issued_at: String(fresh.issuedAt),
                        token_type: 'Bearer',
                        signature: '',
                        scope: ''
                    });
                })
                .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
        }
    });
    // Proactive renewals (before expiry) reach the connection too, not only 401-triggered ones.
    const detach = options.tokenManager.onToken((fresh) => {
        connection.accessToken = fresh.accessToken;
        connection.instanceUrl = instanceUrl(fresh);
    });
    if (options.onLimitInfo) watchLimitInfo(connection, options.onLimitInfo, options.now ?? Date.now);
    return { connection, dispose: detach };
}
