/**
 * The whole configuration schema, composed from one section per concern.
 * Each section lives in `sections/` so that adding settings for a feature touches one small file.
 */
import { z } from 'zod';
import { salesforceSection } from './sections/salesforce.ts';
import { redisSection } from './sections/redis.ts';
import { logSection } from './sections/log.ts';
import { httpSection } from './sections/http.ts';
import { streamingSection } from './sections/streaming.ts';
import { queuesSection } from './sections/queues.ts';
import { adaptersSection } from './sections/adapters.ts';
import { emulatorSection } from './sections/emulator.ts';
import { demoSection } from './sections/demo.ts';
import { flowsSection } from './sections/flows.ts';
import { slaSection } from './sections/sla.ts';
import { intakeSection } from './sections/intake.ts';

export const configSchema = z
    .object({
        salesforce: salesforceSection,
        redis: redisSection,
        log: logSection,
        http: httpSection,
        streaming: streamingSection,
        queues: queuesSection,
        adapters: adaptersSection,
        emulator: emulatorSection,
        demo: demoSection,
        flows: flowsSection,
        intake: intakeSection.default(intakeSection.parse({})),
        sla: slaSection.default(slaSection.parse({}))
    })
    .strict();

export type BridgeConfig = z.infer<typeof configSchema>;
