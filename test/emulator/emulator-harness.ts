/** Starts an emulator on a free loopback port for a test file, logged in through jsforce with a client-credentials session. */
import jsforce from 'jsforce';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../../bridge/src/emulator/start-emulator.ts';
import { FIXTURE_FORCE_APP } from './fixtures.ts';

export const API_VERSION = '66.0';

export async function startTestEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
    return startEmulator({ orders: 0, mode: 'test', forceAppDir: FIXTURE_FORCE_APP, ...options });
}

/** A jsforce connection with a fresh session from the client-credentials flow. */
export async function connect(emulator: RunningEmulator, callOptions?: Record<string, string>): Promise<jsforce.Connection> {
    const conn = new jsforce.Connection({
        loginUrl: emulator.loginUrl,
        version: API_VERSION,
        oauth2: { loginUrl: emulator.loginUrl, clientId: emulator.credentials.clientId, clientSecret: emulator.credentials.clientSecret },
        callOptions
    });
    await conn.authorize({ grant_type: 'client_credentials' });
    return conn;
}

/** Raw HTTP call to the emulator with the connection's token (for status codes and headers jsforce hides). */
export async function rawCall(emulator: RunningEmulator, token: string | undefined, method: string, path: string, body?: string) {
    const response = await fetch(`${emulator.instanceUrl}${path}`, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' },
        body
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: text ? (JSON.parse(text) as unknown) : undefined };
}

/** For a describe block: one emulator and one logged-in connection, started before its tests and stopped after. */
export function useEmulatorSession(): { emulator: () => RunningEmulator; conn: () => jsforce.Connection; call: (method: string, path: string, body?: unknown) => ReturnType<typeof rawCall> } {
    let emulator: RunningEmulator | undefined;
    let conn: jsforce.Connection | undefined;
    before(async () => {
        emulator = await startTestEmulator();
        conn = await connect(emulator);
    });
    after(async () => emulator?.stop());
    const need = <T>(value: T | undefined): T => {
        if (value === undefined) throw new Error('the emulator session starts in before(): use it inside tests');
        return value;
    };
    return {
        emulator: () => need(emulator),
        conn: () => need(conn),
        call: (method, path, body) => rawCall(need(emulator), need(conn).accessToken ?? undefined, method, path, body === undefined ? undefined : JSON.stringify(body))
    };
}
