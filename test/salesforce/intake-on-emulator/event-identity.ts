/**
 * What "the same event" means when comparing what the emulator published with what intake queued:
 * EventUuid for platform events, transactionKey:sequenceNumber:recordId for each record of a change event.
 */
import type { BusEvent } from '../../../bridge/src/emulator/contracts.ts';
import type { RunningEmulator } from '../../../bridge/src/emulator/start-emulator.ts';
import type { SfEventJobData } from '../../../bridge/src/salesforce/intake/intake-job.ts';

/** Every event the emulator still retains on `channel`, oldest first. */
export function published(emulator: RunningEmulator, channel: string): BusEvent[] {
    return emulator.bus.eventsAfter(channel, -2);
}

/** The newest replay ID on any of `channels` (0 when none): a marker for "published after this point". */
export function lastReplayId(emulator: RunningEmulator, channels: string[]): number {
    return Math.max(0, ...channels.flatMap((channel) => published(emulator, channel).map((e) => e.replayId)));
}

export function busEventIdentities(event: BusEvent): string[] {
    if (event.eventUuid) return [event.eventUuid];
    const header = event.payload.ChangeEventHeader as {
        transactionKey: string;
        sequenceNumber: number;
        recordIds: string[];
    };
    return header.recordIds.map(
        (recordId) => `${header.transactionKey}:${header.sequenceNumber}:${recordId}`
    );
}

/** Identities of every event published on `channels` after `afterReplayId`. */
export function publishedIdentities(
    emulator: RunningEmulator,
    channels: string[],
    afterReplayId = 0
): string[] {
    return channels.flatMap((channel) =>
        published(emulator, channel)
            .filter((e) => e.replayId > afterReplayId)
            .flatMap(busEventIdentities)
    );
}

/** Identity of the event each streamed job came from (re-read and reconciliation jobs excluded). */
export function jobIdentities(payloads: SfEventJobData[]): string[] {
    return payloads
        .filter((p) => p.kind === 'event')
        .map((p) => p.eventUuid ?? `${p.transactionKey}:${p.sequenceNumber}:${p.recordId}`);
}
