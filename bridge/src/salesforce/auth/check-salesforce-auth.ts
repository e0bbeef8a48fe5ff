/**
 * `oms-bridge doctor`'s Salesforce check: mint a token with the configured flow, then make one cheap
 * authenticated call (the versions list of the instance, which also proves the API version exists).
 * The result names what failed and never contains the token or a credential.
 */
import type { BridgeConfig } from '../../config/schema.ts';
import { Redactor } from '../../observability/redact.ts';
import { createTokenSource, type TokenSourceOptions } from './token-sources.ts';

export interface AuthCheckResult {
    ok: boolean;
    flow: string;
    instanceUrl?: string;
    apiVersion: string;
    /** What was checked, or what failed and why. */
    detail: string;
}

export async function checkSalesforceAuth(config: BridgeConfig, options: TokenSourceOptions = {}): Promise<AuthCheckResult> {
    const flow = config.salesforce.auth.flow;
    const apiVersion = config.salesforce.apiVersion;
    const redactor = new Redactor([config.salesforce.auth.clientSecret ?? '', config.salesforce.auth.refreshToken ?? '']);
    try {
        const token = await createTokenSource(config.salesforce, options).fetchToken();
        redactor.addSecret(token.accessToken);
        const instanceUrl = config.salesforce.instanceUrl ?? token.instanceUrl;
        const response = await (options.fetchImpl ?? fetch)(`${instanceUrl}/services/data/v${apiVersion}/limits`, {
            headers: { Authorization: `Bearer ${token.accessToken}`, Accept: 'application/json' }
        });
        if (!response.ok) {
            const body = redactor.redactText((await response.text()).slice(0, 300));
            return { ok: false, flow, instanceUrl, apiVersion, detail: `token minted, but GET /services/data/v${apiVersion}/limits answered ${response.status}: ${body}` };
        }
        return { ok: true, flow, instanceUrl, apiVersion, detail: `token minted with the ${flow} flow; REST API v${apiVersion} answers` };
    } catch (err) {
        return { ok: false, flow, apiVersion, detail: redactor.redactText((err as Error).message) };
    }
}
