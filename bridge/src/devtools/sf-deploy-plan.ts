/**
 * The commands `npm run sf:deploy` runs, built by pure functions so the exact command lines are tested
 * without an org. Deploys force-app, then assigns the permission sets: the agent sets to the user the
 * alias is authorized as, the integration set to the integration user (or the same user when none is
 * named, which fits an alias authorized as the integration user).
 */

export const PACKAGE_DIR = 'force-app';
export const INTEGRATION_PERMISSION_SET = 'OMS_Bridge_Integration';
export const AGENT_PERMISSION_SETS: readonly string[] = ['OMS_Order_Status_Agent', 'OMS_Resend_Permission'];

/** Options of `npm run sf:deploy -- --target-org ALIAS [--integration-user USERNAME] [--dry-run]`. */
export interface DeployOptions {
    /** Org alias or username known to the sf CLI. Required. */
    targetOrg: string;
    /** Username of the bridge's integration user; default: the target org's own user. */
    integrationUser?: string;
    /** Print the commands without running them. Default false. */
    dryRun: boolean;
}

/** One command as argv, never a shell string, so an alias with spaces or quotes cannot inject. */
export interface PlannedCommand {
    program: string;
    args: string[];
    /** Why this step runs, printed before it. */
    purpose: string;
}

export class DeployUsageError extends Error {
    override name = 'DeployUsageError';
}

export const DEPLOY_USAGE =
    'usage: npm run sf:deploy -- --target-org ALIAS [--integration-user USERNAME] [--dry-run]';

/** Parses the script's arguments; refuses unknown flags and missing values with a message naming them. */
export function parseDeployArgs(argv: string[]): DeployOptions {
    let targetOrg: string | undefined;
    let integrationUser: string | undefined;
    let dryRun = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? '';
        const [flag, inline] =
            arg.startsWith('--') && arg.includes('=')
                ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
                : [arg, undefined];
        const value = () => {
            const next = inline ?? argv[++i];
            if (next === undefined || next === '' || (inline === undefined && next.startsWith('--'))) {
                throw new DeployUsageError(`${flag} needs a value. ${DEPLOY_USAGE}`);
            }
            return next;
        };
        if (flag === '--target-org' || flag === '-o') {
            targetOrg = value();
        } else if (flag === '--integration-user') {
            integrationUser = value();
        } else if (flag === '--dry-run') {
            dryRun = true;
        } else {
            throw new DeployUsageError(`unknown argument "${arg}". ${DEPLOY_USAGE}`);
        }
    }
    if (targetOrg === undefined) {
        throw new DeployUsageError(`--target-org is required. ${DEPLOY_USAGE}`);
    }
    return { targetOrg, integrationUser, dryRun };
}

export function buildDeployCommands(options: DeployOptions): PlannedCommand[] {
    const org = ['--target-org', options.targetOrg];
    const permsetArgs = (names: readonly string[]) => [
        'org',
        'assign',
        'permset',
        ...names.flatMap((name) => ['--name', name]),
        ...org
    ];
    return [
        {
            program: 'sf',
            args: ['project', 'deploy', 'start', '--source-dir', PACKAGE_DIR, ...org],
            purpose: `deploy ${PACKAGE_DIR} to ${options.targetOrg}`
        },
        {
            program: 'sf',
            args: permsetArgs(AGENT_PERMISSION_SETS),
            purpose: 'give the deploying user the order status component and the resend action'
        },
        {
            program: 'sf',
            args: [
                ...permsetArgs([INTEGRATION_PERMISSION_SET]),
                ...(options.integrationUser ? ['--on-behalf-of', options.integrationUser] : [])
            ],
            purpose: `give ${options.integrationUser ?? 'the target org user'} the bridge's integration access`
        }
    ];
}

/** The command as a copy-pasteable shell line (arguments quoted when needed). */
export function formatCommand(command: PlannedCommand): string {
    return [command.program, ...command.args].map(shellQuote).join(' ');
}

function shellQuote(word: string): string {
    return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
