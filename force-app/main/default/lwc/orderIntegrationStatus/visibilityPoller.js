/**
 * Calls `refresh` every period while the page is visible. It stops while the tab is hidden, refreshes at
 * once when the tab is shown again, and then resumes. A console with many order tabs open then polls
 * only the tab the agent is looking at.
 */
export const MIN_REFRESH_SECONDS = 30;

export class VisibilityPoller {
    constructor(refresh) {
        this.refresh = refresh;
        this.periodMs = 0;
        this.intervalId = undefined;
        this.listening = false;
        this.onVisibilityChange = () => this.handleVisibilityChange();
    }

    /** Starts polling every `seconds` (raised to MIN_REFRESH_SECONDS); 0 or less polls never. */
    start(seconds) {
        const value = Number(seconds);
        this.periodMs = value > 0 ? Math.max(value, MIN_REFRESH_SECONDS) * 1000 : 0;
        if (!this.listening) {
            document.addEventListener('visibilitychange', this.onVisibilityChange);
            this.listening = true;
        }
        this.schedule();
    }

    stop() {
        this.clear();
        if (this.listening) {
            document.removeEventListener('visibilitychange', this.onVisibilityChange);
            this.listening = false;
        }
    }

    schedule() {
        this.clear();
        if (this.periodMs === 0 || document.visibilityState === 'hidden') {
            return;
        }
        // Polling is the default refresh: one API call per period and no event delivery.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.intervalId = setInterval(() => this.refresh(), this.periodMs);
    }

    clear() {
        if (this.intervalId !== undefined) {
            clearInterval(this.intervalId);
            this.intervalId = undefined;
        }
    }

    handleVisibilityChange() {
        if (document.visibilityState === 'hidden') {
            this.clear();
            return;
        }
        this.refresh();
        this.schedule();
    }
}
