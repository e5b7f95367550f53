import { Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { everyConstructApp } from './gates/every-construct';
import { SharedCustomResourceRole } from '../src/private/aws-custom-resource';

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

  test('acknowledgements sit on exactly the shared custom-resource role, policy and function, each with a reason', () => {
    const { stack } = everyConstructApp();
    const template = Template.fromStack(stack).toJSON();
    const acknowledged = Object.entries<any>(template.Resources)
      .filter(([, r]) => r.Metadata?.cdk_nag)
      .map(([, r]) => [r.Type, r.Metadata.cdk_nag.rules_to_suppress.map((a: any) => a.id)]);
    expect(acknowledged.sort()).toEqual([
      ['AWS::IAM::Policy', ['AwsSolutions-IAM5', 'AwsSolutions-IAM5', 'AwsSolutions-IAM5', 'AwsSolutions-IAM5']],
      ['AWS::IAM::Role', ['AwsSolutions-IAM4']],
      ['AWS::Lambda::Function', ['AwsSolutions-L1']],
    ]);
    for (const [, r] of Object.entries<any>(template.Resources)) {
      for (const a of r.Metadata?.cdk_nag?.rules_to_suppress ?? []) expect(a.reason.length).toBeGreaterThan(40);
    }
    expect(template.Metadata?.cdk_nag).toBeUndefined(); // never stack-wide
  });

  test('the wildcard acknowledgements cover only issuer and application ARNs: another wildcard on the shared policy is still reported', () => {
    const { app, stack } = everyConstructApp();
    SharedCustomResourceRole.of(stack).policy.addStatements(new iam.PolicyStatement({ actions: ['sso:ListInstances'], resources: ['*'] }));
    Aspects.of(app).add(new AwsSolutionsChecks());
    app.synth();
    expect(nagFindings(stack)).toEqual([expect.stringMatching(/TrustedIdentityCustomResourceRole\/Policy\/Resource: AwsSolutions-IAM5\[Resource::\*\]/)]);
  });
});
