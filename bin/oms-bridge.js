#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the package ships its sources without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../bridge/src/cli/main.ts');
