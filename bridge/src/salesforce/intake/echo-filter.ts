/**
 * Recognises the bridge's own writes coming back as change events. Every bridge write carries
 * `Sforce-Call-Options: client=<id>`, which Salesforce reports in `changeOrigin`
 * (`com/salesforce/api/rest/66.0;client=oms-bridge`). Such an event is an echo only when every field it
 * changed is one the bridge owns; a bridge write that happens to touch a user-owned field is delivered.
 */

export interface EchoFilterOptions {
    /** The configured `salesforce.callOptionsClient`. */
    client: string;
    /** `Field`, `Prefix_*` or `Object.Field` entries (config `intake.bridgeOwnedFields`). */
    bridgeOwnedFields: string[];
}

export function originClient(changeOrigin: string | undefined): string | undefined {
    if (!changeOrigin) return undefined;
    for (const piece of changeOrigin.split(/[;,]/)) {
        const match = /^\s*client=(.+?)\s*$/.exec(piece);
        if (match) return match[1];
    }
    return undefined;
}

export class EchoFilter {
    constructor(private readonly options: EchoFilterOptions) {}

    isOwnedField(entityName: string, field: string): boolean {
        return this.options.bridgeOwnedFields.some((entry) => {
            const dot = entry.indexOf('.');
            const object = dot > 0 ? entry.slice(0, dot) : undefined;
            const pattern = dot > 0 ? entry.slice(dot + 1) : entry;
            if (object && object !== entityName) return false;
            return pattern.endsWith('*') ? field.startsWith(pattern.slice(0, -1)) : field === pattern;
        });
    }

    /** True when the change came from the bridge and touched only bridge-owned fields (an empty field list is never an echo). */
    isEcho(entityName: string, changeOrigin: string | undefined, changedFields: string[]): boolean {
        if (originClient(changeOrigin) !== this.options.client) return false;
        if (changedFields.length === 0) return false;
        return changedFields.every((field) => this.isOwnedField(entityName, field));
    }
}
