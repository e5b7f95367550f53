/**
 * The newest lane (npx projen test:newest): every example app and the every-construct app synthesize on the newest
 * aws-cdk-lib with every recommended feature flag, with no error, no warning and no template-validation finding.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { recommendedApp, synthReport } from './synth';
import { TrustedTokenIssuer, TrustedTokenIssuerConfiguration } from '../../src';
import { everyConstructApp, INSTANCE_ARN } from '../gates/every-construct';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

test('this lane runs the aws-cdk-lib that validates templates, with the flag that makes findings errors', () => {
  expect(typeof (Validations as any).of).toBe('function');
  expect((CURRENTLY_RECOMMENDED_FLAGS as any)['@aws-cdk/core:validateAgainstDefaultRules']).toBe(true);
});

test('the every-construct app: no error, warning or validation finding', () => {
  const app = recommendedApp();
  everyConstructApp(app);
  expect(synthReport(app.outdir, () => app.synth())).toEqual([]);
});

test.each(fs.readdirSync(EXAMPLES).filter(f => f.endsWith('.ts')))('examples/%s: no error, warning or validation finding', (file) => {
  // An example builds its own App: it reads the flags and the output folder from the environment, as under the CLI.
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'newest-'));
  const env = { ...process.env };
  process.env.CDK_CONTEXT_JSON = JSON.stringify(CURRENTLY_RECOMMENDED_FLAGS);
  process.env.CDK_OUTDIR = outdir;
  try {
    expect(synthReport(outdir, () => jest.isolateModules(() => jest.requireActual(path.join(EXAMPLES, file))))).toEqual([]);
  } finally {
    process.env = env;
  }
});

describe('the template validator and AWS::SSO::TrustedTokenIssuer (newer than its schemas)', () => {
  function issuerApp(): { app: App; stack: Stack } {
    const app = recommendedApp();
    const stack = new Stack(app, 'Stack');
    new TrustedTokenIssuer(stack, 'Issuer', {
      instanceArn: INSTANCE_ARN,
      configuration: TrustedTokenIssuerConfiguration.oidcJwt({
        issuerUrl: 'https://example.okta.com/oauth2/default', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value',
      }),
    });
    return { app, stack };
  }

  test('a default TrustedTokenIssuer synthesizes cleanly', () => {
    const { app } = issuerApp();
    expect(synthReport(app.outdir, () => app.synth())).toEqual([]);
  });

  test('the acknowledgement is the library\'s, on its resource only: the same type written by hand is still reported', () => {
    const { app, stack } = issuerApp();
    new CfnResource(stack, 'HandWritten', { type: 'AWS::SSO::TrustedTokenIssuer', properties: {} });
    expect(synthReport(app.outdir, () => app.synth())).toEqual([
      expect.stringMatching(/^Stack\/HandWritten: CloudFormation Validate F3006 error: Unknown resource type 'AWS::SSO::TrustedTokenIssuer'/),
    ]);
  });
});
