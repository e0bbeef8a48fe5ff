/** `oms-bridge worker`: runs job handlers in this process; start as many as the load needs. */
import type { Command } from 'commander';
import { loadCliRuntime } from '../../ops/cli-runtime.ts';
import { orderToCashHandlerSet } from '../../flows/order-to-cash/order-to-cash-handler-set.ts';
import { HANDLER_SETS } from '../../queue/handler-sets.ts';
import { runWorker } from '../../queue/run-worker.ts';

export function register(program: Command): void {
    program
        .command('worker')
        .description('run queue workers (any number of processes may run this)')
        .option('-c, --config <file>', 'extra YAML file layered over config/default.yaml')
        .option('--board', 'also serve the board at /board on this process (needs BOARD_* credentials)')
        .option('--no-http', 'do not serve /healthz, /readyz and /metrics')
        .action(async (opts: { config?: string; board?: boolean; http: boolean }) => {
            const runtime = loadCliRuntime(opts.config, 'oms-bridge-worker');
            await runWorker({ ...runtime, handlerSets: [...HANDLER_SETS, orderToCashHandlerSet], board: opts.board, http: opts.http });
        });
}
