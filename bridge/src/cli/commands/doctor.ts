/** `oms-bridge doctor`: a checklist of what the bridge needs, each line ok / warn / FAIL with the fix. */
import type { Command } from 'commander';
import { resolveConfig, hasOrgCredentials } from '../../config/load-config.ts';
import { readConfigSources } from '../../config/read-config-sources.ts';
import { checkRedisSettings } from '../../ops/redis-check.ts';
import { createRedisClient } from '../../queue/redis-connection.ts';
import { checkSalesforceAuth } from '../../salesforce/auth/check-salesforce-auth.ts';

type Mark = 'ok' | 'warn' | 'FAIL' | 'skip';

export function register(program: Command): void {
    program
        .command('doctor')
        .description('check configuration, Redis and Salesforce access')
        .option('-c, --config <file>', 'extra YAML file layered over config/default.yaml')
        .action(async (opts: { config?: string }) => {
            let failed = false;
            const print = (mark: Mark, what: string, detail = '') => {
                if (mark === 'FAIL') failed = true;
                process.stdout.write(`[${mark.padEnd(4)}] ${what}${detail ? `: ${detail}` : ''}\n`);
            };
            let config;
            try {
                config = resolveConfig(readConfigSources(process.env, opts.config)).config;
                print('ok', 'configuration valid');
            } catch (err) {
                print('FAIL', 'configuration', (err as Error).message);
                process.exitCode = 1;
                return;
            }
            const redis = createRedisClient(config.redis.url, 'omsb-doctor');
            redis.on('error', () => undefined);
            try {
                await redis.ping();
                print('ok', 'Redis reachable', `${new URL(config.redis.url).host}, prefix ${config.redis.prefix}`);
                const check = await checkRedisSettings(redis);
                print(check.errors.length ? 'FAIL' : 'ok', 'Redis settings', Object.entries(check.settings).map(([k, v]) => `${k}=${v}`).join(', '));
                for (const e of check.errors) print('FAIL', 'Redis', e);
                for (const w of check.warnings) print('warn', 'Redis', w);
            } catch (err) {
                print('FAIL', 'Redis reachable', `${(err as Error).message} (is redis-server running at ${new URL(config.redis.url).host}?)`);
            } finally {
                redis.disconnect();
            }
            if (hasOrgCredentials(config)) {
                const auth = await checkSalesforceAuth(config);
                print(auth.ok ? 'ok' : 'FAIL', `Salesforce auth (${auth.flow})`, auth.detail);
            } else {
                print('skip', 'Salesforce auth', 'no org credentials configured: the bridge runs against the local emulator');
            }
            const board = config.http.board;
            if (!board.enabled) print('ok', 'board', 'disabled');
            else if ((board.username && board.password) || board.token) print('ok', 'board', 'protected');
            else if (board.localOnly) print('warn', 'board', 'unprotected, local-only');
            else print('warn', 'board', 'no BOARD_USERNAME/BOARD_PASSWORD or BOARD_TOKEN: the board will refuse to start');
            process.exitCode = failed ? 1 : 0;
        });
}
