/**
 * SIGTERM/SIGINT handling: stop intake first (no new work), give in-flight jobs up to the grace period
 * (unfinished ones go back to waiting), release leases so a standby takes over at once, close the
 * rest, exit. A second signal, or a stuck step past grace + 10 s, exits at once.
 */
import type { Logger } from '../observability/logger.ts';

export interface ShutdownSteps {
    /** Stop receiving events (unsubscribe, stop pumping). */
    stopIntake?: () => Promise<void>;
    /** Finish or return in-flight jobs within graceMs (WorkerHost.close). */
    closeWorkers?: (graceMs: number) => Promise<void>;
    /** Release subscriber leases. */
    releaseLeases?: () => Promise<void>;
    /** Anything else to close last (HTTP server, Redis clients), in order. */
    closeOthers?: (() => Promise<void>)[];
}

export interface GracefulShutdownOptions {
    steps: ShutdownSteps;
    graceMs: number;
    logger: Logger;
    signals?: NodeJS.Signals[];
    /** Injectable for tests (default process.exit). */
    exit?: (code: number) => void;
}

export interface GracefulShutdown {
    /** Runs the steps once; later calls return the same promise. */
    shutdown(reason: string): Promise<void>;
    /** Removes the signal handlers. */
    dispose(): void;
}

export function installGracefulShutdown(options: GracefulShutdownOptions): GracefulShutdown {
    const { steps, graceMs, logger } = options;
    const exit = options.exit ?? ((code: number) => process.exit(code));
    const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
    let running: Promise<void> | undefined;

    const step = async (name: string, fn: (() => Promise<void>) | undefined) => {
        if (!fn) return;
        try {
            await fn();
        } catch (err) {
            logger.error({ err, step: name }, 'shutdown step failed; continuing');
        }
    };

    const shutdown = (reason: string): Promise<void> => {
        if (running) return running;
        logger.info({ reason, graceMs }, 'shutting down');
        const hardStop = setTimeout(() => {
            logger.error('shutdown did not finish in time; exiting now');
            exit(1);
        }, graceMs + 10_000);
        hardStop.unref();
        running = (async () => {
            await step('stop intake', steps.stopIntake);
            await step('close workers', steps.closeWorkers && (() => steps.closeWorkers!(graceMs)));
            await step('release leases', steps.releaseLeases);
            for (const close of steps.closeOthers ?? []) await step('close', close);
            clearTimeout(hardStop);
            logger.info('shutdown complete');
            logger.flush?.();
            exit(0);
        })();
        return running;
    };

    const handlers = new Map<NodeJS.Signals, () => void>();
    for (const signal of signals) {
        const handler = () => {
            if (running) {
                logger.warn({ signal }, 'second signal: exiting without waiting');
                exit(1);
                return;
            }
            void shutdown(signal);
        };
        handlers.set(signal, handler);
        process.on(signal, handler);
    }
    return {
        shutdown,
        dispose() {
            for (const [signal, handler] of handlers) process.off(signal, handler);
        }
    };
}
