/**
 * `oms-bridge emulator`: runs the local Salesforce org emulator until SIGINT/SIGTERM, printing its login URL and
 * the integration user's credentials (the private key goes to a file, never to the terminal unless asked).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { startEmulator, type EmulatorMode } from '../../emulator/start-emulator.ts';

interface EmulatorFlags {
    port: number;
    host: string;
    seed: number;
    orders: number;
    mode: EmulatorMode;
    snapshot?: string;
    sessionSeconds?: number;
    apiDailyLimit?: number;
    forceApp?: string;
    keyFile: string;
    printKey?: boolean;
}

const integer = (name: string, min: number) => (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}, got '${value}'`);
    return n;
};

const modeOf = (value: string): EmulatorMode => {
    if (value !== 'normal' && value !== 'test' && value !== 'demo') throw new InvalidArgumentError(`mode must be normal, test or demo, got '${value}'`);
    return value;
};

export function register(program: Command): void {
    program
        .command('emulator')
        .description('run the local Salesforce Order Management org emulator')
        .option('-p, --port <port>', 'port to listen on (0: any free port)', integer('port', 0), 0)
        .option('--host <host>', 'interface to bind', '127.0.0.1')
        .option('-s, --seed <seed>', 'seed for the generated data', integer('seed', 0), 42)
        .option('-n, --orders <count>', 'order summaries generated on a fresh start', integer('orders', 0), 50)
        .option('-m, --mode <mode>', 'normal | test | demo (test and demo enable the /__emulator admin API)', modeOf, 'normal' as EmulatorMode)
        .option('--snapshot <file>', 'load the org from this file at start and save it there on stop')
        .option('--session-seconds <seconds>', 'session lifetime', integer('session-seconds', 1))
        .option('--api-daily-limit <count>', 'daily API request allowance', integer('api-daily-limit', 1))
        .option('--force-app <dir>', 'package metadata folder to model', 'force-app')
        .option('--key-file <file>', "where to write the integration user's private key (PEM)", '.emulator/integration-user.key')
        .option('--print-key', 'also print the private key')
        .action(async (flags: EmulatorFlags) => {
            const emulator = await startEmulator({
                port: flags.port,
                host: flags.host,
                seed: flags.seed,
                orders: flags.orders,
                mode: flags.mode,
                snapshotFile: flags.snapshot ? resolve(flags.snapshot) : undefined,
                sessionSeconds: flags.sessionSeconds,
                apiDailyLimit: flags.apiDailyLimit,
                forceAppDir: resolve(flags.forceApp ?? 'force-app'),
                log: (message) => process.stderr.write(`emulator: ${message}\n`)
            });
            const keyFile = resolve(flags.keyFile);
            mkdirSync(dirname(keyFile), { recursive: true });
            writeFileSync(keyFile, emulator.credentials.privateKeyPem, { mode: 0o600 });
            const { credentials } = emulator;
            const lines = [
                `Salesforce org emulator running (${emulator.mode} mode)`,
                `  login URL:       ${emulator.loginUrl}`,
                `  instance URL:    ${emulator.instanceUrl}`,
                `  username:        ${credentials.username}`,
                `  consumer key:    ${credentials.clientId}`,
                `  consumer secret:${' '}${credentials.clientSecret}`,
                `  refresh token:   ${credentials.refreshToken}`,
                `  private key:     ${keyFile}`,
                `  org ID:          ${credentials.orgId}`
            ];
            if (emulator.mode !== 'normal') lines.push(`  admin API:       ${emulator.instanceUrl}/__emulator/status`);
            if (flags.printKey) lines.push('', credentials.privateKeyPem.trim());
            process.stdout.write(`${lines.join('\n')}\n`);
            await new Promise<void>((done) => {
                const shutdown = (signal: string) => {
                    process.stderr.write(`emulator: ${signal} received, stopping\n`);
                    emulator.stop().then(done, (error: unknown) => {
                        process.stderr.write(`emulator: stop failed: ${String(error)}\n`);
                        process.exitCode = 1;
                        done();
                    });
                };
                process.once('SIGINT', () => shutdown('SIGINT'));
                process.once('SIGTERM', () => shutdown('SIGTERM'));
            });
        });
}
