import type { Command } from 'commander';
import { register as configCommand } from './config.ts';

/** Every CLI command, in the order `--help` lists them. */
export const COMMANDS: ((program: Command) => void)[] = [configCommand];
