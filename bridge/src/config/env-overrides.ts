/**
 * Maps environment variables onto config paths.
 * Generic rule: `OMS_SECTION__SUB_KEY=value` sets `section.subKey` (segments split on `__`, SNAKE to camel).
 * Well-known short names below cover the settings people set most.
 */
export const ENV_ALIASES: Readonly<Record<string, string>> = {
    SF_LOGIN_URL: 'salesforce.loginUrl',
    SF_INSTANCE_URL: 'salesforce.instanceUrl',
    SF_API_VERSION: 'salesforce.apiVersion',
    SF_AUTH_FLOW: 'salesforce.auth.flow',
    SF_CLIENT_ID: 'salesforce.auth.clientId',
    SF_CLIENT_SECRET: 'salesforce.auth.clientSecret',
    SF_USERNAME: 'salesforce.auth.username',
    SF_PRIVATE_KEY: 'salesforce.auth.privateKey',
    SF_PRIVATE_KEY_FILE: 'salesforce.auth.privateKeyFile',
    SF_REFRESH_TOKEN: 'salesforce.auth.refreshToken',
    REDIS_URL: 'redis.url',
    REDIS_PREFIX: 'redis.prefix',
    LOG_LEVEL: 'log.level',
    LOG_FORMAT: 'log.format',
    HTTP_HOST: 'http.host',
    HTTP_PORT: 'http.port',
    BOARD_USERNAME: 'http.board.username',
    BOARD_PASSWORD: 'http.board.password',
    BOARD_TOKEN: 'http.board.token'
};

const PREFIX = 'OMS_';

function snakeToCamel(segment: string): string {
    return segment.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The config path an environment variable sets, or undefined when it is not a config variable. */
export function envVarToPath(name: string): string | undefined {
    if (ENV_ALIASES[name]) return ENV_ALIASES[name];
    if (!name.startsWith(PREFIX) || name === 'OMS_CONFIG') return undefined;
    const segments = name.slice(PREFIX.length).split('__').filter(Boolean);
    if (segments.length === 0) return undefined;
    return segments.map(snakeToCamel).join('.');
}
