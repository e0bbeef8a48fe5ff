/**
 * Access control for the board: HTTP basic auth or a bearer token from config (`http.board`).
 * An unprotected board is allowed only when explicitly local-only and bound to a loopback address.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { RequestHandler } from 'express';

export interface BoardAuthSettings {
    username?: string;
    password?: string;
    token?: string;
    localOnly?: boolean;
}

export class BoardProtectionError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'BoardProtectionError';
    }
}

export function isLoopbackHost(host: string): boolean {
    const h = host.replace(/^\[|\]$/g, '').toLowerCase();
    return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Constant-time comparison that does not leak the length either (both sides hashed first). */
function same(a: string, b: string): boolean {
    return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** Validates the settings and returns the middleware, or throws BoardProtectionError saying what to set. */
export function boardAuth(settings: BoardAuthSettings, host: string): RequestHandler {
    if (settings.username && !settings.password) {
        throw new BoardProtectionError('http.board.username is set but http.board.password is not (set BOARD_PASSWORD)');
    }
    if (settings.password && !settings.username) {
        throw new BoardProtectionError('http.board.password is set but http.board.username is not (set BOARD_USERNAME)');
    }
    const protectedBoard = Boolean((settings.username && settings.password) || settings.token);
    if (!protectedBoard) {
        if (settings.localOnly && isLoopbackHost(host)) return (_req, _res, next) => next();
        throw new BoardProtectionError(
            settings.localOnly
                ? `http.board.localOnly is true but http.host is ${host}, not a loopback address: set BOARD_USERNAME/BOARD_PASSWORD or BOARD_TOKEN`
                : 'the board needs protection: set BOARD_USERNAME and BOARD_PASSWORD, or BOARD_TOKEN (or http.board.localOnly: true on a loopback host, or http.board.enabled: false)'
        );
    }
    return (req, res, next) => {
        const header = req.headers.authorization ?? '';
        const [scheme, value = ''] = header.split(/\s+/, 2);
        if (settings.token && /^bearer$/i.test(scheme) && same(value, settings.token)) return next();
        if (settings.username && settings.password && /^basic$/i.test(scheme)) {
            const decoded = Buffer.from(value, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0 && same(decoded.slice(0, colon), settings.username) && same(decoded.slice(colon + 1), settings.password)) return next();
        }
        if (settings.username) res.set('WWW-Authenticate', 'Basic realm="oms-bridge board", charset="UTF-8"');
        else res.set('WWW-Authenticate', 'Bearer realm="oms-bridge board"');
        res.status(401).type('text/plain').send('Authentication required for the oms-bridge board');
    };
}
