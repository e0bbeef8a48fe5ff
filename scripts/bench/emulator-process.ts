/**
 * Runs the org emulator in a child process for the benchmark, so it does not share an event loop
 * with the bridge being measured (a real org is remote too). Reads its login URL and credentials
 * from what the `emulator` command prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface EmulatorProcess {
    loginUrl: string;
    instanceUrl: string;
    username: string;
    clientId: string;
    privateKeyPem: string;
    /** The child's process ID (for CPU accounting). */
    pid: number | undefined;
    admin<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
    stop(): Promise<void>;
}

export async function startEmulatorProcess(root: string, extraArgs: string[] = [], nodeArgs: string[] = []): Promise<EmulatorProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'omsb-bench-emulator-'));
    const keyFile = join(dir, 'key.pem');
    const child: ChildProcess = spawn(
        process.execPath,
        [...nodeArgs, '--import', 'tsx', resolve(root, 'bridge/src/cli/main.ts'), 'emulator', '--mode', 'test', '--orders', '0', '--key-file', keyFile, ...extraArgs],
        { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }
    );
    let output = '';
    const field = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(output)?.[1];
    await new Promise<void>((resolveStart, reject) => {
        const timer = setTimeout(() => reject(new Error(`emulator did not start: ${output}`)), 60_000);
        child.stdout?.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            if (field('org ID')) {
                clearTimeout(timer);
                resolveStart();
            }
        });
        child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
    });
    const instanceUrl = field('instance URL') ?? '';
    return {
        loginUrl: field('login URL') ?? '',
        instanceUrl,
        username: field('username') ?? '',
        clientId: field('consumer key') ?? '',
        privateKeyPem: readFileSync(keyFile, 'utf8'),
        pid: child.pid,
        async admin<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
            const response = await fetch(`${instanceUrl}/__emulator${path}`, {
                method,
                headers: body === undefined ? undefined : { 'content-type': 'application/json' },
                body: body === undefined ? undefined : JSON.stringify(body)
            });
            if (!response.ok) throw new Error(`emulator admin ${method} ${path} answered ${response.status}: ${await response.text()}`);
            return (await response.json()) as T;
        },
        async stop() {
            if (child.exitCode === null) {
                await new Promise<void>((done) => {
                    child.once('exit', () => done());
                    child.kill('SIGTERM');
                });
            }
            rmSync(dir, { recursive: true, force: true });
        }
    };
}
