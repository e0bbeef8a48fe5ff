/**
 * `npm run sf:deploy -- --target-org ALIAS [--integration-user USERNAME] [--dry-run]`: deploys force-app
 * and assigns the permission sets. Prints every command before running it; stops at the first failure.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    buildDeployCommands,
    DeployUsageError,
    formatCommand,
    parseDeployArgs
} from '../bridge/src/devtools/sf-deploy-plan.ts';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function main(): number {
    let options;
    try {
        options = parseDeployArgs(process.argv.slice(2));
    } catch (error) {
        if (error instanceof DeployUsageError) {
            console.error(error.message);
            return 2;
        }
        throw error;
    }
    for (const command of buildDeployCommands(options)) {
        console.log(`# ${command.purpose}`);
        console.log(formatCommand(command));
        if (options.dryRun) {
            continue;
        }
        const result = spawnSync(
            path.join(projectDir, 'node_modules', '.bin', command.program),
            command.args,
            {
                cwd: projectDir,
                stdio: 'inherit'
            }
        );
        if (result.error) {
            console.error(`could not start ${command.program}: ${result.error.message}`);
            return 1;
        }
        if (result.status !== 0) {
            console.error(
                `failed (exit ${result.status ?? 'signal ' + String(result.signal)}): ${formatCommand(command)}`
            );
            return result.status ?? 1;
        }
    }
    return 0;
}

process.exitCode = main();
