/**
 * `--profile FILE`: a V8 CPU profile of the bridge process covering the drain only (open it in Chrome
 * DevTools or speedscope), so start-up and order placement do not blur where the pipeline spends time.
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

export class DrainProfiler {
    private session: Session | undefined;

    constructor(private readonly file: string | undefined) {}

    async start(): Promise<void> {
        if (!this.file) return;
        this.session = new Session();
        this.session.connect();
        await this.session.post('Profiler.enable');
        await this.session.post('Profiler.setSamplingInterval', { interval: 500 });
        await this.session.post('Profiler.start');
    }

    /** Writes the profile; returns where, or undefined when profiling is off. */
    async stop(): Promise<string | undefined> {
        if (!this.session || !this.file) return undefined;
        const { profile } = await this.session.post('Profiler.stop');
        writeFileSync(this.file, JSON.stringify(profile));
        this.session.disconnect();
        this.session = undefined;
        return this.file;
    }
}
