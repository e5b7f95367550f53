import { App, Aspects, CfnParameter, Fn, RemovalPolicy, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import {
  DeviceTrustProviderType, OidcTrustProviderOptions, TrustedIdentityChecks, TrustProvider, TrustProviderType, UserTrustProviderType,
  VerifiedAccessTrustProvider, VerifiedAccessTrustProviderProps,
} from '../../src';
import { API_CONSTRAINTS, CFN_CONSTRAINTS } from '../../src/private/constraints.generated';
import { cfnConstraint } from '../../src/private/validation';
import { expectNoSecretInAssembly, findSecretsInAssembly } from '../util/secrets';

const TYPE = 'AWS::EC2::VerifiedAccessTrustProvider';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:okta-verified-access-AbCdEf';
const PLAIN_SECRET = 'plain-text-secret-3f9c1a7e';
const NATIVE_PLAIN_SECRET = 'native-client-secret-value-01';
const NATIVE_KEYS = 'https://example.okta.com/oauth2/default/v1/keys';

const OKTA: OidcTrustProviderOptions = {
  issuer: 'https://example.okta.com/oauth2/default',
  authorizationEndpoint: 'https://example.okta.com/oauth2/default/v1/authorize',
  tokenEndpoint: 'https://example.okta.com/oauth2/default/v1/token',
  userInfoEndpoint: 'https://example.okta.com/oauth2/default/v1/userinfo',
  clientId: '0oa1b2c3d4e5f6g7h8i9',
  clientSecret: SecretValue.secretsManager(SECRET_ARN),
};

function newStack(app = new App(), id = 'Stack'): Stack {
  return new Stack(app, id, { env: { account: '123456789012', region: 'us-east-1' } });
}

function newProvider(stack: Stack, props: Partial<VerifiedAccessTrustProviderProps> & { oidc?: Partial<OidcTrustProviderOptions> } = {}, id = 'Okta') {
  const { oidc, ...rest } = props;
  return new VerifiedAccessTrustProvider(stack, id, {
    policyReferenceName: 'okta',
    provider: TrustProvider.oidc({ ...OKTA, ...oidc }),
    ...rest,
  });
}

function resourceOf(stack: Stack): { logicalId: string; properties: any } {
  const resources = Template.fromStack(stack).findResources(TYPE);
  const [logicalId, r] = Object.entries<any>(resources)[0];
  return { logicalId, properties: r.Properties };
}

function warningsOf(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map(w => String(w.entry.data));
}

describe('factories', () => {
  test('iamIdentityCenter() is a user provider of type iam-identity-center without option blocks', () => {
    const stack = newStack();
    const p = new VerifiedAccessTrustProvider(stack, 'Idc', { policyReferenceName: 'idc', provider: TrustProvider.iamIdentityCenter() });
    expect(resourceOf(stack).properties).toEqual({
      PolicyReferenceName: 'idc',
      TrustProviderType: 'user',
      UserTrustProviderType: 'iam-identity-center',
    });
    expect(p.trustProviderType).toBe(TrustProviderType.USER);
    expect(p.userTrustProviderType).toBe(UserTrustProviderType.IAM_IDENTITY_CENTER);
    expect(p.deviceTrustProviderType).toBeUndefined();
  });

  test('oidc() is a user provider of type oidc with OidcOptions; the secret is a Secrets Manager reference and scope defaults to openid', () => {
    const stack = newStack();
    const p = newProvider(stack, { description: 'Okta workforce' });
    expect(resourceOf(stack).properties).toEqual({
      PolicyReferenceName: 'okta',
      TrustProviderType: 'user',
      UserTrustProviderType: 'oidc',
      Description: 'Okta workforce',
      OidcOptions: {
        Issuer: OKTA.issuer,
        AuthorizationEndpoint: OKTA.authorizationEndpoint,
        TokenEndpoint: OKTA.tokenEndpoint,
        UserInfoEndpoint: OKTA.userInfoEndpoint,
        ClientId: OKTA.clientId,
        ClientSecret: `{{resolve:secretsmanager:${SECRET_ARN}:SecretString:::}}`,
        Scope: 'openid',
      },
    });
    expect(p.userTrustProviderType).toBe(UserTrustProviderType.OIDC);
    expect(warningsOf(stack)).toEqual([]);
  });

  test('oidc() with nativeApplication adds NativeApplicationOidcOptions with its own client and secret; endpoints default to the provider\'s', () => {
    const stack = newStack();
    newProvider(stack, {
      oidc: {
        scope: 'openid email',
        nativeApplication: {
          clientId: 'native-client',
          clientSecret: SecretValue.secretsManager('okta-native'),
          publicSigningKeyEndpoint: 'https://example.okta.com/oauth2/default/v1/keys',
        },
      },
    });
    expect(resourceOf(stack).properties.NativeApplicationOidcOptions).toEqual({
      Issuer: OKTA.issuer,
      AuthorizationEndpoint: OKTA.authorizationEndpoint,
      TokenEndpoint: OKTA.tokenEndpoint,
      UserInfoEndpoint: OKTA.userInfoEndpoint,
      PublicSigningKeyEndpoint: 'https://example.okta.com/oauth2/default/v1/keys',
      ClientId: 'native-client',
      ClientSecret: '{{resolve:secretsmanager:okta-native:SecretString:::}}',
      Scope: 'openid email',
    });
  });

  test('nativeApplication endpoints and scope can be set on their own', () => {
    const stack = newStack();
    newProvider(stack, {
      oidc: {
        nativeApplication: {
          clientId: 'native-client',
          clientSecret: SecretValue.secretsManager('okta-native'),
          publicSigningKeyEndpoint: 'https://example.okta.com/oauth2/native/v1/keys',
          issuer: 'https://example.okta.com/oauth2/native',
          authorizationEndpoint: 'https://example.okta.com/oauth2/native/v1/authorize',
          tokenEndpoint: 'https://example.okta.com/oauth2/native/v1/token',
          userInfoEndpoint: 'https://example.okta.com/oauth2/native/v1/userinfo',
          scope: 'openid profile',
        },
      },
    });
    expect(resourceOf(stack).properties.NativeApplicationOidcOptions).toMatchObject({
      Issuer: 'https://example.okta.com/oauth2/native',
      AuthorizationEndpoint: 'https://example.okta.com/oauth2/native/v1/authorize',
      TokenEndpoint: 'https://example.okta.com/oauth2/native/v1/token',
      UserInfoEndpoint: 'https://example.okta.com/oauth2/native/v1/userinfo',
      Scope: 'openid profile',
    });
  });

  test.each([
    ['jamf', TrustProvider.jamf({ tenantId: 'jamf-tenant' }), DeviceTrustProviderType.JAMF, { TenantId: 'jamf-tenant' }],
    ['crowdStrike', TrustProvider.crowdStrike({ tenantId: 'cs-tenant' }), DeviceTrustProviderType.CROWDSTRIKE, { TenantId: 'cs-tenant' }],
    [
      'jumpCloud',
      TrustProvider.jumpCloud({ tenantId: 'jc-tenant', publicSigningKeyUrl: 'https://auth.jumpcloud.com/keys' }),
      DeviceTrustProviderType.JUMPCLOUD,
      { TenantId: 'jc-tenant', PublicSigningKeyUrl: 'https://auth.jumpcloud.com/keys' },
    ],
  ])('%s() is a device provider with exactly its DeviceOptions', (_name, provider, deviceType, deviceOptions) => {
    const stack = newStack();
    const p = new VerifiedAccessTrustProvider(stack, 'Device', { policyReferenceName: 'device', provider });
    expect(resourceOf(stack).properties).toEqual({
      PolicyReferenceName: 'device',
      TrustProviderType: 'device',
      DeviceTrustProviderType: deviceType,
      DeviceOptions: deviceOptions,
    });
    expect(p.trustProviderType).toBe(TrustProviderType.DEVICE);
    expect(p.deviceTrustProviderType).toBe(deviceType);
    expect(p.userTrustProviderType).toBeUndefined();
  });

  test('removalPolicy and the primary child', () => {
    const stack = newStack();
    const p = newProvider(stack, { removalPolicy: RemovalPolicy.RETAIN });
    Template.fromStack(stack).hasResource(TYPE, { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(p.node.defaultChild).toBeInstanceOf(ec2.CfnVerifiedAccessTrustProvider);
  });
});

describe('attributes and imports', () => {
  test('id, ARN, policy reference name and the aws-cdk-lib reference', () => {
    const stack = newStack();
    const p = newProvider(stack);
    const { logicalId } = resourceOf(stack);
    expect(stack.resolve(p.verifiedAccessTrustProviderId)).toEqual({ 'Fn::GetAtt': [logicalId, 'VerifiedAccessTrustProviderId'] });
    expect(stack.resolve(p.verifiedAccessTrustProviderRef.verifiedAccessTrustProviderId)).toEqual({ 'Fn::GetAtt': [logicalId, 'VerifiedAccessTrustProviderId'] });
    expect(stack.resolve(p.verifiedAccessTrustProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:us-east-1:123456789012:verified-access-trust-provider/', { 'Fn::GetAtt': [logicalId, 'VerifiedAccessTrustProviderId'] }]],
    });
    expect(p.policyReferenceName).toBe('okta');
    // The id is created on first use; every later read is the same token, so it can be compared and reused.
    expect(p.verifiedAccessTrustProviderId).toBe(p.verifiedAccessTrustProviderId);
  });

  test('fromVerifiedAccessTrustProviderAttributes keeps the id and the policy reference name', () => {
    const stack = newStack();
    const imported = VerifiedAccessTrustProvider.fromVerifiedAccessTrustProviderAttributes(stack, 'Imported', {
      verifiedAccessTrustProviderId: 'vatp-0123456789abcdef0',
      policyReferenceName: 'corp',
    });
    expect(imported.verifiedAccessTrustProviderId).toBe('vatp-0123456789abcdef0');
    expect(imported.verifiedAccessTrustProviderRef.verifiedAccessTrustProviderId).toBe('vatp-0123456789abcdef0');
    expect(imported.policyReferenceName).toBe('corp');
    expect(stack.resolve(imported.verifiedAccessTrustProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:us-east-1:123456789012:verified-access-trust-provider/vatp-0123456789abcdef0']],
    });
  });

  test.each<[string, string, RegExp, string | undefined]>([
    ['not an ID', 'my-provider', /^Stack\/Imported: verifiedAccessTrustProviderId "my-provider" must be a Verified Access trust provider ID, "vatp-" and hexadecimal digits/, undefined],
    ['another resource\'s ID', 'vai-0123456789abcdef0', /verifiedAccessTrustProviderId "vai-0123456789abcdef0" must be a Verified Access trust provider ID/, undefined],
    ['upper-case digits', 'vatp-0123456789ABCDEF0', /verifiedAccessTrustProviderId "vatp-0123456789ABCDEF0" must be/, undefined],
    ['a policy reference name Cedar cannot read', 'vatp-0123456789abcdef0', /^Stack\/Imported: policyReferenceName "my idp"/, 'my idp'],
  ])('an import rejects %s, naming the import', (_, id, message, policyReferenceName) => {
    expect(() => VerifiedAccessTrustProvider.fromVerifiedAccessTrustProviderAttributes(newStack(), 'Imported', {
      verifiedAccessTrustProviderId: id, policyReferenceName,
    })).toThrow(message);
  });

  test('an import accepts a token policy reference name', () => {
    const stack = newStack();
    expect(() => VerifiedAccessTrustProvider.fromVerifiedAccessTrustProviderAttributes(stack, 'Imported', {
      verifiedAccessTrustProviderId: 'vatp-0123456789abcdef0', policyReferenceName: new CfnParameter(stack, 'Name').valueAsString,
    })).not.toThrow();
  });

  test('an import without a policy reference name, by a token id, creates no resource; reading the name fails', () => {
    const stack = newStack();
    const imported = VerifiedAccessTrustProvider.fromVerifiedAccessTrustProviderAttributes(stack, 'Imported', {
      verifiedAccessTrustProviderId: Fn.importValue('TrustProviderId'),
    });
    expect(() => imported.policyReferenceName).toThrow(/^Stack\/Imported: policyReferenceName is unknown: pass it to VerifiedAccessTrustProvider.fromVerifiedAccessTrustProviderAttributes\(\)/);
    expect(stack.resolve(imported.verifiedAccessTrustProviderId)).toEqual({ 'Fn::ImportValue': 'TrustProviderId' });
    Template.fromStack(stack).resourceCountIs(TYPE, 0);
  });
});

describe('Verified Access instance interop', () => {
  test('one user and several device providers attach to an ec2.CfnVerifiedAccessInstance by id', () => {
    const stack = newStack();
    const user = newProvider(stack);
    const jamf = new VerifiedAccessTrustProvider(stack, 'Jamf', { policyReferenceName: 'jamf', provider: TrustProvider.jamf({ tenantId: 't1' }) });
    const cs = new VerifiedAccessTrustProvider(stack, 'CrowdStrike', { policyReferenceName: 'crowdstrike', provider: TrustProvider.crowdStrike({ tenantId: 't2' }) });
    new ec2.CfnVerifiedAccessInstance(stack, 'Instance', {
      verifiedAccessTrustProviderIds: [user, jamf, cs].map(p => p.verifiedAccessTrustProviderId),
    });
    const ids = (p: VerifiedAccessTrustProvider) => ({ 'Fn::GetAtt': [stack.getLogicalId(p.node.defaultChild as ec2.CfnVerifiedAccessTrustProvider), 'VerifiedAccessTrustProviderId'] });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::VerifiedAccessInstance', {
      VerifiedAccessTrustProviderIds: [ids(user), ids(jamf), ids(cs)],
    });
  });
});

describe('secrets', () => {
  test('a Secrets Manager secret of the app renders as a dynamic reference to its ARN', () => {
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'ClientSecret');
    newProvider(stack, { oidc: { clientSecret: secret.secretValue } });
    expect(resourceOf(stack).properties.OidcOptions.ClientSecret).toEqual({
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: stack.getLogicalId(secret.node.defaultChild as secretsmanager.CfnSecret) }, ':SecretString:::}}']],
    });
  });

  test('a secret of another stack renders as a dynamic reference through a cross-stack export', () => {
    const app = new App();
    const secretStack = newStack(app, 'Secrets');
    const secret = new secretsmanager.Secret(secretStack, 'ClientSecret');
    const stack = newStack(app);
    newProvider(stack, { oidc: { clientSecret: secret.secretValue } });
    const value = resourceOf(stack).properties.OidcOptions.ClientSecret;
    expect(value['Fn::Join'][1][0]).toBe('{{resolve:secretsmanager:');
    expect(value['Fn::Join'][1][1]).toEqual({ 'Fn::ImportValue': expect.stringMatching(/^Secrets:ExportsOutputRefClientSecret/) });
  });

  test('a NoEcho parameter (SecretValue.cfnParameter) is accepted: it is not in the template', () => {
    const stack = newStack();
    const param = new CfnParameter(stack, 'ClientSecretParam', { noEcho: true });
    newProvider(stack, { oidc: { clientSecret: SecretValue.cfnParameter(param) } });
    expect(resourceOf(stack).properties.OidcOptions.ClientSecret).toEqual({ Ref: 'ClientSecretParam' });
  });

  test.each([
    ['a parameter without NoEcho', (stack: Stack) => new CfnParameter(stack, 'ClientSecretParam').valueAsString, 'ClientSecretParam'],
    ['a parameter with noEcho: false', (stack: Stack) => new CfnParameter(stack, 'ClientSecretParam', { noEcho: false }).valueAsString, 'ClientSecretParam'],
    ['an SSM parameter value (AWS::SSM::Parameter::Value<String>)', (stack: Stack) => ssm.StringParameter.valueForStringParameter(stack, 'okta-client-secret'), 'SsmParameterValue'],
    ['a join of a NoEcho and an echoed parameter', (stack: Stack) => Fn.join('', [
      new CfnParameter(stack, 'Hidden', { noEcho: true }).valueAsString,
      new CfnParameter(stack, 'ClientSecretParam').valueAsString,
    ]), 'ClientSecretParam'],
  ])('rejects %s: the console shows its value', (_what, valueOf, logicalIdPrefix) => {
    const stack = newStack();
    const value = valueOf(stack);
    expect(() => newProvider(stack, { oidc: { clientSecret: SecretValue.unsafePlainText(value) } }))
      .toThrow(new RegExp(`^Stack/Okta: clientSecret resolves to a reference to the CloudFormation parameter "${logicalIdPrefix}[^"]*", which is not NoEcho: the secret would be readable in the CloudFormation console and the DescribeStacks API\\..*allowPlainTextSecret: true`));
  });

  test.each([
    ['a NoEcho parameter wrapped as plain text', (stack: Stack) => SecretValue.unsafePlainText(new CfnParameter(stack, 'P', { noEcho: true }).valueAsString)],
    ['a Secrets Manager reference whose name comes from a parameter without NoEcho', (stack: Stack) => SecretValue.secretsManager(new CfnParameter(stack, 'SecretName').valueAsString)],
    ['a Ref to a resource (not a parameter)', (stack: Stack) => SecretValue.unsafePlainText(new ssm.CfnParameter(stack, 'S', { type: 'String', value: 'v' }).ref)],
  ])('accepts %s', (_what, secretOf) => {
    const stack = newStack();
    expect(() => newProvider(stack, { oidc: { clientSecret: secretOf(stack) } })).not.toThrow();
  });

  test.each([
    ['literal text after a NoEcho parameter', (stack: Stack) => Fn.join('', [new CfnParameter(stack, 'P', { noEcho: true }).valueAsString, '-suffix'])],
    ['an Fn::Sub of literal text and a NoEcho parameter', (stack: Stack) => Fn.sub('prefix-${P}', { P: new CfnParameter(stack, 'P', { noEcho: true }).valueAsString })],
  ])('rejects %s: the literal part is in the template (the audit cannot decide either)', (_what, valueOf) => {
    const stack = newStack();
    expect(() => newProvider(stack, { oidc: { clientSecret: SecretValue.unsafePlainText(valueOf(stack)) } }))
      .toThrow(/^Stack\/Okta: clientSecret resolves to literal text joined with values known only at deploy time \(value not shown\).*allowPlainTextSecret: true/);
  });

  test('rejects an Fn::Sub of literal text only', () => {
    const stack = newStack();
    expect(() => newProvider(stack, { oidc: { clientSecret: SecretValue.unsafePlainText(Fn.sub(PLAIN_SECRET)) } }))
      .toThrow(/clientSecret resolves to a plain-text string \(value not shown\)/);
  });

  test('accepts a Secrets Manager reference whose join starts with an empty string or splits the prefix by a separator', () => {
    const stack = newStack();
    const ref = new CfnParameter(stack, 'SecretArn', { noEcho: true }).valueAsString;
    expect(() => newProvider(stack, { oidc: { clientSecret: SecretValue.unsafePlainText(Fn.join(':', ['{{resolve', 'secretsmanager', ref, 'SecretString:::}}'])) } })).not.toThrow();
  });

  test('a parameter without NoEcho is accepted with allowPlainTextSecret, with a warning', () => {
    const stack = newStack();
    const param = new CfnParameter(stack, 'ClientSecretParam');
    newProvider(stack, { allowPlainTextSecret: true, oidc: { clientSecret: SecretValue.unsafePlainText(param.valueAsString) } });
    expect(resourceOf(stack).properties.OidcOptions.ClientSecret).toEqual({ Ref: 'ClientSecretParam' });
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^clientSecret resolves to a reference to the CloudFormation parameter "ClientSecretParam", which is not NoEcho and allowPlainTextSecret is set/)]);
  });

  test('rejects a nativeApplication.clientSecret from a parameter without NoEcho', () => {
    const stack = newStack();
    const param = new CfnParameter(stack, 'NativeSecret');
    expect(() => newProvider(stack, {
      oidc: { nativeApplication: { clientId: 'native', clientSecret: SecretValue.unsafePlainText(param.valueAsString), publicSigningKeyEndpoint: NATIVE_KEYS } },
    })).toThrow(/^Stack\/Okta: nativeApplication\.clientSecret resolves to a reference to the CloudFormation parameter "NativeSecret", which is not NoEcho/);
  });

  test('works with the @aws-cdk/core:checkSecretUsage feature flag', () => {
    const app = new App({ context: { '@aws-cdk/core:checkSecretUsage': true } });
    const stack = newStack(app);
    newProvider(stack);
    expect(resourceOf(stack).properties.OidcOptions.ClientSecret).toBe(`{{resolve:secretsmanager:${SECRET_ARN}:SecretString:::}}`);
  });

  test.each([
    ['clientSecret', PLAIN_SECRET, { clientSecret: SecretValue.unsafePlainText(PLAIN_SECRET) }],
    ['nativeApplication.clientSecret', NATIVE_PLAIN_SECRET, {
      nativeApplication: { clientId: 'native', clientSecret: SecretValue.unsafePlainText(NATIVE_PLAIN_SECRET), publicSigningKeyEndpoint: NATIVE_KEYS },
    }],
  ])('rejects a plain-text %s; neither the message nor the cloud assembly contains the secret', (prop, secret, oidc) => {
    const app = new App();
    const stack = newStack(app);
    let message = '';
    try {
      newProvider(stack, { oidc });
    } catch (e: any) {
      message = e.message;
    }
    expect(message).toMatch(new RegExp(`^Stack/Okta: ${prop.replace('.', '\\.')} resolves to a plain-text string \\(value not shown\\).*allowPlainTextSecret`));
    expect(message).not.toContain(secret);
    // The half-built construct stays in the tree: nothing of the rejected secret may reach the assembly either.
    expectNoSecretInAssembly(app, secret);
  });

  test('rejects a {{resolve:ssm:...}} reference to a plain String parameter', () => {
    const stack = newStack();
    const param = ssm.StringParameter.fromStringParameterName(stack, 'P', 'okta-client-secret');
    expect(() => newProvider(stack, { oidc: { clientSecret: SecretValue.unsafePlainText(`{{resolve:ssm:${param.parameterName}}}`) } }))
      .toThrow(/clientSecret resolves to a reference to a plain-text SSM parameter/);
  });

  test('rejects an ssm-secure reference: CloudFormation does not resolve it for this resource type', () => {
    const stack = newStack();
    expect(() => newProvider(stack, { oidc: { clientSecret: SecretValue.ssmSecure('okta-client-secret') } }))
      .toThrow(/clientSecret is an ssm-secure dynamic reference, which CloudFormation does not resolve for AWS::EC2::VerifiedAccessTrustProvider/);
  });

  test('allowPlainTextSecret accepts a plain-text secret, with a warning that does not contain it', () => {
    const stack = newStack();
    newProvider(stack, { allowPlainTextSecret: true, oidc: { clientSecret: SecretValue.unsafePlainText(PLAIN_SECRET) } });
    expect(resourceOf(stack).properties.OidcOptions.ClientSecret).toBe(PLAIN_SECRET);
    const warnings = warningsOf(stack);
    expect(warnings).toEqual([expect.stringMatching(/clientSecret resolves to a plain-text string \(value not shown\) and allowPlainTextSecret is set/)]);
    expect(warnings.join('\n')).not.toContain(PLAIN_SECRET);
  });

  test.each([
    ['reports', false, 1],
    ['does not report, once acknowledged,', true, 0],
  ])('TrustedIdentityChecks %s a provider whose literal secret allowPlainTextSecret accepted', (_what, acknowledged, errors) => {
    const app = new App();
    const stack = newStack(app);
    const provider = newProvider(stack, { allowPlainTextSecret: true, oidc: { clientSecret: SecretValue.unsafePlainText(PLAIN_SECRET) } });
    if (acknowledged) TrustedIdentityChecks.acknowledge(provider, 'VerifiedAccessPlaintextSecret', 'test IdP without secrets');
    Aspects.of(app).add(new TrustedIdentityChecks());
    const found = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('VerifiedAccessPlaintextSecret'));
    expect(found).toHaveLength(errors);
  });

  test('literal secrets accepted with allowPlainTextSecret are in the cloud assembly, and the helper finds both', () => {
    const app = new App();
    const stack = newStack(app);
    newProvider(stack, {
      allowPlainTextSecret: true,
      oidc: {
        clientSecret: SecretValue.unsafePlainText(PLAIN_SECRET),
        nativeApplication: { clientId: 'native', clientSecret: SecretValue.unsafePlainText(NATIVE_PLAIN_SECRET), publicSigningKeyEndpoint: NATIVE_KEYS },
      },
    });
    const leaks = findSecretsInAssembly(app, PLAIN_SECRET, NATIVE_PLAIN_SECRET);
    expect(leaks).toEqual(expect.arrayContaining([
      { file: 'Stack.template.json', secretIndex: 0 },
      { file: 'Stack.template.json', secretIndex: 1 },
    ]));
    expect(() => expectNoSecretInAssembly(app, PLAIN_SECRET, NATIVE_PLAIN_SECRET)).toThrow(/secret #0 in Stack\.template\.json[^]*secret #1 in Stack\.template\.json/);
  });

  test('Secrets Manager secrets known by name reach the assembly only as references: the values used above never appear', () => {
    const app = new App();
    const stack = newStack(app);
    newProvider(stack, {
      oidc: {
        clientSecret: SecretValue.secretsManager('okta-verified-access-client'),
        nativeApplication: { clientId: 'native', clientSecret: SecretValue.secretsManager('okta-verified-access-native'), publicSigningKeyEndpoint: NATIVE_KEYS },
      },
    });
    const props = resourceOf(stack).properties;
    expect(props.OidcOptions.ClientSecret).toBe('{{resolve:secretsmanager:okta-verified-access-client:SecretString:::}}');
    expect(props.NativeApplicationOidcOptions.ClientSecret).toBe('{{resolve:secretsmanager:okta-verified-access-native:SecretString:::}}');
    // The helper searches this very assembly (it finds the secrets' names) ...
    expect(findSecretsInAssembly(app, 'okta-verified-access-client', 'okta-verified-access-native').map(l => l.file))
      .toEqual(expect.arrayContaining(['Stack.template.json']));
    // ... and none of the literal values the other tests of this file pass.
    expectNoSecretInAssembly(app, PLAIN_SECRET, NATIVE_PLAIN_SECRET);
  });
});

describe('expectNoSecretInAssembly', () => {
  test('finds a secret in the template and in tree.json (the L1 props)', () => {
    const app = new App();
    const stack = newStack(app);
    newProvider(stack, { allowPlainTextSecret: true, oidc: { clientSecret: SecretValue.unsafePlainText(PLAIN_SECRET) } });
    const files = findSecretsInAssembly(app, PLAIN_SECRET).map(l => l.file);
    expect(files).toEqual(expect.arrayContaining(['Stack.template.json', 'tree.json']));
    expect(() => expectNoSecretInAssembly(app, PLAIN_SECRET)).toThrow(/secret #0 in Stack\.template\.json/);
  });

  test('finds a secret in stack metadata and never prints it', () => {
    const app = new App();
    const stack = newStack(app);
    stack.node.addMetadata('note', `leaked ${PLAIN_SECRET}`);
    let message = '';
    try {
      expectNoSecretInAssembly(app, 'unrelated-value-123', PLAIN_SECRET);
    } catch (e: any) {
      message = e.message;
    }
    // aws-cdk-lib writes stack metadata to Stack.metadata.json (2.257) or into manifest.json (2.215, the peer floor).
    expect(message).toMatch(/secret #1 in (Stack\.metadata|manifest)\.json/);
    expect(message).not.toContain(PLAIN_SECRET);
  });

  test('finds a JSON-escaped secret', () => {
    const app = new App();
    const stack = newStack(app);
    const tricky = 'quote"and\\backslash-secret';
    new ssm.StringParameter(stack, 'P', { stringValue: tricky });
    expect(findSecretsInAssembly(app, tricky).map(l => l.file)).toContain('Stack.template.json');
  });

  test('rejects secrets too short to search for', () => {
    expect(() => findSecretsInAssembly(new App(), 'short')).toThrow(/at least 8 characters/);
  });
});

describe('policyReferenceName', () => {
  test.each(['okta', 'corp_idp', '_idp', 'IdP2', 'a'])('accepts the Cedar identifier %p', name => {
    expect(() => newProvider(newStack(), { policyReferenceName: name })).not.toThrow();
  });

  test.each([
    ['my-idp', /policyReferenceName "my-idp" must be a Cedar identifier .*context\.my-idp is not valid Cedar.*Use e\.g\. "my_idp"/],
    ['2fa', /must be a Cedar identifier .*not starting with a digit.*"_2fa"/],
    ['corp idp', /must be a Cedar identifier/],
    ['', /must be a Cedar identifier/],
    ['if', /policyReferenceName "if" is a word Cedar reserves/],
    ['true', /is a word Cedar reserves/],
  ])('rejects %p', (name, message) => {
    expect(() => newProvider(newStack(), { policyReferenceName: name })).toThrow(message);
  });

  test('accepts a token', () => {
    const stack = newStack();
    const name = new CfnParameter(stack, 'Name').valueAsString;
    newProvider(stack, { policyReferenceName: name });
    expect(resourceOf(stack).properties.PolicyReferenceName).toEqual({ Ref: 'Name' });
  });
});

describe('endpoint validation', () => {
  const fields = ['issuer', 'authorizationEndpoint', 'tokenEndpoint', 'userInfoEndpoint'] as const;

  test.each(fields)('accepts an https URL with a path for %s', field => {
    expect(() => newProvider(newStack(), { oidc: { [field]: `https://example.okta.com/oauth2/x/${field}` } })).not.toThrow();
  });

  // The URL rules themselves are tested once, in test/private/urls.test.ts (VERIFIED_ACCESS_ISSUER and
  // VERIFIED_ACCESS_ENDPOINT); these check that every field is wired to them.
  test.each(fields)('rejects an http:// %s', (field) => {
    expect(() => newProvider(newStack(), { oidc: { [field]: 'http://example.okta.com/oauth2/default' } }))
      .toThrow(new RegExp(`Stack/Okta: ${field} "http://example.okta.com/oauth2/default" must be an absolute URL starting with "https://" \\(Verified Access accepts only HTTPS\\)`));
  });

  test('warns about a trailing slash in the issuer only', () => {
    const stack = newStack();
    newProvider(stack, { oidc: { issuer: 'https://example.okta.com/', authorizationEndpoint: 'https://example.okta.com/authorize/' } });
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^issuer "https:\/\/example.okta.com\/" ends with "\/"\..*\[ack: cdk-trusted-identity:oidcUrlTrailingSlash\]/)]);
  });

  test('rejects an issuer with a query; other endpoints may have one', () => {
    expect(() => newProvider(newStack(), { oidc: { issuer: 'https://example.okta.com/oauth2/default?x=1' } })).toThrow(/issuer .* must not contain a query/);
    expect(() => newProvider(newStack(), { oidc: { authorizationEndpoint: 'https://example.okta.com/oauth2/default/v1/authorize?prompt=login' } })).not.toThrow();
  });

  test.each([
    ['nativeApplication.publicSigningKeyEndpoint', { publicSigningKeyEndpoint: 'http://example.okta.com/keys' }],
    ['nativeApplication.issuer', { issuer: 'https://example.okta.com/x?y=1' }],
    ['nativeApplication.tokenEndpoint', { tokenEndpoint: 'ftp://example.okta.com/token' }],
  ])('rejects a bad %s', (prop, native) => {
    expect(() => newProvider(newStack(), {
      oidc: { nativeApplication: { clientId: 'n', clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: 'https://example.okta.com/k', ...native } },
    })).toThrow(new RegExp(`Stack/Okta: ${prop.replace('.', '\\.')} `));
  });

  test('accepts a token JumpCloud publicSigningKeyUrl', () => {
    const stack = newStack();
    new VerifiedAccessTrustProvider(stack, 'JC', {
      policyReferenceName: 'jc', provider: TrustProvider.jumpCloud({ tenantId: 't', publicSigningKeyUrl: new CfnParameter(stack, 'KeyUrl').valueAsString }),
    });
    expect(resourceOf(stack).properties.DeviceOptions).toEqual({ TenantId: 't', PublicSigningKeyUrl: { Ref: 'KeyUrl' } });
  });

  test('rejects a bad JumpCloud publicSigningKeyUrl and accepts a good one', () => {
    const bad = () => new VerifiedAccessTrustProvider(newStack(), 'JC', {
      policyReferenceName: 'jc', provider: TrustProvider.jumpCloud({ tenantId: 't', publicSigningKeyUrl: 'http://keys.example.com' }),
    });
    expect(bad).toThrow(/Stack\/JC: publicSigningKeyUrl "http:\/\/keys.example.com" must be an absolute URL starting with "https:\/\/"/);
    const good = () => new VerifiedAccessTrustProvider(newStack(), 'JC', {
      policyReferenceName: 'jc', provider: TrustProvider.jumpCloud({ tenantId: 't', publicSigningKeyUrl: 'https://keys.example.com/jwks' }),
    });
    expect(good).not.toThrow();
  });

  test('accepts tokens for every endpoint (e.g. a Cognito user pool URL)', () => {
    const stack = newStack();
    const base = new CfnParameter(stack, 'Issuer').valueAsString;
    newProvider(stack, {
      oidc: {
        issuer: base,
        authorizationEndpoint: `${base}/authorize`,
        tokenEndpoint: `${base}/token`,
        userInfoEndpoint: `${base}/userinfo`,
        nativeApplication: { clientId: 'n', clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: `${base}/keys` },
      },
    });
    expect(resourceOf(stack).properties.OidcOptions.Issuer).toEqual({ Ref: 'Issuer' });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('warns when an endpoint is on another host than the issuer', () => {
    const stack = newStack();
    newProvider(stack, { oidc: { tokenEndpoint: 'https://tokens.example.net/token' } });
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/tokenEndpoint "https:\/\/tokens.example.net\/token" is not on the issuer's host "example.okta.com".*\[ack: cdk-trusted-identity:verifiedAccessEndpointHost\]/)]);
  });

  test('the host comparison ignores case', () => {
    const stack = newStack();
    newProvider(stack, { oidc: { tokenEndpoint: 'https://EXAMPLE.okta.com/oauth2/default/v1/token' } });
    expect(warningsOf(stack)).toEqual([]);
  });
});

describe('client id, tenant id and scope', () => {
  test.each([
    ['clientId', () => TrustProvider.oidc({ ...OKTA, clientId: ' ' })],
    ['tenantId', () => TrustProvider.jamf({ tenantId: '' })],
    ['tenantId', () => TrustProvider.crowdStrike({ tenantId: '' })],
    ['tenantId', () => TrustProvider.jumpCloud({ tenantId: '', publicSigningKeyUrl: 'https://k.example.com' })],
    ['nativeApplication.clientId', () => TrustProvider.oidc({
      ...OKTA, nativeApplication: { clientId: '', clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: NATIVE_KEYS },
    })],
    ['nativeApplication.clientId', () => TrustProvider.oidc({
      ...OKTA, nativeApplication: { clientId: '  ', clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: NATIVE_KEYS },
    })],
  ])('rejects an empty %s', (prop, provider) => {
    expect(() => new VerifiedAccessTrustProvider(newStack(), 'P', { policyReferenceName: 'p', provider: provider() }))
      .toThrow(new RegExp(`Stack/P: ${prop.replace('.', '\\.')} ".*" must not be empty`));
  });

  test.each([
    ['clientId', () => TrustProvider.oidc({ ...OKTA, clientId: 'abc' })],
    ['tenantId', () => TrustProvider.jamf({ tenantId: 'abc' })],
    ['tenantId', () => TrustProvider.crowdStrike({ tenantId: 'abc' })],
    ['tenantId', () => TrustProvider.jumpCloud({ tenantId: 'abc', publicSigningKeyUrl: 'https://k.example.com' })],
    ['nativeApplication.clientId', () => TrustProvider.oidc({
      ...OKTA, nativeApplication: { clientId: 'abc', clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: NATIVE_KEYS },
    })],
  ])('accepts a non-empty %s', (_prop, provider) => {
    expect(() => new VerifiedAccessTrustProvider(newStack(), 'P', { policyReferenceName: 'p', provider: provider() })).not.toThrow();
  });

  test.each([
    ['clientId', (t: string) => TrustProvider.oidc({ ...OKTA, clientId: t })],
    ['jamf tenantId', (t: string) => TrustProvider.jamf({ tenantId: t })],
    ['crowdStrike tenantId', (t: string) => TrustProvider.crowdStrike({ tenantId: t })],
    ['jumpCloud tenantId', (t: string) => TrustProvider.jumpCloud({ tenantId: t, publicSigningKeyUrl: 'https://k.example.com' })],
    ['nativeApplication.clientId', (t: string) => TrustProvider.oidc({
      ...OKTA, nativeApplication: { clientId: t, clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: NATIVE_KEYS },
    })],
  ])('accepts a token %s', (_prop, provider) => {
    const stack = newStack();
    new VerifiedAccessTrustProvider(stack, 'P', { policyReferenceName: 'p', provider: provider(new CfnParameter(stack, 'T').valueAsString) });
    // The token reaches the template as the parameter's Ref.
    expect(JSON.stringify(resourceOf(stack).properties)).toContain('{"Ref":"T"}');
  });

  test.each(['openid', 'openid email profile', 'email  openid'])('scope %p: no warning', scope => {
    const stack = newStack();
    newProvider(stack, { oidc: { scope } });
    expect(warningsOf(stack)).toEqual([]);
  });

  test.each(['email profile', 'openidx', ''])('scope %p without openid: a warning', scope => {
    const stack = newStack();
    newProvider(stack, { oidc: { scope } });
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^scope ".*" does not include "openid".*\[ack: cdk-trusted-identity:verifiedAccessScopeWithoutOpenid\]/)]);
  });

  test('a nativeApplication scope without openid warns under its own name; a token scope does not warn', () => {
    const stack = newStack();
    newProvider(stack, {
      oidc: {
        scope: new CfnParameter(stack, 'Scope').valueAsString,
        nativeApplication: { clientId: 'n', clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: 'https://example.okta.com/k', scope: 'email' },
      },
    });
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^nativeApplication\.scope "email" does not include "openid"/)]);
  });

  test.each([
    ['a token', (stack: Stack) => new CfnParameter(stack, 'NativeScope').valueAsString, { Ref: 'NativeScope' }],
    ['a scope with openid', (_stack: Stack) => 'openid groups', 'openid groups'],
  ])('a nativeApplication scope that is %s: no warning, rendered as given', (_what, scopeOf, rendered) => {
    const stack = newStack();
    newProvider(stack, {
      oidc: { nativeApplication: { clientId: 'n', clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: NATIVE_KEYS, scope: scopeOf(stack) } },
    });
    expect(resourceOf(stack).properties.NativeApplicationOidcOptions.Scope).toEqual(rendered);
    expect(warningsOf(stack)).toEqual([]);
  });
});

describe('description and tags', () => {
  test('description: any string (no limit in the API model or the CloudFormation schema); a token passes', () => {
    expect(cfnConstraint(`${TYPE}:Description`)).toEqual({ type: 'string', required: false, createOnly: false });
    const stack = newStack();
    newProvider(stack, { description: new CfnParameter(stack, 'D').valueAsString });
    expect(resourceOf(stack).properties.Description).toEqual({ Ref: 'D' });
  });

  test('tags from props and Tags.of() are rendered', () => {
    const stack = newStack();
    const p = newProvider(stack, { tags: { team: 'identity' } });
    Tags.of(p).add('cost-center', '1234');
    expect(resourceOf(stack).properties.Tags).toEqual([{ Key: 'cost-center', Value: '1234' }, { Key: 'team', Value: 'identity' }]);
  });

  test.each([
    [{ ['k'.repeat(127)]: 'v' }],
    [{ key: 'v'.repeat(256) }],
    [{ 'ünïcode key': 'välue with any characters: ()[]' }],
    [Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']))],
  ])('accepts tags %#', tags => {
    expect(() => newProvider(newStack(), { tags })).not.toThrow();
  });

  test.each([
    [{ ['k'.repeat(128)]: 'v' }, /tags key "k+…" \(130 characters\) must be at most 127 characters long \(1-127\) \(got 128\)/],
    [{ '': 'v' }, /tags key "" must be at least 1 character long/],
    [{ key: 'v'.repeat(257) }, /tags\["key"\] .* must be at most 256 characters long/],
    [{ 'aws:owner': 'v' }, /tags key "aws:owner" must not start with "aws:"/],
    [Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])), /tags .* must have at most 50 tags \(got 51\)/],
  ])('rejects tags %#', (tags, message) => {
    expect(() => newProvider(newStack(), { tags })).toThrow(message);
  });

  test('rejects more than 50 tags counting Tags.of() at synth', () => {
    const app = new App();
    const stack = newStack(app);
    const p = newProvider(stack, { tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) });
    Tags.of(p).add('one-more', 'v');
    expect(() => app.synth()).toThrow(/Stack\/Okta: tags .* must have at most 50 tags \(got 51\)/);
  });

  test('a tag value token passes', () => {
    const stack = newStack();
    newProvider(stack, { tags: { owner: new CfnParameter(stack, 'Owner').valueAsString } });
    expect(resourceOf(stack).properties.Tags).toEqual([{ Key: 'owner', Value: { Ref: 'Owner' } }]);
  });
});

describe('encryption key', () => {
  const VIA_VERIFIED_ACCESS = { 'kms:ViaService': 'verified-access.us-east-1.amazonaws.com', 'kms:CallerAccount': '123456789012' };

  /** The statements of the key's policy that mention Verified Access. */
  function verifiedAccessStatements(stack: Stack): any[] {
    const policy = Object.values<any>(Template.fromStack(stack).findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy;
    return policy.Statement.filter((st: any) => st.Condition?.StringEquals?.['kms:ViaService']);
  }

  test('renders SseSpecification with the key ARN and lets principals of the account use the key only through Verified Access', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    newProvider(stack, { encryptionKey: key });
    const keyId = stack.getLogicalId(key.node.defaultChild as kms.CfnKey);
    expect(resourceOf(stack).properties.SseSpecification).toEqual({
      CustomerManagedKeyEnabled: true,
      KmsKeyArn: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    expect(verifiedAccessStatements(stack)).toEqual([
      {
        Action: ['kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Decrypt'],
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Resource: '*',
        Condition: { StringEquals: VIA_VERIFIED_ACCESS },
      },
      {
        Action: 'kms:CreateGrant',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Resource: '*',
        Condition: { StringEquals: VIA_VERIFIED_ACCESS, Bool: { 'kms:GrantIsForAWSResource': true } },
      },
    ]);
  });

  test('kms:CreateGrant is allowed only with kms:GrantIsForAWSResource; no other statement of the key allows it to "*"', () => {
    const stack = newStack();
    newProvider(stack, { encryptionKey: new kms.Key(stack, 'Key') });
    const policy = Object.values<any>(Template.fromStack(stack).findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy;
    const grantsToAnyone = policy.Statement.filter((st: any) => st.Principal?.AWS === '*' && [st.Action].flat().some((a: string) => a === 'kms:CreateGrant' || a === 'kms:*'));
    expect(grantsToAnyone).toHaveLength(1);
    expect(grantsToAnyone[0].Condition.Bool).toEqual({ 'kms:GrantIsForAWSResource': true });
    expect(grantsToAnyone[0].Condition.StringEquals).toEqual(VIA_VERIFIED_ACCESS);
  });

  test('the region and account in the conditions are the stack\'s', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '210987654321', region: 'eu-west-1' } });
    newProvider(stack, { encryptionKey: new kms.Key(stack, 'Key') });
    for (const st of verifiedAccessStatements(stack)) {
      expect(st.Condition.StringEquals).toEqual({ 'kms:ViaService': 'verified-access.eu-west-1.amazonaws.com', 'kms:CallerAccount': '210987654321' });
    }
  });

  test('two providers on one key add the two statements once', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    newProvider(stack, { encryptionKey: key }, 'A');
    newProvider(stack, { encryptionKey: key }, 'B');
    expect(verifiedAccessStatements(stack)).toHaveLength(2);
  });

  test('an imported key is used, and synth warns that its policy must be edited by hand', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    newProvider(stack, { encryptionKey: key });
    expect(resourceOf(stack).properties.SseSpecification.KmsKeyArn).toBe('arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/encryptionKey is imported.*kms:CreateGrant with kms:GrantIsForAWSResource "true".*\[ack: cdk-trusted-identity:verifiedAccessImportedKey\]/)]);
  });

  test('without a key: no SseSpecification (an AWS owned key)', () => {
    const stack = newStack();
    newProvider(stack);
    expect(resourceOf(stack).properties.SseSpecification).toBeUndefined();
  });
});

describe('updates and replacement', () => {
  /**
   * The provider properties that differ between two synths of the same construct tree (a provider attached to a
   * Verified Access instance). The logical ids and the instance's properties must not change.
   */
  function changed(a: Partial<VerifiedAccessTrustProviderProps> & { oidc?: Partial<OidcTrustProviderOptions> }, b: typeof a): string[] {
    const [[ra, ia], [rb, ib]] = [a, b].map(p => {
      const stack = newStack();
      const provider = newProvider(stack, p);
      new ec2.CfnVerifiedAccessInstance(stack, 'Instance', { verifiedAccessTrustProviderIds: [provider.verifiedAccessTrustProviderId] });
      return [resourceOf(stack), Template.fromStack(stack).findResources('AWS::EC2::VerifiedAccessInstance')] as const;
    });
    expect(rb.logicalId).toBe(ra.logicalId);
    expect(ib).toEqual(ia);
    const keys = new Set([...Object.keys(ra.properties), ...Object.keys(rb.properties)]);
    return [...keys].filter(k => JSON.stringify(ra.properties[k]) !== JSON.stringify(rb.properties[k])).sort();
  }
  const createOnly = (prop: string) => CFN_CONSTRAINTS[`${TYPE}:${prop}`]?.createOnly;

  test.each([
    ['the OIDC scope', { oidc: { scope: 'openid' } }, { oidc: { scope: 'openid email' } }, ['OidcOptions']],
    ['the secret\'s reference', {}, { oidc: { clientSecret: SecretValue.secretsManager(`${SECRET_ARN}-rotated`) } }, ['OidcOptions']],
    ['the client id', {}, { oidc: { clientId: 'new-client' } }, ['OidcOptions']],
    ['the description', {}, { description: 'now described' }, ['Description']],
    ['native application options', {}, {
      oidc: { nativeApplication: { clientId: 'n', clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: 'https://example.okta.com/k' } },
    }, ['NativeApplicationOidcOptions']],
  ])('changing %s changes only updatable properties: the provider is updated in place and the instance that uses it is untouched', (_what, a, b, expected) => {
    const diff = changed(a, b);
    expect(diff).toEqual(expected);
    for (const prop of diff) expect(createOnly(prop)).toBe(false);
  });

  test('changing the policy reference name changes a create-only property (replacement), as documented', () => {
    // The instance refers to the provider by Fn::GetAtt, so its template does not change either: CloudFormation
    // updates it with the new id when the provider is replaced.
    const diff = changed({}, { policyReferenceName: 'okta2' });
    expect(diff).toEqual(['PolicyReferenceName']);
    expect(createOnly('PolicyReferenceName')).toBe(true);
  });

  test('create-only properties are the types, PolicyReferenceName and DeviceOptions', () => {
    const createOnlyProps = Object.entries(CFN_CONSTRAINTS)
      .filter(([k, c]) => k.startsWith(`${TYPE}:`) && !k.slice(TYPE.length + 1).includes('.') && !k.endsWith('[]') && c.createOnly)
      .map(([k]) => k.slice(TYPE.length + 1))
      .sort();
    expect(createOnlyProps).toEqual(['DeviceOptions', 'DeviceTrustProviderType', 'PolicyReferenceName', 'TrustProviderType', 'UserTrustProviderType']);
  });
});

describe('model conformance', () => {
  const NATIVE = { clientId: 'n', clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: 'https://example.okta.com/k' };
  const cases: Array<[string, TrustProvider]> = [
    ['iamIdentityCenter', TrustProvider.iamIdentityCenter()],
    ['oidc', TrustProvider.oidc(OKTA)],
    ['oidc + nativeApplication', TrustProvider.oidc({ ...OKTA, nativeApplication: NATIVE })],
    ['jamf', TrustProvider.jamf({ tenantId: 't' })],
    ['crowdStrike', TrustProvider.crowdStrike({ tenantId: 't' })],
    ['jumpCloud', TrustProvider.jumpCloud({ tenantId: 't', publicSigningKeyUrl: 'https://k.example.com' })],
  ];
  const create = API_CONSTRAINTS['ec2:CreateVerifiedAccessTrustProvider'];

  test.each(cases)('%s renders properties the CloudFormation schema and the EC2 API model accept', (_name, provider) => {
    const stack = newStack();
    new VerifiedAccessTrustProvider(stack, 'P', { policyReferenceName: 'p', provider, description: 'd', encryptionKey: new kms.Key(stack, 'K') });
    const props = resourceOf(stack).properties;

    for (const [prop, value] of Object.entries<any>(props)) {
      const c = CFN_CONSTRAINTS[`${TYPE}:${prop}`];
      expect(c).toBeDefined();
      if (c.enum) expect(c.enum).toContain(value);
      // Object members: known to the schema, and to the API's create call (same member names).
      if (c.members && typeof value === 'object') {
        for (const member of Object.keys(value)) {
          expect(c.members).toContain(member);
          if (prop !== 'Tags') expect(create[`${prop}.${member}`]).toBeDefined();
        }
      }
      if (create[prop]?.enum) expect(create[prop].enum).toContain(value);
    }
    for (const required of ['PolicyReferenceName', 'TrustProviderType']) {
      expect(CFN_CONSTRAINTS[`${TYPE}:${required}`].required).toBe(true);
      expect(props[required]).toBeDefined();
    }
    // The API's docNotes: "required when the provider type is user/device" (UserTrustProviderType,
    // DeviceTrustProviderType, DeviceOptions), and never both kinds at once.
    if (props.TrustProviderType === 'user') {
      expect(props.UserTrustProviderType).toBeDefined();
      expect(props.DeviceTrustProviderType).toBeUndefined();
      expect(props.DeviceOptions).toBeUndefined();
      if (props.UserTrustProviderType === 'oidc') expect(props.OidcOptions).toBeDefined();
      else expect(props.OidcOptions).toBeUndefined();
      if (props.NativeApplicationOidcOptions) expect(props.UserTrustProviderType).toBe('oidc');
    } else {
      expect(props.DeviceTrustProviderType).toBeDefined();
      expect(props.DeviceOptions).toBeDefined();
      expect(props.UserTrustProviderType).toBeUndefined();
      expect(props.OidcOptions).toBeUndefined();
      expect(props.NativeApplicationOidcOptions).toBeUndefined();
    }
    expect(props.SseSpecification).toEqual({ CustomerManagedKeyEnabled: true, KmsKeyArn: expect.anything() });
  });

  test('every updatable OIDC member can be sent by ModifyVerifiedAccessTrustProvider too', () => {
    const modify = API_CONSTRAINTS['ec2:ModifyVerifiedAccessTrustProvider'];
    for (const block of ['OidcOptions', 'NativeApplicationOidcOptions', 'SseSpecification']) {
      for (const member of CFN_CONSTRAINTS[`${TYPE}:${block}`].members ?? []) {
        expect(modify[`${block}.${member}`]).toBeDefined();
      }
    }
    // TenantId cannot be modified: DeviceOptions replaces.
    expect(modify['DeviceOptions.TenantId']).toBeUndefined();
  });
});
