/** Every BullMQ queue the bridge uses; names are fixed (they are part of the Redis layout). */
export const QUEUE_NAMES = [
    'sf-events',
    'wms-outbound',
    'wms-inbound',
    'erp-invoice',
    'erp-credit-memo',
    'sf-writeback',
    'reconcile'
] as const;

export type QueueName = (typeof QUEUE_NAMES)[number];

export function isQueueName(value: string): value is QueueName {
    return (QUEUE_NAMES as readonly string[]).includes(value);
}

/** Throws a message listing the valid names, for CLI flags and config keys. */
export function requireQueueName(value: string, where: string): QueueName {
    if (isQueueName(value)) return value;
    throw new Error(`${where}: unknown queue "${value}"; expected one of ${QUEUE_NAMES.join(', ')}`);
}
