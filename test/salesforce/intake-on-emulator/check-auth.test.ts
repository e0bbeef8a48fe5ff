import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../../bridge/src/emulator/start-emulator.ts';
import { checkSalesforceAuth } from '../../../bridge/src/salesforce/auth/check-salesforce-auth.ts';
import { emulatorIntakeConfig } from './intake-harness.ts';

const CLI = fileURLToPath(new URL('../../../bridge/src/cli/main.ts', import.meta.url));

function runCli(
    args: string[],
    env: NodeJS.ProcessEnv
): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
            env,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('error', reject);
        child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
}

describe('intake on the emulator: check-auth', function () {
    this.timeout(30_000);
    let emulator: RunningEmulator;
    let dir: string;

    before(async () => {
        emulator = await startEmulator({ port: 0, mode: 'test', orders: 0 });
        dir = mkdtempSync(join(tmpdir(), 'omsb-check-auth-'));
    });
    after(async () => {
        await emulator.stop();
        rmSync(dir, { recursive: true, force: true });
    });

    it('mints a token with each flow and calls the limits resource', async () => {
        const base = emulatorIntakeConfig(emulator, '{unused}');
        const jwt = await checkSalesforceAuth(base);
        expect(jwt).to.include({
            ok: true,
            flow: 'jwt',
            instanceUrl: emulator.instanceUrl,
            apiVersion: '66.0'
        });
        const clientCredentials = await checkSalesforceAuth({
            ...base,
            salesforce: {
                ...base.salesforce,
                auth: {
                    ...base.salesforce.auth,
                    flow: 'client_credentials',
                    clientSecret: emulator.credentials.clientSecret
                }
            }
        });
        expect(clientCredentials).to.include({ ok: true, flow: 'client_credentials' });
        const refresh = await checkSalesforceAuth({
            ...base,
            salesforce: {
                ...base.salesforce,
                auth: {
                    ...base.salesforce.auth,
                    flow: 'refresh_token',
                    clientSecret: emulator.credentials.clientSecret,
                    refreshToken: emulator.credentials.refreshToken
                }
            }
        });
        expect(refresh).to.include({ ok: true, flow: 'refresh_token' });
    });

    it('names the failure without echoing a credential', async () => {
        const base = emulatorIntakeConfig(emulator, '{unused}');
        const secret = `${emulator.credentials.clientSecret}-wrong`;
        const result = await checkSalesforceAuth({
            ...base,
            salesforce: {
                ...base.salesforce,
                auth: { ...base.salesforce.auth, flow: 'client_credentials', clientSecret: secret }
            }
        });
        expect(result.ok).to.equal(false);
        expect(result.detail).to.match(/invalid_client|client/i);
        expect(result.detail).to.not.include(secret);
    });

    it('`oms-bridge intake check-auth` succeeds against the running emulator', async () => {
        const keyFile = join(dir, 'integration-user.key');
        writeFileSync(keyFile, emulator.credentials.privateKeyPem, { mode: 0o600 });
        const configFile = join(dir, 'bridge.yaml');
        writeFileSync(
            configFile,
            stringify({
                salesforce: {
                    loginUrl: emulator.loginUrl,
                    auth: {
                        flow: 'jwt',
                        clientId: emulator.credentials.clientId,
                        username: emulator.credentials.username,
                        privateKeyFile: keyFile
                    }
                }
            })
        );
        const env = Object.fromEntries(
            Object.entries(process.env).filter(([key]) => !key.startsWith('OMS_'))
        );
        const result = await runCli(['intake', 'check-auth', '-c', configFile], env);
        expect(result.code, result.stderr).to.equal(0);
        const report = JSON.parse(result.stdout) as { ok: boolean; instanceUrl: string; detail: string };
        expect(report).to.include({ ok: true, instanceUrl: emulator.instanceUrl });
        expect(result.stdout).to.not.include('PRIVATE KEY');
    });
});
