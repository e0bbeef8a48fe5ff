/** In-memory ProcessExceptionReporter: for tests and for runs without any Salesforce connection. */
import type { ProcessExceptionInput, ProcessExceptionReporter } from './process-exception-reporter.ts';
import { fitMessage } from './process-exception-reporter.ts';

export interface RecordedException extends ProcessExceptionInput {
    id: string;
    status: 'New' | 'Resolved';
}

export class RecordingProcessExceptionReporter implements ProcessExceptionReporter {
    readonly exceptions: RecordedException[] = [];
    private next = 1;

    async raise(input: ProcessExceptionInput): Promise<{ id: string }> {
        const open = this.exceptions.find((e) => e.externalReference === input.externalReference && e.status !== 'Resolved');
        if (open) {
            Object.assign(open, input, { message: fitMessage(input.message) });
            return { id: open.id };
        }
        const id = `rec-pe-${this.next++}`;
        this.exceptions.push({ ...input, message: fitMessage(input.message), id, status: 'New' });
        return { id };
    }

    async resolve(externalReference: string): Promise<number> {
        const open = this.exceptions.filter((e) => e.externalReference === externalReference && e.status !== 'Resolved');
        for (const e of open) e.status = 'Resolved';
        return open.length;
    }

    openFor(externalReference: string): RecordedException[] {
        return this.exceptions.filter((e) => e.externalReference === externalReference && e.status !== 'Resolved');
    }
}
