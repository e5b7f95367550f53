import { App, CfnParameter, CfnResource, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import {
  AccessScope, ApplicationGrant, ApplicationStatus, ApplicationVisibility, IdentityCenterApplication, IdentityCenterApplicationProps,
  ITrustedTokenIssuer, OAuthGrantType, SignInOrigin, TrustedTokenIssuer, TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation,
} from '../../src';
import { calls, conformance, parseCall, plan, SAMPLE_APPLICATION_ARN, SAMPLE_ISSUER_ARN } from '../sdk-calls';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const INSTANCE_2 = 'arn:aws:sso:::instance/ssoins-fedcba0987654321';
const CR = 'Custom::IdentityCenterApplication';
const GRANT = 'Custom::IdentityCenterApplicationGrant';
const SCOPE = 'Custom::IdentityCenterApplicationAccessScope';
const AUTHN = 'Custom::IdentityCenterApplicationAuthenticationMethod';
const ASSIGNMENT_CONFIG = 'Custom::IdentityCenterApplicationAssignmentConfiguration';
const SESSION_CONFIG = 'Custom::IdentityCenterApplicationSessionConfiguration';
const USER_ID = '906745f8b1-0a1b2c3d-1234-5678-9abc-def012345678';
const GROUP_ID = '0a1b2c3d-1234-5678-9abc-def012345678';

function newStack(app = new App(), id = 'Stack'): Stack {
  return new Stack(app, id, { env: { account: '123456789012', region: 'us-east-1' } });
}

function newApp(stack: Stack, props: Partial<IdentityCenterApplicationProps> = {}, id = 'App'): IdentityCenterApplication {
  return new IdentityCenterApplication(stack, id, { instanceArn: INSTANCE, assignmentRequired: false, ...props });
}

function newIssuer(
  stack: Stack, url = 'https://example.okta.com/oauth2/default', id = 'Okta', instanceArn = INSTANCE,
  implementation = TrustedTokenIssuerImplementation.CLOUDFORMATION,
): TrustedTokenIssuer {
  return new TrustedTokenIssuer(stack, id, {
    implementation,
    instanceArn,
    configuration: TrustedTokenIssuerConfiguration.oidcJwt({ issuerUrl: url, claimAttributePath: 'email', identityStoreAttributePath: 'emails.value' }),
  });
}

function templateOf(stack: Stack): any {
  return Template.fromStack(stack).toJSON();
}

function only(template: any, type: string) {
  const all = calls(template, type).filter(c => c.type === type);
  expect(all).toHaveLength(1);
  return all[0];
}

function logicalIdOf(c: IConstruct): string {
  const cfn = (c.node.defaultChild ?? c) as CfnResource;
  return Stack.of(c).getLogicalId(cfn);
}

function jwt(issuer: ITrustedTokenIssuer, audiences = ['client-1']): ApplicationGrant {
  return ApplicationGrant.jwtBearer({ authorizedTokenIssuers: [{ trustedTokenIssuer: issuer, authorizedAudiences: audiences }] });
}

// ---------------------------------------------------------------------------------------------------------------------

describe('the application', () => {
  test('is a native AWS::SSO::Application of the customer managed OAuth provider, with a generated name', () => {
    const stack = newStack();
    newApp(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::SSO::Application', {
      InstanceArn: INSTANCE,
      ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
      Name: Match.stringLikeRegexp('^Stack-App-[0-9A-F]{8}-[0-9a-f]{8}$'),
    });
  });

  test('all props', () => {
    const stack = newStack();
    newApp(stack, {
      applicationName: 'data-portal',
      applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
      description: 'The data portal',
      status: ApplicationStatus.DISABLED,
      portalOptions: { visibility: ApplicationVisibility.ENABLED, signInOrigin: SignInOrigin.APPLICATION, applicationUrl: 'https://portal.example.com' },
      tags: { team: 'data' },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SSO::Application', {
      Name: 'data-portal',
      Description: 'The data portal',
      Status: 'DISABLED',
      PortalOptions: { Visibility: 'ENABLED', SignInOptions: { Origin: 'APPLICATION', ApplicationUrl: 'https://portal.example.com' } },
      Tags: [{ Key: 'team', Value: 'data' }],
    });
  });

  test('the provider ARN default follows the instance partition', () => {
    const stack = newStack();
    newApp(stack, { instanceArn: 'arn:aws-us-gov:sso:::instance/ssoins-1234567890abcdef' });
    Template.fromStack(stack).hasResourceProperties('AWS::SSO::Application', { ApplicationProviderArn: 'arn:aws-us-gov:sso::aws:applicationProvider/custom' });
  });

  test('Tags.of() tags the application natively', () => {
    const stack = newStack();
    const app = newApp(stack);
    Tags.of(app).add('env', 'prod');
    Template.fromStack(stack).hasResourceProperties('AWS::SSO::Application', { Tags: [{ Key: 'env', Value: 'prod' }] });
  });

  test('rejects a Tags.of() tag the AWS::SSO::Application schema does not allow (checked after the aspects ran)', () => {
    const stack = newStack();
    Tags.of(newApp(stack)).add('team', 'two words');
    expect(() => Template.fromStack(stack)).toThrow(/Stack\/App: tags\["team"\] "two words" must be letters, digits and _ \+ = \. @ - \(keys 1-128, values 1-256 characters\)/);
  });

  test('accepts Tags.of() tags the schema allows, and a token value', () => {
    const stack = newStack();
    const app = newApp(stack);
    Tags.of(app).add('team', 'data');
    Tags.of(app).add('env', new CfnParameter(stack, 'Env').valueAsString);
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('warns when assignment is required and nobody is assigned in the app (every token exchange is denied)', () => {
    const stack = newStack();
    newApp(stack, { assignmentRequired: true });
    Annotations.fromStack(stack).hasWarning('/Stack/App', Match.stringLikeRegexp('assignmentRequired is true and no user or group is assigned.*cdk-trusted-identity:assignmentRequiredWithoutAssignees'));
  });

  test.each<[string, Partial<IdentityCenterApplicationProps>, ((app: IdentityCenterApplication) => void) | undefined]>([
    ['assignment not required', { assignmentRequired: false }, undefined],
    ['a user assigned', { assignmentRequired: true }, (app) => app.assignUser(USER_ID)],
    ['a group assigned', { assignmentRequired: true }, (app) => app.assignGroup(GROUP_ID)],
  ])('does not warn about assignees with %s', (_, props, assign) => {
    const stack = newStack();
    const app = newApp(stack, props);
    assign?.(app);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('assignmentRequiredWithoutAssignees'));
  });

  test('applicationArn is the ApplicationArn attribute; instanceArn and name as given', () => {
    const stack = newStack();
    const app = newApp(stack, { applicationName: 'x' });
    expect(stack.resolve(app.applicationArn)).toEqual({ 'Fn::GetAtt': [logicalIdOf(app), 'ApplicationArn'] });
    expect(app.instanceArn).toBe(INSTANCE);
    expect(app.applicationName).toBe('x');
  });

  test('the generated name is stable, unique per construct and changes with the create-only values', () => {
    const name = (props: Partial<IdentityCenterApplicationProps>, id = 'App') => newApp(newStack(), props, id).applicationName;
    expect(name({})).toBe(name({}));
    expect(name({}, 'Other')).not.toBe(name({}));
    expect(name({ instanceArn: INSTANCE_2 })).not.toBe(name({}));
  });

  test.each([RemovalPolicy.DESTROY, RemovalPolicy.RETAIN])('removalPolicy %s applies to the application', (removalPolicy) => {
    const stack = newStack();
    newApp(stack, { removalPolicy });
    const policy = removalPolicy === RemovalPolicy.RETAIN ? 'Retain' : 'Delete';
    Template.fromStack(stack).hasResource('AWS::SSO::Application', { DeletionPolicy: policy, UpdateReplacePolicy: policy });
  });

  test('rejects removalPolicy SNAPSHOT', () => {
    expect(() => newApp(newStack(), { removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/Stack\/App: removalPolicy "SNAPSHOT" must be DESTROY or RETAIN/);
  });
});

describe('application validation', () => {
  const cases: Array<[keyof IdentityCenterApplicationProps, any[], any[]]> = [
    ['instanceArn', [INSTANCE, 'arn:aws-cn:sso:::instance/ins-1234567890abcdef'], ['arn:aws:sso:::instance/ssoins-123', 'arn:aws:sso::123456789012:instance/ssoins-1234567890abcdef']],
    ['applicationName', ['portal', 'a_b+c=d,e.f@g-h', 'x'.repeat(100)], ['my portal', 'x'.repeat(101), 'x'.repeat(256), 'a/b']],
    ['applicationProviderArn', ['arn:aws:sso::aws:applicationProvider/custom'], ['arn:aws:sso::123456789012:applicationProvider/custom', 'custom']],
    ['description', ['d', 'x'.repeat(128)], ['', 'x'.repeat(129)]],
    ['status', [ApplicationStatus.ENABLED, ApplicationStatus.DISABLED], ['PAUSED']],
    ['tags', [{ 'team': 'data', 'a.b': 'c@d' }], [{ 'aws:x': 'y' }, { team: 'two words' }, { 'a/b': 'c' }, Object.fromEntries(Array.from({ length: 76 }, (_, i) => [`k${i}`, 'v']))]],
  ];
  describe.each(cases)('%s', (prop, good, bad) => {
    test.each(good)('accepts %j', (value) => {
      expect(() => newApp(newStack(), { [prop]: value })).not.toThrow();
    });
    test.each(bad)('rejects %j', (value) => {
      expect(() => newApp(newStack(), { [prop]: value })).toThrow(new RegExp(`^Stack/App: ${prop === 'tags' ? 'tags' : prop}`));
    });
    test('accepts a token', () => {
      const stack = newStack();
      const token = new CfnParameter(stack, 'P').valueAsString;
      expect(() => newApp(stack, { [prop]: prop === 'tags' ? { team: token } : token })).not.toThrow();
    });
  });

  describe('where CloudFormation and the API disagree, the stricter limit holds', () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    test.each<[string, Partial<IdentityCenterApplicationProps>, Partial<IdentityCenterApplicationProps>, RegExp]>([
      ['applicationName (CreateApplication: 100, CloudFormation: 255)', { applicationName: 'n'.repeat(100) }, { applicationName: 'n'.repeat(101) },
        /^Stack\/App: applicationName "n+.*" must be at most 100 characters long \(1-100\) \(got 101\); the stricter limit, set by sso-admin:CreateApplication and sso-admin:UpdateApplication \(AWS::SSO::Application allows 255\)$/],
      ['applicationName (CloudFormation\'s pattern: no spaces, though the API allows any)', { applicationName: 'a.b' }, { applicationName: 'a b' },
        /^Stack\/App: applicationName "a b" must be 1-100 letters, digits and _ \+ = , . @ - \(the pattern of AWS::SSO::Application\)$/],
      ['applicationName (empty: the API needs 1, CloudFormation allows 0)', { applicationName: 'a' }, { applicationName: '' },
        /^Stack\/App: applicationName "" must be at least 1 character long \(1-100\) \(got 0\); the stricter limit, set by sso-admin:CreateApplication and sso-admin:UpdateApplication \(AWS::SSO::Application allows 0\)$/],
      ['description (128 on both sides)', { description: 'd'.repeat(128) }, { description: 'd'.repeat(129) },
        /^Stack\/App: description "d+.*" \(131 characters\) must be at most 128 characters long \(1-128\) \(got 129\)$/],
      ['tags: count (75 on every side)', { tags: tags(75) }, { tags: tags(76) }, /^Stack\/App: tags .* must have at most 75 tags \(got 76\)/],
      ['tags: key length (128)', { tags: { ['k'.repeat(128)]: 'v' } }, { tags: { ['k'.repeat(129)]: 'v' } }, /^Stack\/App: tags key "k+.*" \(131 characters\) must be at most 128 characters long \(1-128\) \(got 129\)/],
      ['tags: value length (256)', { tags: { team: 'v'.repeat(256) } }, { tags: { team: 'v'.repeat(257) } }, /^Stack\/App: tags\["team"\] "v+.*" \(259 characters\) must be at most 256 characters long \(0-256\) \(got 257\)/],
      ['tags: CloudFormation\'s pattern (no ":"), though the API allows it', { tags: { 'a.b': 'c' } }, { tags: { 'a:b': 'c' } }, /^Stack\/App: tags key "a:b" must be letters, digits and _ \+ = \. @ - \(keys 1-128, values 1-256 characters\), the rule for tags of AWS::SSO::Application/],
      ['tags: the API\'s pattern (no ","), though CloudFormation allows it', { tags: { 'a.b': 'c' } }, { tags: { 'a,b': 'c' } }, /^Stack\/App: tags key "a,b" must be letters, digits and _ \+ = \. @ - \(keys 1-128, values 1-256 characters\), the rule for tags of AWS::SSO::Application/],
      ['tags: a value with "," (the API\'s pattern)', { tags: { team: 'a.b' } }, { tags: { team: 'a,b' } }, /^Stack\/App: tags\["team"\] "a,b" must be letters, digits and _ \+ = \. @ - \(keys 1-128/],
      ['tags: the API\'s pattern and CloudFormation\'s both hold (an empty value fails CloudFormation\'s "+")', { tags: { team: 'x' } }, { tags: { team: '' } }, /^Stack\/App: tags\["team"\] "" must be letters/],
    ])('%s', (_, ok, bad, message) => {
      expect(() => newApp(newStack(), ok)).not.toThrow();
      expect(() => newApp(newStack(), bad)).toThrow(message);
    });

    test.each(['applicationName', 'description'])('%s: a token passes', (prop) => {
      const stack = newStack();
      expect(() => newApp(stack, { [prop]: new CfnParameter(stack, 'P').valueAsString })).not.toThrow();
    });

    test('the generated name stays within the stricter 100 characters', () => {
      const stack = newStack(new App(), 'S'.repeat(120));
      const app = newApp(stack, {}, 'A'.repeat(120));
      expect(app.applicationName.length).toBeLessThanOrEqual(100);
      expect(app.applicationName).toMatch(/^[\w+=,.@-]+$/);
    });
  });

  describe('portalOptions', () => {
    test.each([
      { visibility: ApplicationVisibility.DISABLED },
      { signInOrigin: SignInOrigin.IDENTITY_CENTER },
      { signInOrigin: SignInOrigin.APPLICATION, applicationUrl: 'https://portal.example.com/start?x=1' },
    ])('accepts %j', (portalOptions) => {
      expect(() => newApp(newStack(), { portalOptions })).not.toThrow();
    });
    test.each<[any, RegExp]>([
      [{ signInOrigin: SignInOrigin.APPLICATION }, /applicationUrl undefined is required when signInOrigin is APPLICATION/],
      [{ applicationUrl: 'https://portal.example.com' }, /applicationUrl "https:\/\/portal.example.com" needs signInOrigin/],
      [{ signInOrigin: SignInOrigin.APPLICATION, applicationUrl: 'ftp://portal.example.com' }, /portalOptions.applicationUrl "ftp:/],
      [{ visibility: 'HIDDEN' }, /portalOptions.visibility "HIDDEN" must be one of "ENABLED", "DISABLED"/],
    ])('rejects %j', (portalOptions, message) => {
      expect(() => newApp(newStack(), { portalOptions })).toThrow(message);
    });
    test('accepts a token URL', () => {
      const stack = newStack();
      const applicationUrl = new CfnParameter(stack, 'Url').valueAsString;
      expect(() => newApp(stack, { portalOptions: { signInOrigin: SignInOrigin.APPLICATION, applicationUrl } })).not.toThrow();
    });
  });

  test.each([undefined, 'yes'])('rejects assignmentRequired %j (JavaScript callers can leave it out)', (assignmentRequired) => {
    expect(() => new IdentityCenterApplication(newStack(), 'App', { instanceArn: INSTANCE, assignmentRequired: assignmentRequired as any }))
      .toThrow(/Stack\/App: assignmentRequired .* must be true or false: Identity Center creates applications with assignment required/);
  });

  test('rejects a token assignmentRequired (it would reach the API as a string, not a boolean)', () => {
    const stack = newStack();
    const token = new CfnParameter(stack, 'Required', { type: 'String' }).valueAsString as any;
    expect(() => newApp(stack, { assignmentRequired: token })).toThrow(/Stack\/App: assignmentRequired ".*" must be true or false/);
  });
});

describe('assignment and session configuration', () => {
  test.each([true, false])('assignmentRequired %s: PutApplicationAssignmentConfiguration on create and update, no delete call', (assignmentRequired) => {
    const stack = newStack();
    newApp(stack, { assignmentRequired });
    const c = only(templateOf(stack), ASSIGNMENT_CONFIG);
    const put = { service: 'SSOAdmin', action: 'PutApplicationAssignmentConfiguration', parameters: { ApplicationArn: SAMPLE_APPLICATION_ARN, AssignmentRequired: assignmentRequired } };
    expect(c.create).toMatchObject(put);
    expect(c.update).toMatchObject(put);
    expect(c.delete).toBeUndefined();
  });

  test.each([[true, 'ENABLED'], [false, 'DISABLED']])('userBackgroundSessions %s: PutApplicationSessionConfiguration %s; delete returns to DISABLED', (userBackgroundSessions, status) => {
    const stack = newStack();
    newApp(stack, { userBackgroundSessions });
    const c = only(templateOf(stack), SESSION_CONFIG);
    expect(c.create.parameters).toEqual({ ApplicationArn: SAMPLE_APPLICATION_ARN, UserBackgroundSessionApplicationStatus: status });
    expect(c.update.parameters).toEqual(c.create.parameters);
    expect(c.delete).toMatchObject({
      action: 'PutApplicationSessionConfiguration',
      parameters: { ApplicationArn: SAMPLE_APPLICATION_ARN, UserBackgroundSessionApplicationStatus: 'DISABLED' },
      ignoreErrorCodesMatching: 'ResourceNotFoundException',
    });
  });

  test('userBackgroundSessions left out: no session configuration resource', () => {
    const stack = newStack();
    newApp(stack);
    expect(calls(templateOf(stack), SESSION_CONFIG)).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

describe('grants', () => {
  test('jwtBearer: PutApplicationGrant with the issuer ARN and audiences; delete is DeleteApplicationGrant of that type', () => {
    const stack = newStack();
    const issuer = newIssuer(stack);
    newApp(stack).addGrant(jwt(issuer, ['client-1', 'client-2']));
    const c = only(templateOf(stack), GRANT);
    expect(c.create).toMatchObject({
      service: 'SSOAdmin',
      action: 'PutApplicationGrant',
      parameters: {
        ApplicationArn: SAMPLE_APPLICATION_ARN,
        GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: SAMPLE_ISSUER_ARN, AuthorizedAudiences: ['client-1', 'client-2'] }] } },
      },
      physicalResourceId: { id: `${SAMPLE_APPLICATION_ARN}|grant urn:ietf:params:oauth:grant-type:jwt-bearer` },
      logApiResponseData: false,
    });
    expect(c.update).toEqual(c.create);
    expect(c.delete).toEqual({
      service: 'SSOAdmin',
      action: 'DeleteApplicationGrant',
      parameters: { ApplicationArn: SAMPLE_APPLICATION_ARN, GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer' },
      ignoreErrorCodesMatching: 'ResourceNotFoundException',
      logApiResponseData: false,
    });
    expect(c.resource.Properties.InstallLatestAwsSdk).toBe(false);
  });

  test.each<[string, ApplicationGrant, any]>([
    ['authorizationCode', ApplicationGrant.authorizationCode({ redirectUris: ['https://app.example.com/cb'] }), { AuthorizationCode: { RedirectUris: ['https://app.example.com/cb'] } }],
    ['refreshToken', ApplicationGrant.refreshToken(), { RefreshToken: {} }],
    ['tokenExchange', ApplicationGrant.tokenExchange(), { TokenExchange: {} }],
  ])('%s renders exactly its union member', (_, grant, body) => {
    const stack = newStack();
    newApp(stack).addGrant(grant);
    const c = only(templateOf(stack), GRANT);
    expect(c.create.parameters.GrantType).toBe(grant.grantType);
    expect(c.create.parameters.Grant).toEqual(body);
  });

  test('grant types are the typed constants', () => {
    expect(ApplicationGrant.jwtBearer({ authorizedTokenIssuers: [] }).grantType).toBe(OAuthGrantType.JWT_BEARER);
    expect(ApplicationGrant.authorizationCode({ redirectUris: [] }).grantType).toBe(OAuthGrantType.AUTHORIZATION_CODE);
    expect(ApplicationGrant.refreshToken().grantType).toBe(OAuthGrantType.REFRESH_TOKEN);
    expect(ApplicationGrant.tokenExchange().grantType).toBe(OAuthGrantType.TOKEN_EXCHANGE);
  });

  test('rejects the same grant type twice', () => {
    const stack = newStack();
    const app = newApp(stack);
    app.addGrant(ApplicationGrant.refreshToken());
    expect(() => app.addGrant(ApplicationGrant.refreshToken())).toThrow(/Stack\/App: grantType "refresh_token" is already granted: an application has one grant per grant type/);
  });

  test('rejects a grant whose body does not match its grant type', () => {
    class Mismatched extends ApplicationGrant {
      public readonly grantType = OAuthGrantType.REFRESH_TOKEN;
      public _render() {
        return { grantType: this.grantType, grant: { TokenExchange: {} }, issuers: [] };
      }
    }
    expect(() => newApp(newStack()).addGrant(new Mismatched())).toThrow(/Stack\/App: grant \["TokenExchange"\] must be exactly the "RefreshToken" body for grant type refresh_token/);
  });

  describe('jwtBearer validation', () => {
    test.each([1, 10])('accepts %d issuers', (n) => {
      const stack = newStack();
      const issuers = Array.from({ length: n }, (_, i) => ({ trustedTokenIssuer: newIssuer(stack, `https://i${i}.example.com`, `I${i}`), authorizedAudiences: ['a'] }));
      expect(() => newApp(stack).addGrant(ApplicationGrant.jwtBearer({ authorizedTokenIssuers: issuers }))).not.toThrow();
    });
    test.each([0, 11])('rejects %d issuers', (n) => {
      const stack = newStack();
      const issuers = Array.from({ length: n }, (_, i) => ({ trustedTokenIssuer: newIssuer(stack, `https://i${i}.example.com`, `I${i}`), authorizedAudiences: ['a'] }));
      expect(() => newApp(stack).addGrant(ApplicationGrant.jwtBearer({ authorizedTokenIssuers: issuers })))
        .toThrow(/Stack\/App: authorizedTokenIssuers .* must have 1-10 issuers/);
    });
    test.each([[['a']], [Array.from({ length: 10 }, (_, i) => `client-${i}`)], [['x'.repeat(512)]]])('accepts audiences %j', (audiences) => {
      const stack = newStack();
      expect(() => newApp(stack).addGrant(jwt(newIssuer(stack), audiences))).not.toThrow();
    });
    test.each<[string[], RegExp]>([
      [[], /authorizedTokenIssuers\[0\].authorizedAudiences \[\] must have at least 1 audience/],
      [Array.from({ length: 11 }, (_, i) => `c${i}`), /authorizedAudiences .* must have at most 10 items/],
      [[''], /authorizedAudiences\[0\] "" must be at least 1 character long/],
      [['x'.repeat(513)], /must be at most 512 characters long/],
      [['a', 'a'], /authorizedAudiences\[1\] "a" is a duplicate/],
    ])('rejects audiences %j', (audiences, message) => {
      const stack = newStack();
      expect(() => newApp(stack).addGrant(jwt(newIssuer(stack), audiences))).toThrow(message);
    });
    test('accepts token audiences', () => {
      const stack = newStack();
      const clientId = new CfnParameter(stack, 'ClientId').valueAsString;
      expect(() => newApp(stack).addGrant(jwt(newIssuer(stack), [clientId]))).not.toThrow();
    });
    test('rejects the same issuer twice', () => {
      const stack = newStack();
      const issuer = newIssuer(stack);
      expect(() => newApp(stack).addGrant(ApplicationGrant.jwtBearer({
        authorizedTokenIssuers: [{ trustedTokenIssuer: issuer, authorizedAudiences: ['a'] }, { trustedTokenIssuer: issuer, authorizedAudiences: ['b'] }],
      }))).toThrow(/authorizedTokenIssuers\[1\].trustedTokenIssuer "Stack\/Okta" is listed twice/);
    });
    test('rejects an issuer of another Identity Center instance', () => {
      const stack = newStack();
      const issuer = newIssuer(stack, undefined, 'Other', INSTANCE_2);
      expect(() => newApp(stack).addGrant(jwt(issuer))).toThrow(/Stack\/App: trustedTokenIssuer ".*ssoins-fedcba0987654321" must belong to the application's Identity Center instance/);
    });
    test.each([SAMPLE_ISSUER_ARN])('accepts the imported issuer ARN %s', (arn) => {
      const stack = newStack();
      expect(() => newApp(stack).addGrant(jwt(TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'Imported', arn)))).not.toThrow();
    });
    test('rejects an imported issuer ARN the model does not accept (at the import, before any grant)', () => {
      const stack = newStack();
      expect(() => TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'Imported', 'arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1234567890abcdef/tti-1'))
        .toThrow(/^TrustedTokenIssuer.fromTrustedTokenIssuerArn: trustedTokenIssuerArn ".*tti-1" must be a trusted token issuer ARN/);
    });
    test('rejects an issuer whose ARN the model does not accept at the grant (an ITrustedTokenIssuer made by hand)', () => {
      const stack = newStack();
      const real = newIssuer(stack);
      // Own properties over the real issuer (its trustedTokenIssuerArn is a getter on the prototype).
      const issuer: ITrustedTokenIssuer = Object.create(real, {
        trustedTokenIssuerArn: { value: 'arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1234567890abcdef/tti-1' },
        instanceArn: { value: INSTANCE },
      });
      expect(() => newApp(stack).addGrant(jwt(issuer))).toThrow(/authorizedTokenIssuers\[0\].trustedTokenIssuer ".*tti-1" must be a trusted token issuer ARN/);
    });
  });

  describe('authorizationCode validation', () => {
    test.each([
      'https://app.example.com:8443/cb?x=1',
      'http://localhost:8080/callback',
    ])('accepts %s', (uri) => {
      expect(() => newApp(newStack()).addGrant(ApplicationGrant.authorizationCode({ redirectUris: [uri] }))).not.toThrow();
    });
    test.each<[string[], RegExp]>([
      [[], /redirectUris \[\] must have at least 1 URI/],
      // The URL rules themselves are tested once, in test/private/urls.test.ts (OAUTH_REDIRECT_URI); this checks the wiring.
      [['https://app.example.com/cb', 'http://app.example.com/cb'],
        /redirectUris\[1\] "http:\/\/app.example.com\/cb" must be an absolute URL starting with "https:\/\/" \("http:\/\/" only for a loopback host/],
      [Array.from({ length: 11 }, (_, i) => `https://a${i}.example.com`), /must have at most 10 items/],
      [['https://a.example.com', 'https://a.example.com'], /redirectUris\[1\] .* is a duplicate/],
    ])('rejects %j', (redirectUris, message) => {
      expect(() => newApp(newStack()).addGrant(ApplicationGrant.authorizationCode({ redirectUris }))).toThrow(message);
    });
    test('accepts a token URI', () => {
      const stack = newStack();
      const uri = new CfnParameter(stack, 'Uri').valueAsString;
      expect(() => newApp(stack).addGrant(ApplicationGrant.authorizationCode({ redirectUris: [uri] }))).not.toThrow();
    });
    test('accepts a list token (a CommaDelimitedList parameter): its one encoded element is not a URI to check', () => {
      const stack = newStack();
      const uris = new CfnParameter(stack, 'Uris', { type: 'CommaDelimitedList' }).valueAsList;
      newApp(stack).addGrant(ApplicationGrant.authorizationCode({ redirectUris: uris }));
      expect(JSON.stringify(templateOf(stack))).toContain('{"Ref":"Uris"}');
    });
  });

  describe('ordering with the trusted token issuer', () => {
    test.each<[string, (stack: Stack) => ITrustedTokenIssuer]>([
      ['a native TrustedTokenIssuer (the default)', (s) => newIssuer(s)],
      ['a custom-resource TrustedTokenIssuer', (s) => newIssuer(s, undefined, undefined, undefined, TrustedTokenIssuerImplementation.CUSTOM_RESOURCE)],
    ])('%s: the grant\'s create, update and delete reference it (a CloudFormation dependency: created after it, deleted before it)', (_, make) => {
      const stack = newStack();
      const issuer = make(stack);
      newApp(stack).addGrant(jwt(issuer));
      const template = templateOf(stack);
      const c = only(template, GRANT);
      const reference = JSON.stringify(stack.resolve(issuer.trustedTokenIssuerArn));
      expect(reference).toContain(logicalIdOf(issuer.node.defaultChild as IConstruct));
      for (const phase of ['Create', 'Update']) expect(JSON.stringify(c.resource.Properties[phase])).toContain(reference);
    });

    test('an imported issuer: the literal ARN, no dependency', () => {
      const stack = newStack();
      newApp(stack).addGrant(jwt(TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'Imported', SAMPLE_ISSUER_ARN)));
      const c = only(templateOf(stack), GRANT);
      expect(c.create.parameters.Grant.JwtBearer.AuthorizedTokenIssuers[0].TrustedTokenIssuerArn).toBe(SAMPLE_ISSUER_ARN);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------------

describe('access scopes', () => {
  test('PutApplicationAccessScope with the targets; delete is DeleteApplicationAccessScope of that scope', () => {
    const stack = newStack();
    newApp(stack).addAccessScope(AccessScope.S3_ACCESS_GRANTS_READ_WRITE, { authorizedTargets: [SAMPLE_APPLICATION_ARN, INSTANCE] });
    const c = only(templateOf(stack), SCOPE);
    expect(c.create).toMatchObject({
      action: 'PutApplicationAccessScope',
      parameters: { ApplicationArn: SAMPLE_APPLICATION_ARN, Scope: 's3:access_grants:read_write', AuthorizedTargets: [SAMPLE_APPLICATION_ARN, INSTANCE] },
    });
    expect(c.update).toEqual(c.create);
    expect(c.delete).toMatchObject({
      action: 'DeleteApplicationAccessScope',
      parameters: { ApplicationArn: SAMPLE_APPLICATION_ARN, Scope: 's3:access_grants:read_write' },
      ignoreErrorCodesMatching: 'ResourceNotFoundException',
    });
  });

  test('without targets no AuthorizedTargets member is sent', () => {
    const stack = newStack();
    newApp(stack).addAccessScope(AccessScope.STS_IDENTITY_CONTEXT);
    expect(only(templateOf(stack), SCOPE).create.parameters).toEqual({ ApplicationArn: SAMPLE_APPLICATION_ARN, Scope: 'sts:identity_context' });
  });

  const constants = Object.entries(AccessScope).filter(([, v]) => v instanceof AccessScope) as Array<[string, AccessScope]>;
  test.each(constants)('the constant %s is a valid scope of the model', (_, scope) => {
    expect(() => newApp(newStack()).addAccessScope(scope)).not.toThrow();
  });

  test('the documented scopes are there', () => {
    expect(constants.map(([, s]) => s.name)).toEqual(expect.arrayContaining([
      'sts:identity_context', 's3:access_grants:read_write', 'openid', 'aws', 'redshift:connect', 'lakeformation:query',
      'athena:workgroup:read_write', 'qbusiness:messages:access',
    ]));
  });

  test.each(['custom', 'a:b:c', 'x'.repeat(50), 'A_1:b_2'])('accepts custom(%j)', (name) => {
    expect(() => newApp(newStack()).addAccessScope(AccessScope.custom(name))).not.toThrow();
  });

  test.each(['', 'a:b:c:d', 'x'.repeat(51), 'a-b', 'a:', ':a', 'a b'])('rejects custom(%j)', (name) => {
    expect(() => newApp(newStack()).addAccessScope(AccessScope.custom(name))).toThrow(/Stack\/App: scope .* must be one to three names of 1-50 letters, digits or "_" joined by ":"/);
  });

  test('rejects a token scope name (each scope names a child resource)', () => {
    const stack = newStack();
    expect(() => newApp(stack).addAccessScope(AccessScope.custom(new CfnParameter(stack, 'S').valueAsString))).toThrow(/scope .* must be a literal string/);
  });

  test('rejects the same scope twice', () => {
    const app = newApp(newStack());
    app.addAccessScope(AccessScope.OPENID);
    expect(() => app.addAccessScope(AccessScope.custom('openid'))).toThrow(/Stack\/App: scope "openid" is already added/);
  });

  test.each([[[INSTANCE]], [[SAMPLE_APPLICATION_ARN]], [Array.from({ length: 10 }, (_, i) => `arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-${String(i).padStart(16, '0')}`)]])(
    'accepts authorizedTargets %j', (authorizedTargets) => {
      expect(() => newApp(newStack()).addAccessScope(AccessScope.AWS, { authorizedTargets })).not.toThrow();
    });

  test.each<[string[], RegExp]>([
    [[], /authorizedTargets \[\] must have at least 1 items/],
    [['arn:aws:s3:::bucket'], /authorizedTargets\[0\] "arn:aws:s3:::bucket" must be an Identity Center application ARN/],
    [Array.from({ length: 11 }, () => INSTANCE), /must have at most 10 items/],
    [[INSTANCE, INSTANCE], /is a duplicate/],
  ])('rejects authorizedTargets %j', (authorizedTargets, message) => {
    expect(() => newApp(newStack()).addAccessScope(AccessScope.AWS, { authorizedTargets })).toThrow(message);
  });

  test('accepts a token target (e.g. another application\'s ARN)', () => {
    const stack = newStack();
    const other = newApp(stack, {}, 'Other');
    expect(() => newApp(stack).addAccessScope(AccessScope.AWS, { authorizedTargets: [other.applicationArn] })).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------------------

describe('grantCreateTokenWithIam', () => {
  test('sets the IAM authentication method with an actor policy naming exactly the grantee, and grants sso-oauth:CreateTokenWithIAM on the application', () => {
    const stack = newStack();
    const app = newApp(stack);
    const role = new iam.Role(stack, 'Exchanger', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const grant = app.grantCreateTokenWithIam(role);
    expect(grant.success).toBe(true);
    const template = templateOf(stack);
    const c = only(template, AUTHN);
    expect(c.create).toMatchObject({
      action: 'PutApplicationAuthenticationMethod',
      parameters: {
        ApplicationArn: SAMPLE_APPLICATION_ARN,
        AuthenticationMethodType: 'IAM',
        AuthenticationMethod: {
          Iam: {
            ActorPolicy: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::123456789012:role/sample'] }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }],
            },
          },
        },
      },
    });
    expect(JSON.stringify(c.resource.Properties.Create)).toContain(JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(role), 'Arn'] }));
    expect(c.update).toEqual(c.create);
    expect(c.delete).toMatchObject({ action: 'DeleteApplicationAuthenticationMethod', parameters: { ApplicationArn: SAMPLE_APPLICATION_ARN, AuthenticationMethodType: 'IAM' } });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: logicalIdOf(role) }],
      PolicyDocument: { Statement: [{ Action: 'sso-oauth:CreateTokenWithIAM', Effect: 'Allow', Resource: stack.resolve(app.applicationArn) }] },
    });
  });

  test('several grantees accumulate in one actor policy (one authentication method resource); a repeated grantee is listed once', () => {
    const stack = newStack();
    const app = newApp(stack);
    const a = new iam.Role(stack, 'A', { assumedBy: new iam.AccountRootPrincipal() });
    const b = iam.Role.fromRoleArn(stack, 'B', 'arn:aws:iam::123456789012:role/imported');
    app.grantCreateTokenWithIam(a);
    app.grantCreateTokenWithIam(b);
    app.grantCreateTokenWithIam(a);
    const c = only(templateOf(stack), AUTHN);
    expect(c.create.parameters.AuthenticationMethod.Iam.ActorPolicy.Statement[0].Principal.AWS)
      .toEqual(['arn:aws:iam::123456789012:role/sample', 'arn:aws:iam::123456789012:role/imported']);
  });

  test('a user and an account are named by ARN', () => {
    const stack = newStack();
    const app = newApp(stack);
    app.grantCreateTokenWithIam(new iam.User(stack, 'U'));
    app.grantCreateTokenWithIam(new iam.AccountPrincipal('210987654321'));
    const c = only(templateOf(stack), AUTHN);
    expect(c.create.parameters.AuthenticationMethod.Iam.ActorPolicy.Statement[0].Principal.AWS).toHaveLength(2);
    const raw = JSON.stringify(c.resource.Properties.Create);
    expect(raw).toContain(':iam::210987654321:root');
    expect(raw).toContain(JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(stack.node.findChild('U').node.defaultChild as IConstruct), 'Arn'] }));
  });

  test('warns when a grantee is a whole account (every principal of it could then exchange tokens)', () => {
    const stack = newStack();
    newApp(stack).grantCreateTokenWithIam(new iam.AccountPrincipal('210987654321'));
    Annotations.fromStack(stack).hasWarning('/Stack/App', Match.stringLikeRegexp('is a whole account.*cdk-trusted-identity:actorPolicyAccount'));
  });

  test('does not warn for a role grantee', () => {
    const stack = newStack();
    newApp(stack).grantCreateTokenWithIam(new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() }));
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('actorPolicyAccount'));
  });

  test.each<[string, (stack: Stack) => iam.IGrantable, RegExp]>([
    ['a service principal', () => new iam.ServicePrincipal('lambda.amazonaws.com'), /grantee "ServicePrincipal\(lambda.amazonaws.com\)" cannot be named in an actor policy/],
    ['an unresolvable principal', (s) => ({ grantPrincipal: new iam.UnknownPrincipal({ resource: s }) }), /grantee .* cannot be named in an actor policy: must be an IAM role or user/],
    ['every principal', () => new iam.AnyPrincipal(), /grantee "AnyPrincipal\(\)" must not be every principal/],
    ['a principal with conditions', () => new iam.ArnPrincipal('arn:aws:iam::123456789012:role/x').withConditions({ StringEquals: { 'aws:PrincipalTag/a': 'b' } }), /with conditions/],
    ['a federated principal', () => new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com'), /cannot be named in an actor policy/],
  ])('rejects %s', (_, make, message) => {
    const stack = newStack();
    expect(() => newApp(stack).grantCreateTokenWithIam(make(stack))).toThrow(message);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

describe('assignments', () => {
  test('assignUser / assignGroup are native AWS::SSO::ApplicationAssignment resources', () => {
    const stack = newStack();
    const app = newApp(stack, { assignmentRequired: true });
    app.assignUser(USER_ID);
    app.assignGroup(GROUP_ID);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::SSO::ApplicationAssignment', { ApplicationArn: stack.resolve(app.applicationArn), PrincipalType: 'USER', PrincipalId: USER_ID });
    t.hasResourceProperties('AWS::SSO::ApplicationAssignment', { ApplicationArn: stack.resolve(app.applicationArn), PrincipalType: 'GROUP', PrincipalId: GROUP_ID });
  });

  test.each([USER_ID, GROUP_ID])('accepts %s', (id) => {
    expect(() => newApp(newStack()).assignUser(id)).not.toThrow();
  });

  test.each(['', 'alice', '0a1b2c3d-1234-5678-9abc', `${USER_ID}0`])('rejects %j', (id) => {
    expect(() => newApp(newStack()).assignGroup(id)).toThrow(/Stack\/App: groupId .* must be (at|an identity store ID)/);
  });

  test('assignments follow the application\'s removal policy', () => {
    const stack = newStack();
    newApp(stack, { removalPolicy: RemovalPolicy.RETAIN }).assignUser(USER_ID);
    Template.fromStack(stack).hasResource('AWS::SSO::ApplicationAssignment', { DeletionPolicy: 'Retain' });
  });

  test('rejects a token principal id (it names a child resource)', () => {
    const stack = newStack();
    expect(() => newApp(stack).assignUser(new CfnParameter(stack, 'U').valueAsString)).toThrow(/userId .* must be a literal string/);
  });

  test('rejects assigning the same user twice', () => {
    const app = newApp(newStack());
    app.assignUser(USER_ID);
    expect(() => app.assignUser(USER_ID)).toThrow(/is already assigned/);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

describe('import', () => {
  test('fromApplicationArn derives the instance ARN', () => {
    const app = IdentityCenterApplication.fromApplicationArn(newStack(), 'Imported', SAMPLE_APPLICATION_ARN);
    expect(app.applicationArn).toBe(SAMPLE_APPLICATION_ARN);
    expect(app.instanceArn).toBe(INSTANCE);
  });

  test('fromApplicationArn is token-safe', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'Arn').valueAsString;
    const app = IdentityCenterApplication.fromApplicationArn(stack, 'Imported', arn);
    expect(stack.resolve(app.instanceArn)).toEqual({
      'Fn::Join': ['', [
        'arn:', { 'Fn::Select': [1, { 'Fn::Split': [':', { Ref: 'Arn' }] }] },
        ':sso:::instance/', { 'Fn::Select': [1, { 'Fn::Split': ['/', { Ref: 'Arn' }] }] },
      ]],
    });
  });

  test.each([
    INSTANCE,
    'arn:aws:sso::123456789012:application/ssoins-1234567890abcdef',
    // From AWS guides and Terraform docs: the API rejects both (ValidationException at the first grant or scope).
    'arn:aws:sso::123456789012:application/ssoins-ssoins-111122223333abcdef/apl-abcd1234a1b2c3d',
    'arn:aws:sso::123456789012:application/ssoins-123456789012/apl-123456789012',
    'arn:aws:sso::12345:application/ssoins-1234567890abcdef/apl-1234567890abcdef',
    'arn:aws:sso:us-east-1:123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef',
  ])('fromApplicationArn rejects %s', (arn) => {
    expect(() => IdentityCenterApplication.fromApplicationArn(newStack(), 'Imported', arn)).toThrow(new RegExp(
      `^IdentityCenterApplication.fromApplicationArn: applicationArn "${arn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" must be an Identity Center application ARN, `
      + 'arn:<partition>:sso::<12-digit account>:application/ssoins-<16 characters>/apl-<16 characters>$'));
  });

  test.each([
    SAMPLE_APPLICATION_ARN,
    'arn:aws-cn:sso::123456789012:application/ins-1234567890abcdef/apl-1234567890abcdef',
    'arn:aws-us-gov:sso::123456789012:application/ssoins-1234567890abcdef/apl-ABCDEFGHIJ123456',
  ])('fromApplicationArn accepts %s', (arn) => {
    expect(() => IdentityCenterApplication.fromApplicationArn(newStack(), 'Imported', arn)).not.toThrow();
  });

  test('fromApplicationArn accepts an ARN that is partly a token', () => {
    const stack = newStack();
    const arn = `arn:${stack.partition}:sso::${new CfnParameter(stack, 'Account').valueAsString}:application/ssoins-123/apl-1`;
    expect(() => IdentityCenterApplication.fromApplicationArn(stack, 'Imported', arn).addAccessScope(AccessScope.OPENID)).not.toThrow();
  });

  describe('statements for an imported application name its account and partition', () => {
    const OTHER = 'arn:aws-cn:sso::210987654321:application/ssoins-1234567890abcdef/apl-1234567890abcdef';
    const statementsOf = (stack: Stack) => {
      const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
      return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    };
    const resourcesOf = (stack: Stack, action: string) => statementsOf(stack)
      .filter((s: any) => [s.Action].flat().includes(action)).flatMap((s: any) => [s.Resource].flat());

    test('a literal ARN of another account and partition', () => {
      const stack = newStack();
      const app = IdentityCenterApplication.fromApplicationArn(stack, 'Imported', OTHER);
      app.addGrant(ApplicationGrant.refreshToken());
      app.addAccessScope(AccessScope.OPENID);
      const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
      app.grantCreateTokenWithIam(role);
      expect(app.env.account).toBe('210987654321');
      const own = 'arn:aws-cn:sso::210987654321:application/ssoins-1234567890abcdef/*';
      expect(resourcesOf(stack, 'sso:PutApplicationGrant')).toEqual([own]);
      expect(resourcesOf(stack, 'sso:PutApplicationAccessScope')).toEqual([own]);
      expect(resourcesOf(stack, 'sso:PutApplicationAuthenticationMethod')).toEqual([own]);
      expect(resourcesOf(stack, 'sso:DeleteApplicationGrant')).toContain('arn:aws-cn:sso::210987654321:application/*');
      expect(resourcesOf(stack, 'sso-oauth:CreateTokenWithIAM')).toEqual([OTHER]);
      // Nothing names the stack's account for this application's Put calls.
      expect(JSON.stringify(resourcesOf(stack, 'sso:PutApplicationGrant'))).not.toContain('123456789012');
    });

    test('a new application and an imported one of another account get a statement each', () => {
      const stack = newStack();
      newApp(stack).addGrant(ApplicationGrant.refreshToken());
      IdentityCenterApplication.fromApplicationArn(stack, 'Imported', OTHER).addGrant(ApplicationGrant.refreshToken());
      expect(resourcesOf(stack, 'sso:PutApplicationGrant').sort()).toEqual([
        'arn:aws-cn:sso::210987654321:application/ssoins-1234567890abcdef/*',
        'arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/*',
      ]);
    });

    test('a token ARN: account and partition are taken from it with Fn::Split', () => {
      const stack = newStack();
      const app = IdentityCenterApplication.fromApplicationArn(stack, 'Imported', new CfnParameter(stack, 'Arn').valueAsString);
      app.addGrant(ApplicationGrant.refreshToken());
      app.addAccessScope(AccessScope.OPENID);
      const split = (sep: string, i: number) => ({ 'Fn::Select': [i, { 'Fn::Split': [sep, { Ref: 'Arn' }] }] });
      const expected = { 'Fn::Join': ['', ['arn:', split(':', 1), ':sso::', split(':', 4), ':application/', split('/', 1), '/*']] };
      expect(stack.resolve(resourcesOf(stack, 'sso:PutApplicationGrant'))).toEqual([expected]);
      expect(stack.resolve(resourcesOf(stack, 'sso:PutApplicationAccessScope'))).toEqual([expected]);
      expect(stack.resolve(resourcesOf(stack, 'sso:DeleteApplicationGrant'))).toContainEqual(
        { 'Fn::Join': ['', ['arn:', split(':', 1), ':sso::', split(':', 4), ':application/*']] });
    });
  });

  test('grants, scopes, the authentication method and assignments work on an imported application', () => {
    const stack = newStack();
    const app = IdentityCenterApplication.fromApplicationArn(stack, 'Imported', SAMPLE_APPLICATION_ARN);
    app.addGrant(jwt(newIssuer(stack)));
    app.addAccessScope(AccessScope.STS_IDENTITY_CONTEXT);
    app.grantCreateTokenWithIam(new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() }));
    app.assignUser(USER_ID);
    const template = templateOf(stack);
    for (const type of [GRANT, SCOPE, AUTHN]) expect(only(template, type).create.parameters.ApplicationArn).toBe(SAMPLE_APPLICATION_ARN);
    expect(calls(template, ASSIGNMENT_CONFIG)).toHaveLength(0);
    Template.fromStack(stack).resourceCountIs('AWS::SSO::ApplicationAssignment', 1);
  });
});

// ---------------------------------------------------------------------------------------------------------------------

/** An application with every kind of configuration. */
function full(stack: Stack, props: Partial<IdentityCenterApplicationProps> = {}, audiences = ['client-1']) {
  const issuer = newIssuer(stack);
  const app = newApp(stack, { userBackgroundSessions: true, ...props });
  app.addGrant(jwt(issuer, audiences));
  app.addGrant(ApplicationGrant.authorizationCode({ redirectUris: ['https://app.example.com/cb', 'http://localhost:8080/cb'] }));
  app.addGrant(ApplicationGrant.refreshToken());
  app.addGrant(ApplicationGrant.tokenExchange());
  app.addAccessScope(AccessScope.STS_IDENTITY_CONTEXT);
  app.addAccessScope(AccessScope.S3_ACCESS_GRANTS_READ_WRITE, { authorizedTargets: [INSTANCE] });
  app.addAccessScope(AccessScope.custom('x:y_z:w'));
  app.grantCreateTokenWithIam(new iam.Role(stack, 'Exchanger', { assumedBy: new iam.AccountRootPrincipal() }));
  return { app, issuer };
}

describe('least privilege and scale', () => {
  test('the application policy: each kind of configuration call on the instance\'s applications, deletes on the account\'s applications; sessions in their own policy; no issuer rights, no "*"', () => {
    const stack = newStack();
    full(stack);
    const t = templateOf(stack);
    const statementsOf = (kind: string) => Object.entries<any>(t.Resources)
      .filter(([id, r]) => r.Type === 'AWS::IAM::Policy' && id.startsWith(`TrustedIdentityCustomResourceRole${kind}Policy`))
      .flatMap(([, r]) => r.Properties.PolicyDocument.Statement);
    const app = statementsOf('Application');
    const perInstance = app.filter((st: any) => JSON.stringify(st.Resource).includes('ssoins-'));
    expect(perInstance.map((st: any) => st.Action).sort()).toEqual([
      'sso:PutApplicationAccessScope',
      'sso:PutApplicationAssignmentConfiguration',
      'sso:PutApplicationAuthenticationMethod',
      'sso:PutApplicationGrant',
    ]);
    for (const st of perInstance) expect(st.Resource).toBe('arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/*');
    // The delete-side calls: one statement on the account's applications (applicationCleanupPermission).
    const cleanup = app.filter((st: any) => !JSON.stringify(st.Resource).includes('ssoins-'));
    expect(cleanup.map((st: any) => st.Action)).toEqual([[
      'sso:DeleteApplicationGrant', 'sso:DeleteApplicationAccessScope', 'sso:DeleteApplicationAuthenticationMethod',
    ]]);
    expect(stack.resolve(cleanup[0].Resource)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sso::123456789012:application/*']] });
    expect(statementsOf('Session')).toEqual([{
      Action: 'sso:PutApplicationSessionConfiguration',
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sso::123456789012:application/*']] },
    }]);
    expect(statementsOf('Issuer')).toEqual([]);
    expect(JSON.stringify(t)).not.toMatch(/sso:(Delete|Update|Create)TrustedTokenIssuer|sso:(Un)?[Tt]agResource/);
    expect(JSON.stringify(statementsOf('Application'))).not.toContain('"*"');
  });

  test('without userBackgroundSessions there is no session policy and no PutApplicationSessionConfiguration', () => {
    const stack = newStack();
    newApp(stack).addAccessScope(AccessScope.OPENID);
    expect(JSON.stringify(templateOf(stack))).not.toContain('PutApplicationSessionConfiguration');
  });

  test('the application moves to another instance: v2\'s policy still allows the v1 configuration\'s delete calls (cleanup phase)', () => {
    const after = synth(s => {
      const app = newApp(s, { instanceArn: INSTANCE_2 });
      app.addGrant(ApplicationGrant.refreshToken());
      app.addAccessScope(AccessScope.AWS);
    });
    const [policy] = Object.values<any>(after.Resources).filter((r: any) => r.Type === 'AWS::IAM::Policy');
    const statements = policy.Properties.PolicyDocument.Statement;
    // The v1 configuration belongs to INSTANCE: no per-instance statement of v2 names it ...
    expect(JSON.stringify(statements)).not.toContain('ssoins-1234567890abcdef');
    // ... but the account-wide delete-side statement covers its applications.
    const cleanup = statements.find((st: any) => JSON.stringify(st.Resource).includes(':application/*"'));
    expect(cleanup.Action).toEqual(expect.arrayContaining(['sso:DeleteApplicationGrant', 'sso:DeleteApplicationAccessScope']));
  });

  test('20 applications of one instance: the same statements as one, one Lambda function', () => {
    const statements = (n: number) => {
      const stack = newStack();
      for (let i = 0; i < n; i++) {
        const app = newApp(stack, {}, `App${i}`);
        app.addGrant(ApplicationGrant.refreshToken());
        app.addAccessScope(AccessScope.OPENID);
      }
      const t = Template.fromStack(stack);
      t.resourceCountIs('AWS::Lambda::Function', 1);
      return JSON.stringify(Object.values<any>(t.findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument);
    };
    expect(statements(20)).toBe(statements(1));
  });

  test('every custom resource uses the Lambda runtime SDK (installLatestAwsSdk false) and hides API responses', () => {
    const stack = newStack();
    full(stack);
    const all = calls(templateOf(stack), CR);
    expect(all).toHaveLength(10);
    for (const c of all) {
      expect(c.resource.Properties.InstallLatestAwsSdk).toBe(false);
      for (const call of [c.create, c.update, c.delete].filter(x => x)) expect(call.logApiResponseData).toBe(false);
    }
  });

  test('the issue\'s scale scenario (20 applications x 4 grants, 3 scopes, authentication method, assignment configuration, 20 issuers) stays within CloudFormation and IAM limits', () => {
    const stack = newStack();
    const exchanger = new iam.Role(stack, 'Exchanger', { assumedBy: new iam.AccountRootPrincipal() });
    for (let i = 0; i < 20; i++) {
      const issuer = newIssuer(stack, `https://issuer${i}.example.com`, `Issuer${i}`);
      const app = newApp(stack, {}, `App${i}`);
      app.addGrant(jwt(issuer));
      app.addGrant(ApplicationGrant.authorizationCode({ redirectUris: [`https://app${i}.example.com/cb`] }));
      app.addGrant(ApplicationGrant.refreshToken());
      app.addGrant(ApplicationGrant.tokenExchange());
      app.addAccessScope(AccessScope.STS_IDENTITY_CONTEXT);
      app.addAccessScope(AccessScope.S3_ACCESS_GRANTS_READ_WRITE);
      app.addAccessScope(AccessScope.OPENID);
      app.grantCreateTokenWithIam(exchanger);
    }
    const template = templateOf(stack);
    const resources = Object.values<any>(template.Resources);
    expect(resources.length).toBeLessThanOrEqual(500);
    expect(Buffer.byteLength(JSON.stringify(template))).toBeLessThanOrEqual(1_000_000);
    expect(resources.filter(r => r.Type === 'AWS::Lambda::Function')).toHaveLength(1);
    // Inline policy characters per role: every AWS::IAM::Policy attached to it.
    const perRole: Record<string, number> = {};
    for (const r of resources.filter(x => x.Type === 'AWS::IAM::Policy')) {
      for (const role of r.Properties.Roles) perRole[role.Ref] = (perRole[role.Ref] ?? 0) + JSON.stringify(r.Properties.PolicyDocument).length;
    }
    expect(Math.max(...Object.values(perRole))).toBeLessThanOrEqual(10_240);
  });

  test('a token instance ARN gives token-safe resources', () => {
    const stack = newStack();
    newApp(stack, { instanceArn: new CfnParameter(stack, 'Instance').valueAsString });
    const [policy] = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('Fn::Split');
  });

  test('the application\'s custom resources run one after the other (Identity Center rejects concurrent writes to one application)', () => {
    const stack = newStack();
    full(stack);
    const template = templateOf(stack);
    const ids = calls(template, CR).map(c => c.logicalId);
    expect(ids).toHaveLength(10);
    // Each depends on the previous one, so they form one chain.
    for (let i = 1; i < ids.length; i++) expect(template.Resources[ids[i]].DependsOn).toContain(ids[i - 1]);
  });

  test('RETAIN: the configuration is retained with the application (no delete calls)', () => {
    const stack = newStack();
    full(stack, { removalPolicy: RemovalPolicy.RETAIN });
    for (const c of calls(templateOf(stack), CR)) {
      expect(c.resource.DeletionPolicy).toBe('Retain');
      expect(c.delete).toBeUndefined();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------------

describe('every synthesized SDK call conforms to the API model', () => {
  test('create, update and delete calls of an application with every configuration', () => {
    const stack = newStack();
    full(stack);
    const seen = new Set<string>();
    for (const c of calls(templateOf(stack), CR)) {
      for (const call of [c.create, c.update, c.delete].filter(x => x)) {
        const operation = `sso-admin:${call.action}`;
        seen.add(operation);
        expect(call.service).toBe('SSOAdmin');
        expect({ operation, errors: conformance(operation, call.parameters) }).toEqual({ operation, errors: [] });
      }
    }
    expect([...seen].sort()).toEqual([
      'sso-admin:DeleteApplicationAccessScope', 'sso-admin:DeleteApplicationAuthenticationMethod', 'sso-admin:DeleteApplicationGrant',
      'sso-admin:PutApplicationAccessScope', 'sso-admin:PutApplicationAssignmentConfiguration', 'sso-admin:PutApplicationAuthenticationMethod',
      'sso-admin:PutApplicationGrant', 'sso-admin:PutApplicationSessionConfiguration',
    ]);
  });

  test.each<[string, string, any, RegExp]>([
    ['an unknown member', 'sso-admin:PutApplicationAccessScope', { ApplicationArn: SAMPLE_APPLICATION_ARN, Scope: 'a', Bogus: 1 }, /Bogus: not a member/],
    ['a missing required member', 'sso-admin:PutApplicationAssignmentConfiguration', { ApplicationArn: SAMPLE_APPLICATION_ARN }, /AssignmentRequired: required/],
    ['a union with two members', 'sso-admin:PutApplicationGrant', { ApplicationArn: SAMPLE_APPLICATION_ARN, GrantType: 'refresh_token', Grant: { RefreshToken: {}, TokenExchange: {} } }, /exactly one member/],
    ['a bad enum', 'sso-admin:PutApplicationSessionConfiguration', { ApplicationArn: SAMPLE_APPLICATION_ARN, UserBackgroundSessionApplicationStatus: 'ON' }, /not in ENABLED,DISABLED/],
    ['a bad pattern', 'sso-admin:DeleteApplicationGrant', { ApplicationArn: 'arn:x', GrantType: 'refresh_token' }, /does not match/],
    ['a non-boolean', 'sso-admin:PutApplicationAssignmentConfiguration', { ApplicationArn: SAMPLE_APPLICATION_ARN, AssignmentRequired: 'true' }, /must be a boolean/],
    ['too many items', 'sso-admin:PutApplicationAccessScope', { ApplicationArn: SAMPLE_APPLICATION_ARN, Scope: 'a', AuthorizedTargets: Array(11).fill(INSTANCE) }, /more than 10 items/],
  ])('the conformance check rejects %s', (_, operation, params, message) => {
    expect(conformance(operation, params).join('\n')).toMatch(message);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Lifecycle: a v1 and a v2 of the same app, and what CloudFormation does between them.

function synth(build: (stack: Stack) => void): any {
  const stack = newStack();
  build(stack);
  return templateOf(stack);
}

function idsOf(template: any, type: string): string[] {
  return Object.keys(template.Resources).filter(id => template.Resources[id].Type === type);
}

describe('lifecycle (v1 → v2)', () => {
  const v1 = (s: Stack) => full(s);

  test('nothing changed: every resource untouched, no SDK call', () => {
    const p = plan(synth(v1), synth(v1), CR);
    expect([p.create, p.update, p.delete, p.sdkCalls]).toEqual([[], [], [], []]);
  });

  test('a grant is added: one PutApplicationGrant, nothing else changes', () => {
    const before = synth(s => newApp(s).addGrant(ApplicationGrant.refreshToken()));
    const after = synth(s => {
      const app = newApp(s);
      app.addGrant(ApplicationGrant.refreshToken());
      app.addGrant(ApplicationGrant.tokenExchange());
    });
    const p = plan(before, after, CR);
    expect(p.sdkCalls).toEqual(['PutApplicationGrant']);
    expect(p.update).toEqual([]);
    expect(p.delete).toEqual([]);
  });

  test('a grant is removed: DeleteApplicationGrant of exactly that grant type', () => {
    const before = synth(v1);
    const after = synth(s => {
      const issuer = newIssuer(s);
      const app = newApp(s, { userBackgroundSessions: true });
      app.addGrant(jwt(issuer));
      app.addGrant(ApplicationGrant.authorizationCode({ redirectUris: ['https://app.example.com/cb', 'http://localhost:8080/cb'] }));
      app.addGrant(ApplicationGrant.refreshToken());
      app.addAccessScope(AccessScope.STS_IDENTITY_CONTEXT);
      app.addAccessScope(AccessScope.S3_ACCESS_GRANTS_READ_WRITE, { authorizedTargets: [INSTANCE] });
      app.addAccessScope(AccessScope.custom('x:y_z:w'));
      app.grantCreateTokenWithIam(new iam.Role(s, 'Exchanger', { assumedBy: new iam.AccountRootPrincipal() }));
    });
    const p = plan(before, after, CR);
    expect(p.delete).toHaveLength(1);
    expect(parseCall(before.Resources[p.delete[0]].Properties.Delete).parameters.GrantType).toBe(OAuthGrantType.TOKEN_EXCHANGE);
    expect(p.sdkCalls.filter(c => c !== 'PutApplicationAccessScope' && c !== 'PutApplicationAuthenticationMethod')).toEqual(['DeleteApplicationGrant']);
  });

  test('audiences change: the grant is updated in place (same physical id, PutApplicationGrant upsert)', () => {
    const before = synth(v1);
    const after = synth(s => full(s, {}, ['client-1', 'client-2']));
    const p = plan(before, after, CR);
    expect(p.create).toEqual([]);
    expect(p.delete).toEqual([]);
    expect(p.sdkCalls).toEqual(['PutApplicationGrant']);
    const [id] = p.update;
    const physicalId = (t: any, phase: string) => parseCall(t.Resources[id].Properties[phase]).physicalResourceId;
    expect(physicalId(after, 'Update')).toEqual(physicalId(before, 'Create'));
  });

  test('a scope\'s authorized targets change: updated in place by PutApplicationAccessScope (not replaced)', () => {
    const before = synth(s => newApp(s).addAccessScope(AccessScope.AWS, { authorizedTargets: [INSTANCE] }));
    const after = synth(s => newApp(s).addAccessScope(AccessScope.AWS, { authorizedTargets: [INSTANCE, SAMPLE_APPLICATION_ARN] }));
    const p = plan(before, after, CR);
    expect(p.create).toEqual([]);
    expect(p.delete).toEqual([]);
    expect(p.sdkCalls).toEqual(['PutApplicationAccessScope']);
  });

  test('a scope is removed: DeleteApplicationAccessScope of exactly that scope', () => {
    const before = synth(s => {
      const app = newApp(s);
      app.addAccessScope(AccessScope.AWS);
      app.addAccessScope(AccessScope.OPENID);
    });
    const after = synth(s => newApp(s).addAccessScope(AccessScope.AWS));
    const p = plan(before, after, CR);
    expect(p.sdkCalls).toEqual(['DeleteApplicationAccessScope']);
    expect(parseCall(before.Resources[p.delete[0]].Properties.Delete).parameters.Scope).toBe('openid');
  });

  test('assignmentRequired flips: PutApplicationAssignmentConfiguration with the new value, in place', () => {
    const before = synth(s => newApp(s, { assignmentRequired: true }));
    const after = synth(s => newApp(s, { assignmentRequired: false }));
    const p = plan(before, after, CR);
    expect(p.sdkCalls).toEqual(['PutApplicationAssignmentConfiguration']);
    expect(parseCall(after.Resources[p.update[0]].Properties.Update).parameters.AssignmentRequired).toBe(false);
  });

  test('a second grantee: the actor policy is updated in place', () => {
    const before = synth(v1);
    const after = synth(s => {
      const { app } = full(s);
      app.grantCreateTokenWithIam(new iam.Role(s, 'Second', { assumedBy: new iam.AccountRootPrincipal() }));
    });
    const p = plan(before, after, CR);
    expect(p.sdkCalls).toEqual(['PutApplicationAuthenticationMethod']);
  });

  test.each<[string, (s: Stack, url: string) => ITrustedTokenIssuer, 'new logical id' | 'same logical id']>([
    ['a custom-resource TrustedTokenIssuer', (s, url) => newIssuer(s, url, undefined, undefined, TrustedTokenIssuerImplementation.CUSTOM_RESOURCE), 'new logical id'],
    ['a native TrustedTokenIssuer (the default)', (s, url) => newIssuer(s, url), 'same logical id'],
  ])('%s is replaced (new URL): the grant moves to the new issuer before the old one is deleted', (_, make, replacement) => {
    const ids: string[] = [];
    const references: string[] = [];
    const version = (url: string) => synth(s => {
      const issuer = make(s, url);
      newApp(s).addGrant(jwt(issuer));
      ids.push(logicalIdOf(issuer.node.defaultChild as IConstruct));
      references.push(JSON.stringify(s.resolve(issuer.trustedTokenIssuerArn)));
    });
    const before = version('https://example.okta.com/oauth2/default');
    const after = version('https://example.okta.com/oauth2/aus2');
    const [oldIssuer, newIssuerId] = ids;
    const [grant] = idsOf(after, GRANT);
    // The grant's calls reference the issuer's ARN: CloudFormation updates the grant after the new issuer exists.
    expect(JSON.stringify(after.Resources[grant].Properties.Update)).toContain(references[1]);
    const p = plan(before, after, 'Custom::');
    expect(oldIssuer === newIssuerId ? 'same logical id' : 'new logical id').toBe(replacement);
    if (replacement === 'new logical id') {
      // Custom resource: the replacement is a new logical id (hash of the create-only values). CloudFormation
      // creates it, updates the grant (its Ref changed), and deletes the old issuer in the cleanup phase.
      expect(p.create).toEqual([newIssuerId]);
      expect(p.update).toEqual([grant]);
      expect(p.delete).toEqual([oldIssuer]);
      expect(p.sdkCalls).toEqual(['CreateTrustedTokenIssuer', 'PutApplicationGrant', 'DeleteTrustedTokenIssuer']);
    } else {
      // Native: IssuerUrl is create-only, so CloudFormation replaces the issuer under the same logical id (new ARN),
      // updates the grant that references its ARN attribute (the template text of the grant is unchanged; the value it
      // resolves to is not), and deletes the old issuer in the cleanup phase.
      expect(p.update).toEqual([newIssuerId]);
      expect(p.create).toEqual([]);
      expect(p.delete).toEqual([]);
    }
  });

  test('the application is replaced (new instance): every configuration goes to the new ARN under a new physical id; the old ones are deleted tolerating not-found', () => {
    const before = synth(s => {
      const app = newApp(s);
      app.addGrant(ApplicationGrant.refreshToken());
      app.addAccessScope(AccessScope.AWS);
    });
    const after = synth(s => {
      const app = newApp(s, { instanceArn: INSTANCE_2 });
      app.addGrant(ApplicationGrant.refreshToken());
      app.addAccessScope(AccessScope.AWS);
    });
    const [appId] = idsOf(after, 'AWS::SSO::Application');
    // InstanceArn is create-only in AWS::SSO::Application: CloudFormation replaces the application (same logical id).
    expect(after.Resources[appId].Properties.InstanceArn).toBe(INSTANCE_2);
    const p = plan(before, after, CR);
    // The application is replaced; the shared policy now names the new instance's applications (see the README about
    // the cleanup deletes of the old instance's configuration).
    expect(p.update.sort()).toEqual([appId, idsOf(after, 'AWS::IAM::Policy')[0]].sort());
    const appArn = JSON.stringify({ 'Fn::GetAtt': [appId, 'ApplicationArn'] });
    for (const c of calls(after, CR)) {
      // Every configuration call and its physical id reference the application's ARN attribute: when the application
      // is replaced, CloudFormation updates them with the new ARN; the physical id changes with it, so CloudFormation
      // then sends the old physical id a delete (with the old properties) in the cleanup phase.
      expect(JSON.stringify(c.resource.Properties.Update)).toContain(appArn);
      expect(c.update.physicalResourceId.id).toMatch(new RegExp(`^${SAMPLE_APPLICATION_ARN}\\|`));
      if (c.delete) expect(c.delete.ignoreErrorCodesMatching).toBe('ResourceNotFoundException');
    }
  });

  test('the application leaves the app: its configuration is deleted (assignment configuration left as declared)', () => {
    const before = synth(v1);
    const after = synth(s => new iam.Role(s, 'Other', { assumedBy: new iam.AccountRootPrincipal() }));
    const p = plan(before, after, CR);
    expect(p.sdkCalls.sort()).toEqual([
      'DeleteApplicationAccessScope', 'DeleteApplicationAccessScope', 'DeleteApplicationAccessScope', 'DeleteApplicationAuthenticationMethod',
      'DeleteApplicationGrant', 'DeleteApplicationGrant', 'DeleteApplicationGrant', 'DeleteApplicationGrant', 'PutApplicationSessionConfiguration',
    ]);
  });
});

describe('the calls the integ test and the example make conform to the model', () => {
  test.each<[string, any]>([
    ['sso-admin:GetApplicationGrant', { ApplicationArn: SAMPLE_APPLICATION_ARN, GrantType: OAuthGrantType.JWT_BEARER }],
    ['sso-oidc:CreateTokenWithIAM', { clientId: SAMPLE_APPLICATION_ARN, grantType: OAuthGrantType.JWT_BEARER, assertion: 'header.payload.' }],
  ])('%s', (operation, params) => {
    expect(conformance(operation, params)).toEqual([]);
  });
});

describe('the add-methods return what they create (as aws-cdk-lib\'s do)', () => {
  test('addGrant and addAccessScope return the construct that puts them: a dependency for what needs them in place', () => {
    const stack = newStack();
    const app = newApp(stack);
    const grant = app.addGrant(ApplicationGrant.refreshToken());
    const scope = app.addAccessScope(AccessScope.OPENID);
    const consumer = new CfnResource(stack, 'Consumer', { type: 'AWS::SNS::Topic' });
    consumer.node.addDependency(grant, scope);
    const template = templateOf(stack);
    expect(template.Resources.Consumer.DependsOn).toEqual(expect.arrayContaining([
      logicalIdOf(grant), logicalIdOf(scope),
    ]));
    expect(template.Resources[logicalIdOf(grant)].Type).toBe(GRANT);
    expect(template.Resources[logicalIdOf(scope)].Type).toBe(SCOPE);
  });

  test('assignUser and assignGroup return the AWS::SSO::ApplicationAssignment, on new and imported applications', () => {
    const stack = newStack();
    const user = newApp(stack).assignUser(USER_ID);
    expect(user.principalType).toBe('USER');
    expect(user.principalId).toBe(USER_ID);
    const imported = IdentityCenterApplication.fromApplicationArn(stack, 'Imported', SAMPLE_APPLICATION_ARN);
    const group = imported.assignGroup(GROUP_ID);
    expect(group.principalType).toBe('GROUP');
    expect(stack.resolve(group.applicationArn)).toBe(SAMPLE_APPLICATION_ARN);
  });
});
