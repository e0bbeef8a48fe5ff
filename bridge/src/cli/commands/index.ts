import type { Command } from 'commander';
import { register as configCommand } from './config.ts';
import { register as startCommand } from './start.ts';
import { register as mappingCommand } from './mapping.ts';
import { register as intakeCommand } from './intake.ts';
import { register as workerCommand } from './worker.ts';
import { register as dlqCommand } from './dlq.ts';
import { register as doctorCommand } from './doctor.ts';
import { register as emulatorCommand } from './emulator.ts';

/** Every CLI command, in the order `--help` lists them. */
export const COMMANDS: ((program: Command) => void)[] = [startCommand, configCommand, intakeCommand, workerCommand, dlqCommand, doctorCommand, mappingCommand, emulatorCommand];
