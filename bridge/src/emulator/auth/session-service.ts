/**
 * Access and refresh tokens. Sessions live for a configurable time; REST and CometD both validate through here,
 * so expiring them (admin action) affects both at once.
 */
import { randomBytes } from 'node:crypto';
import type { Session, SessionValidator } from '../contracts.ts';

export interface SessionServiceOptions {
    orgId: string;
    /** Session lifetime in seconds (default 7200, Salesforce's default timeout of two hours). */
    sessionSeconds?: number;
    now?: () => number;
}

export interface SessionOwner {
    userId: string;
    username: string;
}

export class SessionService implements SessionValidator {
    private readonly sessions = new Map<string, Session>();
    private readonly refreshTokens = new Map<string, SessionOwner & { clientId: string }>();
    private readonly now: () => number;
    private readonly lifetimeMs: number;

    constructor(private readonly options: SessionServiceOptions) {
        this.now = options.now ?? Date.now;
        this.lifetimeMs = (options.sessionSeconds ?? 7200) * 1000;
    }

    validate(accessToken: string): Session | undefined {
        const session = this.sessions.get(accessToken);
        if (!session) return undefined;
        if (session.expiresAt <= this.now()) {
            this.sessions.delete(accessToken);
            return undefined;
        }
        return session;
    }

    /** Opens a session; the token looks like Salesforce's (`<orgId15>!<opaque>`). */
    create(owner: SessionOwner): Session {
        const issuedAt = this.now();
        const accessToken = `${this.options.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
        const session: Session = { accessToken, userId: owner.userId, orgId: this.options.orgId, username: owner.username, issuedAt, expiresAt: issuedAt + this.lifetimeMs };
        this.sessions.set(accessToken, session);
        return session;
    }

    issueRefreshToken(owner: SessionOwner, clientId: string): string {
        const refreshToken = `5Aep${randomBytes(40).toString('base64url')}`;
        this.refreshTokens.set(refreshToken, { ...owner, clientId });
        return refreshToken;
    }

    redeemRefreshToken(refreshToken: string): (SessionOwner & { clientId: string }) | undefined {
        return this.refreshTokens.get(refreshToken);
    }

    revoke(token: string): boolean {
        return this.sessions.delete(token) || this.refreshTokens.delete(token);
    }

    /** Ends every session (refresh tokens stay valid, as after a session timeout). Returns how many ended. */
    expireAll(): number {
        const count = this.sessions.size;
        this.sessions.clear();
        return count;
    }

    get activeCount(): number {
        return [...this.sessions.values()].filter((s) => s.expiresAt > this.now()).length;
    }
}
