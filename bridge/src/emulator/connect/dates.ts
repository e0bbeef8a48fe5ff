/** Salesforce date (`2026-11-22`) and datetime (`2026-11-22T17:31:00.000+0000`) literals. */
export const isoDate = (when: Date): string => when.toISOString().slice(0, 10);
export const isoDateTime = (when: Date): string => when.toISOString().replace('Z', '+0000');
