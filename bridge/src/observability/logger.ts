/**
 * Structured logging. JSON lines by default, human-readable on a terminal; every line goes through
 * the Redactor, so neither a secret-named field nor a known secret value inside a message is written.
 */
import { pino, type Logger, type DestinationStream } from 'pino';
import { Redactor } from './redact.ts';

export type { Logger } from 'pino';

export interface LoggerOptions {
    level?: string;
    format?: 'auto' | 'json' | 'pretty';
    redactor?: Redactor;
    /** Where lines go (default stdout); tests pass a capture stream. */
    destination?: DestinationStream;
    name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
    const redactor = options.redactor ?? new Redactor();
    const pretty =
        options.format === 'pretty' || (options.format !== 'json' && !options.destination && process.stdout.isTTY);
    const base = {
        level: options.level ?? 'info',
        name: options.name ?? 'oms-bridge',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: {
            log: (object: Record<string, unknown>) => redactor.redact(object)
        },
        hooks: {
            // Messages are text the redactor must see too (formatters.log only sees the object).
            logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
                method.apply(
                    this,
                    args.map((a) => (typeof a === 'string' ? redactor.redactText(a) : a))
                );
            }
        },
        serializers: {
            err: (err: unknown) => redactor.redact(err)
        }
    };
    if (pretty) {
        return pino({
            ...base,
            transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } }
        });
    }
    return pino(base, options.destination ?? pino.destination({ fd: 1, sync: false }));
}

/** A child logger that stamps every line with the correlation ID of the order or event in hand. */
export function withCorrelation(logger: Logger, correlationId: string, extra: Record<string, unknown> = {}): Logger {
    return logger.child({ correlationId, ...extra });
}
