import { App, Aspects, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IdentityCenterApplication, IdentityContextPrincipal, OAuthGrantType, OAuthTokenType, TrustedIdentityChecks } from '../../src';
import { TrustedIdentityValidationError } from '../../src/private/validation';

const APPLICATION = 'arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef';
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const PROVIDER = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:contextProvider/IdentityCenter']] };

function setup(options?: ConstructorParameters<typeof IdentityContextPrincipal>[1], maxSessionDuration?: Duration) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const target = new iam.Role(stack, 'Target', { assumedBy: new IdentityContextPrincipal(caller, options), maxSessionDuration });
  return { stack, caller, target };
}

function trustOf(stack: Stack, role: iam.Role): any[] {
  const id = stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
  return Template.fromStack(stack).toJSON().Resources[id].Properties.AssumeRolePolicyDocument.Statement;
}

describe('IdentityContextPrincipal', () => {
  test('adds sts:SetContext next to sts:AssumeRole, pinned to the Identity Center context provider', () => {
    const { stack, caller, target } = setup();
    const principal = { AWS: stack.resolve(caller.roleArn) };
    expect(trustOf(stack, target)).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: principal },
      {
        Action: 'sts:SetContext',
        Effect: 'Allow',
        Principal: principal,
        Condition: { 'ForAllValues:ArnEquals': { 'sts:RequestContextProviders': PROVIDER } },
      },
    ]);
  });

  test('optionally pins the application and the instance', () => {
    const { stack, target } = setup({ applicationArn: APPLICATION, instanceArn: INSTANCE });
    expect(trustOf(stack, target)[1].Condition).toEqual({
      'ForAllValues:ArnEquals': { 'sts:RequestContextProviders': PROVIDER },
      'ArnEquals': { 'sts:RequestContext/identitycenter:ApplicationArn': APPLICATION, 'sts:RequestContext/identitycenter:InstanceArn': INSTANCE },
    });
  });

  test('pins an application of the same app by its ARN token', () => {
    const stack = new Stack(new App(), 'Stack');
    const app = new IdentityCenterApplication(stack, 'App', { instanceArn: INSTANCE, assignmentRequired: false });
    const target = new iam.Role(stack, 'Target', {
      assumedBy: new IdentityContextPrincipal(new iam.AccountRootPrincipal(), { applicationArn: app.applicationArn }),
    });
    expect(trustOf(stack, target)[1].Condition.ArnEquals).toEqual({ 'sts:RequestContext/identitycenter:ApplicationArn': stack.resolve(app.applicationArn) });
  });

  test.each<[string, string, RegExp]>([
    ['applicationArn', INSTANCE, /IdentityContextPrincipal: applicationArn "arn:aws:sso:::instance\/ssoins-1234567890abcdef" must be an Identity Center application ARN/],
    ['instanceArn', APPLICATION, /IdentityContextPrincipal: instanceArn ".*apl-1234567890abcdef" must be an IAM Identity Center instance ARN, arn:<partition>:sso:::instance\/ssoins-<16 characters>$/],
  ])('rejects a malformed %s', (option, value, message) => {
    expect(() => new IdentityContextPrincipal(new iam.AccountRootPrincipal(), { [option]: value })).toThrow(message);
  });

  test('accepts token ARNs', () => {
    const stack = new Stack();
    const arn = new CfnParameter(stack, 'Arn').valueAsString;
    expect(() => new IdentityContextPrincipal(new iam.AccountRootPrincipal(), { applicationArn: arn, instanceArn: arn })).not.toThrow();
  });

  test('allowAnyContextProvider drops the provider condition', () => {
    const { stack, target } = setup({ allowAnyContextProvider: true });
    expect(trustOf(stack, target)[1].Condition).toBeUndefined();
  });

  test('allowAnyContextProvider also drops the principal\'s session check; TrustedIdentityChecks still reports a long session', () => {
    const { stack } = setup({ allowAnyContextProvider: true }, Duration.hours(2));
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SetContextSessionDuration'));

    const audited = setup({ allowAnyContextProvider: true }, Duration.hours(2)).stack;
    Aspects.of(audited).add(new TrustedIdentityChecks());
    Annotations.fromStack(audited).hasWarning('/Stack/Target/Resource', Match.stringLikeRegexp('^\\[SetContextSessionDuration\\]'));
    Annotations.fromStack(audited).hasWarning('/Stack/Target/Resource', Match.stringLikeRegexp('^\\[SetContextProvider\\]'));
  });

  test('keeps the wrapped principal\'s own conditions on both statements', () => {
    const stack = new Stack(new App(), 'Stack');
    const wrapped = new iam.AccountRootPrincipal().withConditions({ StringEquals: { 'aws:PrincipalTag/team': 'data' } });
    const target = new iam.Role(stack, 'Target', { assumedBy: new IdentityContextPrincipal(wrapped) });
    const [assume, setContext] = trustOf(stack, target);
    expect(assume.Condition).toEqual({ StringEquals: { 'aws:PrincipalTag/team': 'data' } });
    expect(setContext.Condition.StringEquals).toEqual({ 'aws:PrincipalTag/team': 'data' });
  });

  test.each<[string, iam.IPrincipal]>([
    ['a web identity principal', new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com')],
    ['a SAML principal', new iam.FederatedPrincipal('arn:aws:iam::123456789012:saml-provider/x', {}, 'sts:AssumeRoleWithSAML')],
  ])('rejects %s (ProvidedContexts works only with sts:AssumeRole)', (_, principal) => {
    expect(() => new IdentityContextPrincipal(principal)).toThrow(/IdentityContextPrincipal: principal .* assumes roles with sts:AssumeRoleWith.*works only with sts:AssumeRole/);
    expect(() => new IdentityContextPrincipal(principal)).toThrow(TrustedIdentityValidationError);
  });

  test.each([undefined, Duration.hours(1)])('does not warn for a max session duration of %s', (maxSessionDuration) => {
    const { stack } = setup(undefined, maxSessionDuration);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SetContextSessionDuration'));
  });

  test('warns when the role allows sessions over 1 hour (revoked users keep their credentials until they expire)', () => {
    const { stack } = setup(undefined, Duration.hours(2));
    Annotations.fromStack(stack).hasWarning('/Stack/Target/Resource', Match.stringLikeRegexp('^\\[SetContextSessionDuration\\] The role receives identity context \\(sts:SetContext\\) and has MaxSessionDuration 7200 s \\(more than 3600 s\\)\\..*\\[ack: cdk-trusted-identity:SetContextSessionDuration\\]$'));
  });

  test('with TrustedIdentityChecks applied, a long session is one finding (one rule, one id)', () => {
    const { stack } = setup(undefined, Duration.hours(2));
    Aspects.of(stack).add(new TrustedIdentityChecks());
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('SessionDuration'));
    expect(warnings.map(w => [w.id, String(w.entry.data).slice(0, 28)])).toEqual([['/Stack/Target/Resource', '[SetContextSessionDuration] ']]);
  });

  test('an acknowledged long session is not a warning, with or without TrustedIdentityChecks', () => {
    for (const audited of [false, true]) {
      const { stack, target } = setup(undefined, Duration.hours(2));
      TrustedIdentityChecks.acknowledge(target, 'SetContextSessionDuration', 'batch jobs of 2 hours');
      if (audited) Aspects.of(stack).add(new TrustedIdentityChecks());
      Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SessionDuration'));
      Annotations.fromStack(stack).hasInfo('/Stack/Target/Resource', Match.stringLikeRegexp('^\\[SetContextSessionDuration\\].*Acknowledged: batch jobs of 2 hours'));
    }
  });

  test('a token max session duration does not warn', () => {
    const stack = new Stack(new App(), 'Stack');
    const role = new iam.Role(stack, 'Target', { assumedBy: new IdentityContextPrincipal(new iam.AccountRootPrincipal()) });
    (role.node.defaultChild as iam.CfnRole).maxSessionDuration = new CfnParameter(stack, 'D', { type: 'Number' }).valueAsNumber;
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SetContextSessionDuration'));
  });

  test('policies added through the principal go to the wrapped principal', () => {
    const { stack, caller } = setup();
    const principal = new IdentityContextPrincipal(caller);
    principal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(caller.node.defaultChild as iam.CfnRole) }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: 's3:GetObject' })] },
    });
  });

  test('the context provider constants', () => {
    expect(IdentityContextPrincipal.IDENTITY_CENTER_CONTEXT_PROVIDER).toBe('arn:aws:iam::aws:contextProvider/IdentityCenter');
    expect(new Stack().resolve(IdentityContextPrincipal.identityCenterContextProvider())).toEqual(PROVIDER);
  });
});

describe('typed exchange constants', () => {
  test('grant types and token types are the RFC URNs', () => {
    expect(OAuthGrantType.JWT_BEARER).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(OAuthGrantType.TOKEN_EXCHANGE).toBe('urn:ietf:params:oauth:grant-type:token-exchange');
    expect(OAuthGrantType.AUTHORIZATION_CODE).toBe('authorization_code');
    expect(OAuthGrantType.REFRESH_TOKEN).toBe('refresh_token');
    expect(OAuthTokenType.ACCESS_TOKEN).toBe('urn:ietf:params:oauth:token-type:access_token');
    expect(OAuthTokenType.ID_TOKEN).toBe('urn:ietf:params:oauth:token-type:id_token');
    expect(OAuthTokenType.REFRESH_TOKEN).toBe('urn:ietf:params:oauth:token-type:refresh_token');
  });
});
