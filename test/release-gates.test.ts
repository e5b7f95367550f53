import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag-v2';
import { TrustedTokenIssuer, TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation } from '../src';
import { everyConstructApp, INSTANCE_ARN } from './gates/every-construct';
import { PermissionKind, SharedCustomResourceRole } from '../src/private/aws-custom-resource';

function nagFindings(stack: Stack): string[] {
  return [
    ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-')),
    ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-')),
  ].map(f => `${f.id}: ${String(f.entry.data).split('\n')[0]}`);
}

describe('cdk-nag AwsSolutions', () => {
  test('the every-construct stack has no unsuppressed AwsSolutions error or warning', () => {
    const { app, stack } = everyConstructApp();
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
    app.synth();
    expect(nagFindings(stack)).toEqual([]);
  });

  test('acknowledgements sit on exactly the shared custom-resource role, policy and function, each finding named exactly, each with a reason', () => {
    const { stack } = everyConstructApp();
    const template = Template.fromStack(stack).toJSON();
    const acknowledged = Object.entries<any>(template.Resources)
      .filter(([, r]) => r.Metadata?.cdk_nag)
      .map(([id, r]) => [`${r.Type} ${id.replace(/[0-9A-F]{8}$/, '')}`, r.Metadata.cdk_nag.rules_to_suppress.flatMap((a: any) => (a.applies_to ?? ['']).map((f: string) => `${a.id}${f && `[${f}]`}`)).sort()]);
    expect(acknowledged.sort()).toEqual([
      // one policy per kind of fallback resource: its per-instance create/update statement and its delete-side statement
      ['AWS::IAM::Policy TrustedIdentityCustomResourceRoleApplicationPolicy', [
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sso::123456789012:application/*]',
        'AwsSolutions-IAM5[Resource::arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/*]',
      ]],
      ['AWS::IAM::Policy TrustedIdentityCustomResourceRoleIssuerPolicy', [
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sso::123456789012:trustedTokenIssuer/*]',
        'AwsSolutions-IAM5[Resource::arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1234567890abcdef/*]',
      ]],
      ['AWS::IAM::Policy TrustedIdentityCustomResourceRoleSessionPolicy', [
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sso::123456789012:application/*]',
      ]],
      ['AWS::IAM::Role TrustedIdentityCustomResourceRole', ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]']],
      ['AWS::Lambda::Function AWS679f53fac002430cb0da5b7982bd2287', ['AwsSolutions-L1']],
    ]);
    for (const [, r] of Object.entries<any>(template.Resources)) {
      for (const a of r.Metadata?.cdk_nag?.rules_to_suppress ?? []) expect(a.reason.length).toBeGreaterThan(40);
    }
    expect(template.Metadata?.cdk_nag).toBeUndefined(); // never stack-wide
  });

  test('an environment-agnostic stack gets the findings cdk-nag prints for it (account as <AWS::AccountId>)', () => {
    const app = new App();
    const stack = new Stack(app, 'Agnostic');
    new TrustedTokenIssuer(stack, 'Issuer', {
      instanceArn: INSTANCE_ARN,
      implementation: TrustedTokenIssuerImplementation.CUSTOM_RESOURCE,
      configuration: TrustedTokenIssuerConfiguration.oidcJwt({
        issuerUrl: 'https://example.okta.com', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value',
      }),
    });
    Aspects.of(app).add(new AwsSolutionsChecks());
    app.synth();
    expect(nagFindings(stack)).toEqual([]);
    const policy = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    const findings = Object.values<any>(policy)[0].Metadata.cdk_nag.rules_to_suppress.flatMap((a: any) => a.applies_to);
    expect(findings).toContain('Resource::arn:aws:sso::<AWS::AccountId>:trustedTokenIssuer/ssoins-1234567890abcdef/*');
  });

  test('the wildcard acknowledgements cover only issuer and application ARNs: another wildcard on the shared policy is still reported', () => {
    const { app, stack } = everyConstructApp();
    SharedCustomResourceRole.of(stack).policy(PermissionKind.APPLICATION).addStatements(new iam.PolicyStatement({ actions: ['sso:ListInstances'], resources: ['*'] }));
    Aspects.of(app).add(new AwsSolutionsChecks());
    app.synth();
    expect(nagFindings(stack)).toEqual([expect.stringMatching(/TrustedIdentityCustomResourceRole\/ApplicationPolicy\/Resource: AwsSolutions-IAM5\[Resource::\*\]/)]);
  });
});
