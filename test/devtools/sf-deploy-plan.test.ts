import { expect } from 'chai';
import {
    buildDeployCommands,
    DeployUsageError,
    formatCommand,
    parseDeployArgs
} from '../../bridge/src/devtools/sf-deploy-plan.ts';
import { sandboxedSfEnvironment } from '../../bridge/src/devtools/sf-cli-conversion.ts';

describe('sf deploy plan', () => {
    it('deploys force-app, then assigns the agent sets and the integration set on behalf of the integration user', () => {
        const commands = buildDeployCommands(
            parseDeployArgs(['--target-org', 'prod', '--integration-user', 'int@example.com'])
        );
        expect(commands.map(formatCommand)).to.deep.equal([
            'sf project deploy start --source-dir force-app --target-org prod',
            'sf org assign permset --name OMS_Order_Status_Agent --name OMS_Resend_Permission --target-org prod',
            'sf org assign permset --name OMS_Bridge_Integration --target-org prod --on-behalf-of int@example.com'
        ]);
    });

    it('assigns the integration set to the target org user when no integration user is named', () => {
        const commands = buildDeployCommands(parseDeployArgs(['--target-org=sandbox', '--dry-run']));
        expect(commands[2]?.args).to.deep.equal([
            'org',
            'assign',
            'permset',
            '--name',
            'OMS_Bridge_Integration',
            '--target-org',
            'sandbox'
        ]);
    });

    it('keeps an alias as one argument and quotes it for printing', () => {
        const options = parseDeployArgs(['-o', "my org's; rm -rf"]);
        const [deploy] = buildDeployCommands(options);
        expect(deploy?.args.at(-1)).to.equal("my org's; rm -rf");
        expect(formatCommand(deploy!)).to.equal(
            `sf project deploy start --source-dir force-app --target-org 'my org'\\''s; rm -rf'`
        );
    });

    it('parses --dry-run', () => {
        expect(parseDeployArgs(['--target-org', 'x', '--dry-run']).dryRun).to.equal(true);
        expect(parseDeployArgs(['--target-org', 'x']).dryRun).to.equal(false);
    });

    it('refuses a missing target org, a flag without value and unknown arguments, naming them', () => {
        expect(() => parseDeployArgs([])).to.throw(DeployUsageError, /--target-org is required/);
        expect(() => parseDeployArgs(['--target-org'])).to.throw(
            DeployUsageError,
            /--target-org needs a value/
        );
        expect(() => parseDeployArgs(['--target-org', '--dry-run'])).to.throw(
            DeployUsageError,
            /--target-org needs a value/
        );
        expect(() => parseDeployArgs(['--target-org', 'x', '--force'])).to.throw(
            DeployUsageError,
            /unknown argument "--force"/
        );
    });
});

describe('sandboxed sf environment', () => {
    it('points HOME at the sandbox and disables telemetry and self-update', () => {
        const env = sandboxedSfEnvironment('/tmp/sf-home', { PATH: '/usr/bin', HOME: '/root' });
        expect(env).to.include({
            PATH: '/usr/bin',
            HOME: '/tmp/sf-home',
            SF_DISABLE_TELEMETRY: 'true',
            SF_DISABLE_AUTOUPDATE: 'true',
            SF_AUTOUPDATE_DISABLE: 'true',
            SF_SKIP_NEW_VERSION_CHECK: 'true'
        });
    });
});
