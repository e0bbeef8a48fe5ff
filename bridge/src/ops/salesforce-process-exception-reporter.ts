/**
 * ProcessExceptionReporter writing ProcessException records through a jsforce Connection (made by the
 * Salesforce auth code). Raising is idempotent: an open exception with the same ExternalReference is
 * updated instead of duplicated, so a job dead-lettered twice shows once.
 */
import type { Connection } from 'jsforce';
import { PermanentError } from '../errors/bridge-error.ts';
import { fitMessage, type ProcessExceptionInput, type ProcessExceptionReporter } from './process-exception-reporter.ts';

interface SaveResult {
    id?: string;
    success: boolean;
    errors?: unknown[];
}

function soqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function describeErrors(errors: unknown[] | undefined): string {
    return (errors ?? [])
        .map((e) => (typeof e === 'object' && e ? `${String((e as { errorCode?: unknown }).errorCode)}: ${String((e as { message?: unknown }).message)}` : String(e)))
        .join('; ');
}

export class SalesforceProcessExceptionReporter implements ProcessExceptionReporter {
    constructor(private readonly connection: Connection) {}

    private async openIds(externalReference: string): Promise<string[]> {
        const result = await this.connection.query<{ Id: string }>(
            `SELECT Id FROM ProcessException WHERE ExternalReference = ${soqlString(externalReference)} AND Status != 'Resolved'`
        );
        return result.records.map((r) => r.Id);
    }

    async raise(input: ProcessExceptionInput): Promise<{ id: string }> {
        const fields = {
            Message: fitMessage(input.message),
            Description: input.description?.slice(0, 32_000),
            Category: input.category,
            Severity: input.severity,
            Priority: input.severity
        };
        const [existing] = await this.openIds(input.externalReference);
        const sobject = this.connection.sobject('ProcessException');
        const result = (existing
            ? await sobject.update({ Id: existing, ...fields })
            : await sobject.create({
                  ...fields,
                  AttachedToId: input.attachedToId ?? input.orderSummaryId,
                  OrderSummaryId: input.orderSummaryId,
                  ExternalReference: input.externalReference,
                  Status: 'New'
              })) as SaveResult;
        if (!result.success || !(result.id ?? existing)) {
            throw new PermanentError('REJECTED', `Salesforce refused the ProcessException: ${describeErrors(result.errors)}`, {
                context: { orderSummaryId: input.orderSummaryId }
            });
        }
        return { id: (result.id ?? existing) as string };
    }

    async resolve(externalReference: string): Promise<number> {
        const ids = await this.openIds(externalReference);
        if (ids.length === 0) return 0;
        const results = (await this.connection
            .sobject('ProcessException')
            .update(ids.map((Id) => ({ Id, Status: 'Resolved' })))) as SaveResult[];
        const failed = results.filter((r) => !r.success);
        if (failed.length) {
            throw new PermanentError('REJECTED', `Salesforce refused to resolve ProcessException: ${describeErrors(failed.flatMap((f) => f.errors ?? []))}`);
        }
        return ids.length;
    }
}
