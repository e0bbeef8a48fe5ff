/**
 * Salesforce's CometD error strings, from the Streaming API Developer Guide ("Streaming API Error
 * Codes", "Handling Streaming API Errors") and, where the guide shows a template, the wire form seen
 * from the platform: the invalid-replay message keeps the braces around the ID and has two spaces
 * after the first sentence ("400::The replayId {1553783} you provided was invalid.  Please ...").
 */

/** Newest API version the emulator serves; used in the URI-format hint. */
export const LATEST_STREAMING_VERSION = '66.0';
/** Durable streaming (replay) starts at 37.0, so older versions are refused. */
export const MIN_STREAMING_VERSION = 37;

export const HANDSHAKE_DENIED = '403::Handshake denied';
export const AUTHENTICATION_INVALID = '401::Authentication invalid';
export const REQUIRES_AUTHENTICATION = '401::Request requires authentication';
export const UNKNOWN_CLIENT = '403::Unknown client';

export const versionMandatory = () => `400::API version in the URI is mandatory. URI format: '/cometd/${LATEST_STREAMING_VERSION}'`;

export const versionUnsupported = () =>
    `400::Unsupported API version. Only API versions '${MIN_STREAMING_VERSION}.0' and later are supported. URI format: '/cometd/${LATEST_STREAMING_VERSION}'`;

export const invalidConnectionType = (type: string | undefined) => `400::Invalid connection type ${type ?? ''}`.trimEnd();

/** The guide's template is "...does not exist {channel_name}"; braces kept as in the replay message. */
export const unknownChannel = (channel: string) => `400::The channel you requested to subscribe to does not exist {${channel}}`;

export const channelNotSpecified = () => '400::Channel name not specified';

export const invalidReplayId = (replayId: unknown) =>
    `400::The replayId {${String(replayId)}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`;

/**
 * The guide does not document publishing over CometD for these channels (events are published through
 * the APIs); refuse it rather than fan a client's message out to other subscribers.
 */
export const publishNotAllowed = (channel: string) => `403:${channel}:Publishing to this channel through CometD is not supported`;
