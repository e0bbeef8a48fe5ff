/** Points the Salesforce settings at an emulator's integration user: JWT bearer, as with a real org. */
import type { BridgeConfig } from '../config/schema.ts';

export interface EmulatorLogin {
    loginUrl: string;
    credentials: { clientId: string; username: string; privateKeyPem: string };
}

export function salesforceConfigForEmulator(config: BridgeConfig, emulator: EmulatorLogin): BridgeConfig['salesforce'] {
    return {
        ...config.salesforce,
        loginUrl: emulator.loginUrl,
        instanceUrl: undefined,
        auth: {
            ...config.salesforce.auth,
            flow: 'jwt',
            clientId: emulator.credentials.clientId,
            username: emulator.credentials.username,
            privateKey: emulator.credentials.privateKeyPem,
            privateKeyFile: undefined
        }
    };
}
