import { App, Fn, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { instanceArnOfChild, SSO_ARN_EXPECTED, SSO_ARN_FORMS, ssoChildrenArn, ssoInstanceArn } from '../../src/private/arn';

const INSTANCE_ID = 'ssoins-1234567890abcdef';

function scope(): Construct {
  return new Construct(new Stack(new App(), 'Stack'), 'Thing');
}

describe('Identity Center ARN forms', () => {
  test('one form per kind, and each message names it', () => {
    expect(SSO_ARN_FORMS).toEqual({
      instance: 'arn:<partition>:sso:::instance/ssoins-<16 characters>',
      application: 'arn:<partition>:sso::<12-digit account>:application/ssoins-<16 characters>/apl-<16 characters>',
      trustedTokenIssuer: 'arn:<partition>:sso::<12-digit account>:trustedTokenIssuer/ssoins-<16 characters>/tti-<uuid>',
    });
    for (const kind of ['instance', 'application', 'trustedTokenIssuer'] as const) expect(SSO_ARN_EXPECTED[kind]).toContain(SSO_ARN_FORMS[kind]);
  });

  test('builds instance ARNs and per-instance wildcards', () => {
    expect(ssoInstanceArn('aws', INSTANCE_ID)).toBe(`arn:aws:sso:::instance/${INSTANCE_ID}`);
    expect(ssoChildrenArn('aws-cn', '123456789012', 'application', INSTANCE_ID)).toBe(`arn:aws-cn:sso::123456789012:application/${INSTANCE_ID}/*`);
    expect(ssoChildrenArn('aws', '123456789012', 'trustedTokenIssuer', INSTANCE_ID)).toBe(`arn:aws:sso::123456789012:trustedTokenIssuer/${INSTANCE_ID}/*`);
  });
});

describe('instanceArnOfChild', () => {
  test.each<['application' | 'trustedTokenIssuer', string]>([
    ['application', `arn:aws:sso::123456789012:application/${INSTANCE_ID}/apl-1234567890abcdef`],
    ['trustedTokenIssuer', `arn:aws-us-gov:sso::123456789012:trustedTokenIssuer/${INSTANCE_ID}/tti-11111111-2222-3333-4444-555555555555`],
  ])('the instance of a literal %s ARN', (type, arn) => {
    expect(instanceArnOfChild(scope(), 'arn', arn, type)).toBe(`arn:${arn.split(':')[1]}:sso:::instance/${INSTANCE_ID}`);
  });

  test('the instance of a token ARN, as a token', () => {
    const c = scope();
    const instance = instanceArnOfChild(c, 'arn', Fn.importValue('AppArn'), 'application');
    expect(Stack.of(c).resolve(instance)).toEqual({
      'Fn::Join': ['', ['arn:', { 'Fn::Select': [1, { 'Fn::Split': [':', { 'Fn::ImportValue': 'AppArn' }] }] }, ':sso:::instance/', { 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::ImportValue': 'AppArn' }] }] }]],
    });
  });

  test.each<['application' | 'trustedTokenIssuer', string]>([
    ['application', `arn:aws:sso:::instance/${INSTANCE_ID}`],
    ['trustedTokenIssuer', `arn:aws:sso::123456789012:application/${INSTANCE_ID}/apl-1234567890abcdef`],
  ])('rejects an ARN of another form as a %s ARN, naming the expected form', (type, arn) => {
    expect(() => instanceArnOfChild(scope(), 'arn', arn, type)).toThrow(`must be ${SSO_ARN_EXPECTED[type]}`);
  });
});
