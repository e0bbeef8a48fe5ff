/**
 * The `/limits` answer. Daily API requests are live; the other figures are the documented Enterprise/Unlimited
 * allocations, reported as untouched because the emulator does not meter them.
 */
import type { ApiUsage } from './api-usage.ts';

const STATIC_LIMITS: Record<string, number> = {
    DailyBulkApiBatches: 15000,
    DailyStreamingApiEvents: 1000000,
    DailyDeliveredPlatformEvents: 50000,
    HourlyPublishedPlatformEvents: 250000,
    HourlyPublishedStandardVolumePlatformEvents: 100000,
    MonthlyPlatformEventsUsageEntitlement: 0,
    DailyAsyncApexExecutions: 250000,
    ConcurrentAsyncGetReportInstances: 200,
    DataStorageMB: 1024,
    FileStorageMB: 1024
};

export function orgLimits(usage: ApiUsage): Record<string, { Max: number; Remaining: number }> {
    const limits: Record<string, { Max: number; Remaining: number }> = { DailyApiRequests: { Max: usage.dailyLimit, Remaining: usage.remaining } };
    for (const [name, max] of Object.entries(STATIC_LIMITS)) limits[name] = { Max: max, Remaining: max };
    return limits;
}
