/**
 * Shapes selected records the way the REST query resource returns them: every record and nested
 * parent carries `attributes: { type, url }`; a parent relationship is an object, or null when its
 * lookup is empty; a child subquery is `{ totalSize, done, records }`, or null when it has no rows.
 */
import type { RecordStoreApi, SchemaRegistryApi, SObjectRecord } from '../contracts.ts';
import { followLookup, objectOfId, readField } from './field-path.ts';
import { indexedStoreOf } from './index-probe.ts';
import { selectRows, type ChildPlan, type SelectItem } from './query-plan.ts';

export type ChildIndex = Map<string, SObjectRecord[]>;

export interface ProjectionContext {
    schema: SchemaRegistryApi;
    store: RecordStoreApi;
    /** `/services/data/v66.0/sobjects`: prefix of every `attributes.url`. */
    sobjectsUrl: string;
    includeDeleted: boolean;
    /** Children grouped by parent ID, built once per cursor for each child subquery. */
    childIndexes: Map<ChildPlan, ChildIndex>;
}

type OutputRecord = Record<string, unknown>;

const attributes = (ctx: ProjectionContext, type: string, id: string) => ({
    type,
    url: `${ctx.sobjectsUrl}/${type}/${id}`
});

export function projectRecord(
    record: SObjectRecord,
    objectName: string,
    items: SelectItem[],
    ctx: ProjectionContext
): OutputRecord {
    const out: OutputRecord = { attributes: attributes(ctx, objectName, record.Id) };
    // Which stored record each nested parent object stands for, so shared path prefixes are read once.
    const sources = new Map<OutputRecord, SObjectRecord>([[out, record]]);
    for (const item of items) {
        if (item.kind === 'child') {
            out[item.child.relationshipName] = projectChildren(record, item.child, ctx);
            continue;
        }
        let container: OutputRecord | null = out;
        for (const hop of item.path.hops) {
            const current: OutputRecord = container;
            if (!(hop.relationshipName in current)) {
                const parent = followLookup(ctx.store, sources.get(current) as SObjectRecord, hop);
                if (parent) {
                    const nested: OutputRecord = {
                        attributes: attributes(
                            ctx,
                            objectOfId(ctx.schema, parent.Id, hop.targets) ?? hop.targets[0],
                            parent.Id
                        )
                    };
                    sources.set(nested, parent);
                    current[hop.relationshipName] = nested;
                } else {
                    current[hop.relationshipName] = null;
                }
            }
            container = current[hop.relationshipName] as OutputRecord | null;
            if (container === null) break;
        }
        if (container === null) continue;
        const value = readField(sources.get(container) as SObjectRecord, item.path.field);
        container[item.path.field.name] = value === undefined ? null : value;
    }
    return out;
}

function projectChildren(parent: SObjectRecord, child: ChildPlan, ctx: ProjectionContext) {
    const candidates = childrenOf(parent, child, ctx);
    if (!candidates || candidates.length === 0) return null;
    const rows = selectRows(child, ctx.store, ctx.includeDeleted, candidates);
    if (rows.length === 0) return null;
    return {
        totalSize: rows.length,
        done: true,
        records: rows.map((row) => projectRecord(row, child.object.name, child.items, ctx))
    };
}

/** The parent's child records in store order, through the store's lookup index when it has one. */
function childrenOf(
    parent: SObjectRecord,
    child: ChildPlan,
    ctx: ProjectionContext
): SObjectRecord[] | undefined {
    const indexed = indexedStoreOf(ctx.store);
    if (!indexed) return childIndex(child, ctx).get(parent.Id.slice(0, 15));
    const children = indexed.referencing(child.object.name, child.lookupField, parent.Id);
    return ctx.includeDeleted ? children : children.filter((r) => !r.IsDeleted);
}

/** Without a store index: groups every child record by its parent lookup: one pass per query instead of one per parent. */
function childIndex(child: ChildPlan, ctx: ProjectionContext): ChildIndex {
    let index = ctx.childIndexes.get(child);
    if (index) return index;
    index = new Map();
    for (const record of ctx.store.all(child.object.name, { includeDeleted: ctx.includeDeleted })) {
        const lookupValue = record[child.lookupField];
        if (typeof lookupValue !== 'string' || lookupValue.length === 0) continue;
        const parentId = lookupValue.slice(0, 15);
        const siblings = index.get(parentId);
        if (siblings) siblings.push(record);
        else index.set(parentId, [record]);
    }
    ctx.childIndexes.set(child, index);
    return index;
}
