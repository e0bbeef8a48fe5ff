import type { MappingConfig } from './mapping-config.ts';

type TableName = 'skus' | 'locations' | 'customers';

/** Our value → the other system's value; undefined when the table requires an entry and has none. */
export function crossReference(tableName: TableName, value: string, config: MappingConfig): string | undefined {
    const { table, required } = config[tableName];
    const mapped = table[value];
    if (mapped !== undefined) return mapped;
    return required ? undefined : value;
}

/** The other system's value → ours (for inbound data); unmapped values pass unchanged. */
export function reverseCrossReference(tableName: TableName, value: string, config: MappingConfig): string {
    for (const [ours, theirs] of Object.entries(config[tableName].table)) if (theirs === value) return ours;
    return value;
}
