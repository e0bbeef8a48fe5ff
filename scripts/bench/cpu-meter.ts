/**
 * CPU time used by each process in the loop, so the benchmark can report milliseconds of CPU per order.
 * Wall-clock throughput moves with whatever else the machine runs; CPU per order moves much less, which
 * makes it the figure to compare between changes.
 */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';

/** Clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface CpuSample {
    bridgeMs: number;
    emulatorMs: number;
    redisMs: number;
}

function processCpuMs(pid: number | undefined): number {
    if (!pid) return 0;
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name, which is in parentheses and may contain spaces.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    } catch {
        return 0;
    }
}

async function redisCpuMs(redis: Redis): Promise<number> {
    const info = await redis.info('cpu');
    const value = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? 0);
    return (value('used_cpu_sys') + value('used_cpu_user')) * 1000;
}

export class CpuMeter {
    private readonly redis: Redis;

    private emulatorPid: number | undefined;

    constructor(redisUrl: string) {
        this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    }

    /** Counts this child process as the emulator from now on. */
    watchEmulator(pid: number | undefined): void {
        this.emulatorPid = pid;
    }

    async sample(): Promise<CpuSample> {
        const own = process.cpuUsage();
        return { bridgeMs: (own.user + own.system) / 1000, emulatorMs: processCpuMs(this.emulatorPid), redisMs: await redisCpuMs(this.redis) };
    }

    static since(before: CpuSample, after: CpuSample): CpuSample {
        return { bridgeMs: after.bridgeMs - before.bridgeMs, emulatorMs: after.emulatorMs - before.emulatorMs, redisMs: after.redisMs - before.redisMs };
    }

    close(): void {
        this.redis.disconnect();
    }
}
