/**
 * The newest lane (npx projen test:newest): cdk-nag 3's AwsSolutions pack, registered as a policy-validation plugin the
 * way its README shows, finds nothing unacknowledged in the every-construct app; a wildcard the user adds is still
 * reported.
 */
import { Annotations, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { recommendedApp, synthReport } from './synth';
import { TrustedTokenIssuer, TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation } from '../../src';
import { PermissionKind, SharedCustomResourceRole } from '../../src/private/aws-custom-resource';
import { everyConstructApp, INSTANCE_ARN } from '../gates/every-construct';

test('the every-construct app: no AwsSolutions finding', () => {
  const app = recommendedApp();
  everyConstructApp(app);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  expect(synthReport(app.outdir, () => app.synth())).toEqual([]);
});

test('an environment-agnostic stack (account <AWS::AccountId>): no AwsSolutions finding', () => {
  const app = recommendedApp();
  const stack = new Stack(app, 'Agnostic');
  new TrustedTokenIssuer(stack, 'Issuer', {
    instanceArn: INSTANCE_ARN,
    implementation: TrustedTokenIssuerImplementation.CUSTOM_RESOURCE,
    configuration: TrustedTokenIssuerConfiguration.oidcJwt({
      issuerUrl: 'https://example.okta.com', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value',
    }),
  });
  Annotations.of(stack).acknowledgeWarning('cdk-trusted-identity:nativeTypeAvailable', 'this test uses the fallback on purpose');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  expect(synthReport(app.outdir, () => app.synth())).toEqual([]);
});

test('a wildcard the user adds to the shared policy is still reported', () => {
  const app = recommendedApp();
  const { stack } = everyConstructApp(app);
  SharedCustomResourceRole.of(stack).policy(PermissionKind.APPLICATION).addStatements(new iam.PolicyStatement({ actions: ['sso:ListInstances'], resources: ['*'] }));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  expect(synthReport(app.outdir, () => app.synth())).toEqual([
    expect.stringMatching(/^EveryConstruct\/TrustedIdentityCustomResourceRole\/ApplicationPolicy\/Resource: AwsSolutions AwsSolutions-IAM5\[Resource::\*\] error/),
  ]);
});
