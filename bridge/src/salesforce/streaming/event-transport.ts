/**
 * The seam between the subscriber and a streaming protocol. A transport is one connection attempt:
 * it connects, subscribes each channel from the replay position it is given, reports deliveries and
 * failures, and is thrown away on the first failure. The supervisor always builds a fresh one, so no
 * handler survives from one connection to the next (the classic duplicate-delivery bug). CometD is the
 * implementation today; a Pub/Sub API (gRPC) transport implements the same interface.
 */

/** Why a transport stopped being useful; the supervisor picks the recovery from it. */
export type TransportFailure =
    /** `401::Authentication invalid` or a handshake denied for authentication: renew the token, reconnect. */
    | { kind: 'auth'; message: string }
    /** `403::Unknown client` or advice to re-handshake: reconnect from the checkpoint. */
    | { kind: 'unknown-client'; message: string }
    /** `400::The replayId … was invalid`: the checkpoint left the retention window. */
    | { kind: 'stale-replay'; channel: string; message: string }
    /** Any other protocol or network failure. */
    | { kind: 'protocol'; message: string };

export interface TransportHandlers {
    /** One delivered event (the CometD `data` object). Must return quickly: never blocks the connect loop. */
    onEvent(channel: string, data: unknown): void;
    /** Any message from the server, including empty long-poll returns (feeds the silence watchdog). */
    onActivity(): void;
    onSubscribed(channel: string): void;
    /** A subscription refused for a reason other than a stale replay ID; the other channels continue. */
    onSubscribeRefused(channel: string, message: string): void;
    onFailure(failure: TransportFailure): void;
}

export interface EventTransport {
    /**
     * Connects and subscribes every channel. `replayFrom` is read at subscribe time and gives the opaque
     * replay position (`-1` new only, `-2` all retained, or a stored replay ID).
     */
    open(handlers: TransportHandlers, replayFrom: (channel: string) => string): void;
    /** Tears the connection down fully; nothing is delivered afterwards. */
    close(): Promise<void>;
}

/** Builds a fresh transport for each connection attempt, with the token to present. */
export type TransportFactory = (accessToken: string, instanceUrl: string) => EventTransport;
