/** Shared test helpers for the emulator: the metadata fixture folder and a schema loaded from it. */
import { fileURLToPath } from 'node:url';
import { SchemaRegistry } from '../../bridge/src/emulator/schema/schema-registry.ts';

export const FIXTURE_FORCE_APP = fileURLToPath(new URL('../fixtures/force-app', import.meta.url));

export const fixtureSchema = () => SchemaRegistry.load({ forceAppDir: FIXTURE_FORCE_APP });

export const TEST_CONTEXT = { userId: '0055e0000000001AAA' };
