/**
 * The job handlers a worker process installs. Each flow module contributes a HandlerSet, a function
 * that calls `host.handle(jobType, handler)` for its job types with the services it needs; listing it
 * here makes `oms-bridge worker` and `oms-bridge start` run it.
 */
import type { Redis } from 'ioredis';
import type { BridgeConfig } from '../config/schema.ts';
import type { Logger } from '../observability/logger.ts';
import type { Redactor } from '../observability/redact.ts';
import type { WorkerHost } from './worker-host.ts';

/** Shared services handed to every handler set. */
export interface WorkerServices {
    config: BridgeConfig;
    logger: Logger;
    /** The bridge's own Redis client (not for BullMQ). */
    redis: Redis;
    /** Masks secrets in logs; handler sets register the tokens they mint. */
    redactor: Redactor;
}

/** Installs handlers; may return a function that releases what it opened (called at shutdown). */
export type HandlerSet = (host: WorkerHost, services: WorkerServices) => void | HandlerSetDisposer | Promise<void | HandlerSetDisposer>;
export type HandlerSetDisposer = () => Promise<void>;

/** Handler sets installed by `oms-bridge worker`, in order. */
export const HANDLER_SETS: HandlerSet[] = [];
