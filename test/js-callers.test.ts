/**
 * The public API called the way plain JavaScript can call it (and, for some cases, Python or Java through jsii):
 * props left out, values of the wrong kind, a string where a SecretValue goes, plain objects where the library's own
 * types or an IGrantable go. Each is rejected at construction or at the call with the library's error naming the
 * construct path (or the class and method, where no construct exists yet), the prop, the value and what is expected:
 * never a TypeError, never a template without a required property. Each entry point also has a case proving that
 * valid input, tokens included, still works.
 */
import { App, CfnParameter, Fn, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  AccessScope, ApplicationGrant, GitHubActionsSubject, GitLabSubject, IdentityCenterApplication, IdentityContextPrincipal, OidcProvider,
  OidcTrustProviderOptions, TerraformCloudSubject, TrustedIdentityChecks, TrustedTokenIssuer, TrustedTokenIssuerConfiguration, TrustProvider,
  VerifiedAccessTrustProvider,
} from '../src';
import { TrustedIdentityValidationError } from '../src/private/validation';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const ISSUER_ARN = 'arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1234567890abcdef/tti-12345678-1234-1234-1234-123456789012';
const APPLICATION_ARN = 'arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef';
const OKTA = { issuerUrl: 'https://example.okta.com', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value' };
const OIDC: OidcTrustProviderOptions = {
  issuer: 'https://example.okta.com',
  authorizationEndpoint: 'https://example.okta.com/v1/authorize',
  tokenEndpoint: 'https://example.okta.com/v1/token',
  userInfoEndpoint: 'https://example.okta.com/v1/userinfo',
  clientId: 'client',
  clientSecret: SecretValue.secretsManager('okta'),
};

/** What plain JavaScript can pass anywhere. */
const js = (value: unknown): any => value;

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

function param(stack: Stack, id = 'Param'): string {
  return new CfnParameter(stack, id).valueAsString;
}

function role(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** Expects the library's error (not a TypeError) with `message`. */
function expectError(f: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(TrustedIdentityValidationError);
  expect((error as Error).message).toMatch(message);
}

describe('OidcProvider', () => {
  const props = { url: 'https://token.actions.githubusercontent.com' };

  test.each<[string, unknown, RegExp]>([
    ['no props', undefined, /^Stack\/P: props undefined is required: OidcProviderProps, an object with url$/],
    ['no url', {}, /^Stack\/P: url undefined is required: the URL of the identity provider, "https:\/\/" followed by a host/],
    ['a url of another type', { url: 42 }, /^Stack\/P: url 42 must be a string: the URL of the identity provider/],
    ['clientIds as a string', { ...props, clientIds: 'sts.amazonaws.com' }, /^Stack\/P: clientIds "sts.amazonaws.com" must be a list of strings \(or left out\): the client IDs/],
    ['a thumbprint of another type', { ...props, thumbprints: [1] }, /^Stack\/P: thumbprints\[0\] 1 must be a string: thumbprints of exactly 40 hexadecimal/],
    ['a removalPolicy outside the enum', { ...props, removalPolicy: 'delete' }, /^Stack\/P: removalPolicy "delete" must be one of DESTROY, RETAIN, SNAPSHOT/],
    ['tags as a string', { ...props, tags: 'team=identity' }, /^Stack\/P: tags "team=identity" must be an object of strings \(or left out\): tag values by key/],
    ['a tag value of another type', { ...props, tags: { count: 1 } }, /^Stack\/P: tags\["count"\] 1 must be a string: tag values by key/],
  ])('rejects %s', (_name, p, message) => {
    expectError(() => new OidcProvider(newStack(), 'P', js(p)), message);
  });

  test('accepts valid props, and tokens of the right kind', () => {
    const stack = newStack();
    new OidcProvider(stack, 'P', { ...props, clientIds: ['sts.amazonaws.com', param(stack)], tags: { team: param(stack, 'T') } });
    new OidcProvider(stack, 'Q', { url: param(stack, 'U'), clientIds: Fn.split(',', Fn.importValue('Ids')) });
    Template.fromStack(stack).resourceCountIs('AWS::IAM::OIDCProvider', 2);
  });

  test.each<[string, () => unknown, RegExp]>([
    ['fromOidcProviderArn without an ARN', () => OidcProvider.fromOidcProviderArn(newStack(), 'I', js(undefined)),
      /^OidcProvider.fromOidcProviderArn: oidcProviderArn undefined is required: an IAM OIDC provider ARN/],
    ['fromIssuerUrl with a number', () => OidcProvider.fromIssuerUrl(newStack(), 'I', js(42)), /^OidcProvider.fromIssuerUrl: url 42 must be a string: the URL/],
    ['gitHubActions with null props', () => OidcProvider.gitHubActions(newStack(), 'G', js(null)),
      /^OidcProvider.gitHubActions: props null must be an object \(or left out\): GitHubActionsOidcProviderProps/],
    ['gitLab with a string', () => OidcProvider.gitLab(newStack(), 'G', js('https://gitlab.example.com')),
      /^OidcProvider.gitLab: props "https:\/\/gitlab.example.com" must be an object \(or left out\): GitLabOidcProviderProps/],
    ['terraformCloud with a list', () => OidcProvider.terraformCloud(newStack(), 'T', js([])), /^OidcProvider.terraformCloud: props \[\] must be an object/],
    ['a preset with a url of another type', () => OidcProvider.gitHubActions(newStack(), 'G', js({ url: 1 })), /^Stack\/G: url 1 must be a string/],
  ])('rejects %s', (_name, f, message) => {
    expectError(f, message);
  });

  test('accepts the importers and presets with valid input and tokens', () => {
    const stack = newStack();
    expect(OidcProvider.fromOidcProviderArn(stack, 'A', Fn.importValue('Arn')).oidcProviderArn).toBeDefined();
    expect(OidcProvider.fromIssuerUrl(stack, 'B', 'https://gitlab.com').oidcProviderIssuer).toBe('gitlab.com');
    OidcProvider.gitHubActions(stack, 'G');
    OidcProvider.gitLab(stack, 'L', { url: param(stack) });
    OidcProvider.terraformCloud(stack, 'T', {});
    Template.fromStack(stack).resourceCountIs('AWS::IAM::OIDCProvider', 3);
  });

  describe('principal()', () => {
    test.each<[string, unknown, RegExp]>([
      ['options as a string', 'repo:octo/app:*', /^Stack\/P: options "repo:octo\/app:\*" must be an object \(or left out\): OidcPrincipalOptions/],
      ['subjects as a string', { subjects: 'repo:octo/app:*' }, /^Stack\/P: subjects "repo:octo\/app:\*" must be a list of strings \(or left out\): the subjects/],
      ['an audience of another type', { audiences: [1] }, /^Stack\/P: audiences\[0\] 1 must be a string: the audiences/],
      ['allowAnySubject as a string', { subjects: ['x'], allowAnySubject: 'yes' }, /^Stack\/P: allowAnySubject "yes" must be true or false \(or left out\)/],
      ['conditions as a string', { subjects: ['repo:octo/app:*'], conditions: 'StringEquals' }, /^Stack\/P: conditions "StringEquals" must be an object \(or left out\)/],
    ])('rejects %s', (_name, options, message) => {
      const p = OidcProvider.gitHubActions(newStack(), 'P');
      expectError(() => p.principal(js(options)), message);
    });
    test('accepts valid options and tokens', () => {
      const stack = newStack();
      const p = OidcProvider.gitHubActions(stack, 'P');
      expect(() => p.principal({ subjects: [GitHubActionsSubject.branch('octo', 'app', param(stack))], allowAnySubject: false })).not.toThrow();
    });
  });

  describe('addClientId() and addThumbprint()', () => {
    test('rejects a missing or non-string value', () => {
      const p = new OidcProvider(newStack(), 'P', props);
      expectError(() => p.addClientId(js(undefined)), /^Stack\/P: clientId undefined is required: a client ID \(audience\)/);
      expectError(() => p.addThumbprint(js(42)), /^Stack\/P: thumbprint 42 must be a string: a thumbprint of exactly 40 hexadecimal/);
    });
    test('accept strings and tokens', () => {
      const stack = newStack();
      const p = new OidcProvider(stack, 'P', props);
      p.addClientId('sts.amazonaws.com');
      p.addClientId(param(stack));
      p.addThumbprint('a'.repeat(40));
      expect(p.oidcProviderClientIds).toHaveLength(2);
    });
  });
});

describe('subject builders', () => {
  test.each<[string, () => unknown, RegExp]>([
    ['GitHubActionsSubject.branch without a branch', () => GitHubActionsSubject.branch('octo', 'app', js(undefined)),
      /^GitHubActionsSubject: branch undefined is required: the branch name part of the subject$/],
    ['GitHubActionsSubject.tag with a number', () => GitHubActionsSubject.tag('octo', 'app', js(1)), /^GitHubActionsSubject: tag 1 must be a string: the Git tag name part/],
    ['GitHubActionsSubject.environment without a repo', () => GitHubActionsSubject.environment('octo', js(undefined), 'prod'),
      /^GitHubActionsSubject: repo undefined is required: the repository name part/],
    ['GitHubActionsSubject.pullRequest without an owner', () => GitHubActionsSubject.pullRequest(js(undefined), 'app'),
      /^GitHubActionsSubject: owner undefined is required: the repository owner/],
    ['GitHubActionsSubject.anyRef with an object', () => GitHubActionsSubject.anyRef('octo', js({})), /^GitHubActionsSubject: repo \{\} must be a string/],
    ['GitLabSubject.branch without a project path', () => GitLabSubject.branch(js(undefined), 'main'),
      /^GitLabSubject: projectPath undefined is required: the project path \(group\/project\) part/],
    ['GitLabSubject.tag with a number', () => GitLabSubject.tag('group/project', js(1)), /^GitLabSubject: tag 1 must be a string/],
    ['GitLabSubject.anyRef with a list', () => GitLabSubject.anyRef(js(['group/project'])), /^GitLabSubject: projectPath \["group\/project"\] must be a string/],
    ['TerraformCloudSubject.workspace without options', () => TerraformCloudSubject.workspace(js(undefined)),
      /^TerraformCloudSubject.workspace: options undefined is required: TerraformCloudWorkspaceSubjectOptions/],
    ['TerraformCloudSubject.workspace without a workspace', () => TerraformCloudSubject.workspace(js({ organization: 'acme' })),
      /^TerraformCloudSubject: workspace undefined is required: the HCP Terraform workspace part/],
    ['TerraformCloudSubject.workspace with a runPhase of another type', () => TerraformCloudSubject.workspace(js({ organization: 'acme', workspace: 'w', runPhase: 1 })),
      /^TerraformCloudSubject.workspace: runPhase 1 must be a string \(or left out\): "plan", "apply" or "\*"/],
  ])('rejects %s', (_name, f, message) => {
    expectError(f, message);
  });

  test('accept strings and tokens', () => {
    const token = Fn.importValue('Branch');
    expect(GitHubActionsSubject.branch('octo', 'app', 'main')).toBe('repo:octo/app:ref:refs/heads/main');
    expect(GitHubActionsSubject.tag('octo', 'app', token)).toContain('ref:refs/tags/');
    expect(GitHubActionsSubject.environment('octo', 'app', 'prod')).toBe('repo:octo/app:environment:prod');
    expect(GitHubActionsSubject.pullRequest('octo', 'app')).toBe('repo:octo/app:pull_request');
    expect(GitHubActionsSubject.anyRef('octo', 'app')).toBe('repo:octo/app:*');
    expect(GitLabSubject.branch('group/project', 'main')).toBe('project_path:group/project:ref_type:branch:ref:main');
    expect(GitLabSubject.tag('group/project', 'v1')).toBe('project_path:group/project:ref_type:tag:ref:v1');
    expect(GitLabSubject.anyRef(token)).toContain('project_path:');
    expect(TerraformCloudSubject.workspace({ organization: 'acme', workspace: 'w', runPhase: 'plan' })).toBe(
      'organization:acme:project:Default Project:workspace:w:run_phase:plan');
  });
});

describe('TrustedTokenIssuer', () => {
  const valid = () => ({ instanceArn: INSTANCE, configuration: TrustedTokenIssuerConfiguration.oidcJwt(OKTA) });

  test('rejects a missing instanceArn instead of synthesizing a template without it', () => {
    const stack = newStack();
    expectError(() => new TrustedTokenIssuer(stack, 'Issuer', js({ configuration: TrustedTokenIssuerConfiguration.oidcJwt(OKTA) })),
      /^Stack\/Issuer: instanceArn undefined is required: an IAM Identity Center instance ARN, arn:<partition>:sso:::instance\/ssoins-<16 characters>$/);
  });

  test.each<[string, unknown, RegExp]>([
    ['no props', undefined, /^Stack\/Issuer: props undefined is required: TrustedTokenIssuerProps, an object with instanceArn and configuration$/],
    ['no configuration', { instanceArn: INSTANCE }, /^Stack\/Issuer: configuration undefined is required: the configuration of the issuer, TrustedTokenIssuerConfiguration.oidcJwt/],
    ['a plain object for the configuration', { instanceArn: INSTANCE, configuration: OKTA },
      /^Stack\/Issuer: configuration \{"issuerUrl":"https:\/\/example.okta.com",.*\} must be a TrustedTokenIssuerConfiguration: the configuration of the issuer, TrustedTokenIssuerConfiguration.oidcJwt\(/],
    ['an instanceArn of another type', { ...valid(), instanceArn: ['arn'] }, /^Stack\/Issuer: instanceArn \["arn"\] must be a string: an IAM Identity Center instance ARN/],
    ['a name of another type', { ...valid(), trustedTokenIssuerName: 5 }, /^Stack\/Issuer: trustedTokenIssuerName 5 must be a string \(or left out\): the name of the issuer/],
    ['a tag value of another type', { ...valid(), tags: { team: true } }, /^Stack\/Issuer: tags\["team"\] true must be a string: tag values by key/],
    ['a removalPolicy outside the enum', { ...valid(), removalPolicy: 'RETAIN' }, /^Stack\/Issuer: removalPolicy "RETAIN" must be one of DESTROY, RETAIN, SNAPSHOT, RETAIN_ON_UPDATE_OR_DELETE \(RemovalPolicy; the values are "destroy", "retain"/],
    ['an implementation outside the enum', { ...valid(), implementation: 'native' }, /^Stack\/Issuer: implementation "native" must be one of CLOUDFORMATION, CUSTOM_RESOURCE \(TrustedTokenIssuerImplementation\)$/],
  ])('rejects %s', (_name, props, message) => {
    expectError(() => new TrustedTokenIssuer(newStack(), 'Issuer', js(props)), message);
  });

  test('rejects a token implementation (the library branches on it at synth time)', () => {
    const stack = newStack();
    expectError(() => new TrustedTokenIssuer(stack, 'Issuer', js({ ...valid(), implementation: param(stack) })),
      /^Stack\/Issuer: implementation ".*" must be one of CLOUDFORMATION, CUSTOM_RESOURCE \(TrustedTokenIssuerImplementation\), not a token/);
  });

  test('accepts valid props, the implementation as plain JavaScript writes it, and token strings', () => {
    const stack = newStack();
    new TrustedTokenIssuer(stack, 'Issuer', { ...valid(), instanceArn: param(stack), implementation: js('CLOUDFORMATION'), removalPolicy: js('retain') });
    Template.fromStack(stack).hasResourceProperties('AWS::SSO::TrustedTokenIssuer', { InstanceArn: { Ref: 'Param' } });
  });

  describe('TrustedTokenIssuerConfiguration.oidcJwt()', () => {
    test.each<[string, unknown, RegExp]>([
      ['no options', undefined, /^TrustedTokenIssuerConfiguration.oidcJwt: options undefined is required: OidcJwtConfigurationOptions, an object with issuerUrl/],
      ['no claimAttributePath', { issuerUrl: OKTA.issuerUrl, identityStoreAttributePath: 'emails.value' },
        /^TrustedTokenIssuerConfiguration.oidcJwt: claimAttributePath undefined is required: the path of the JWT claim that identifies the user, e.g. "email" or "sub"$/],
      ['no issuerUrl', { claimAttributePath: 'email', identityStoreAttributePath: 'emails.value' }, /^TrustedTokenIssuerConfiguration.oidcJwt: issuerUrl undefined is required: the issuer URL/],
      ['an identityStoreAttributePath of another type', { ...OKTA, identityStoreAttributePath: { path: 'userName' } },
        /^TrustedTokenIssuerConfiguration.oidcJwt: identityStoreAttributePath \{"path":"userName"\} must be a string: the Identity Center user attribute .*"userName", "emails.value", "externalIds.id"$/],
      ['a jwksRetrievalOption of another type', { ...OKTA, jwksRetrievalOption: 1 }, /^TrustedTokenIssuerConfiguration.oidcJwt: jwksRetrievalOption 1 must be a string \(or left out\): a JwksRetrievalOption/],
    ])('rejects %s at the call', (_name, options, message) => {
      expectError(() => TrustedTokenIssuerConfiguration.oidcJwt(js(options)), message);
    });
    test('still rejects a jwksRetrievalOption string outside the enum (the model lists the values)', () => {
      const configuration = TrustedTokenIssuerConfiguration.oidcJwt(js({ ...OKTA, jwksRetrievalOption: 'STATIC' }));
      expectError(() => new TrustedTokenIssuer(newStack(), 'Issuer', { instanceArn: INSTANCE, configuration }),
        /^Stack\/Issuer: jwksRetrievalOption "STATIC" must be one of "OPEN_ID_DISCOVERY"$/);
    });
    test('accepts valid options and tokens', () => {
      expect(TrustedTokenIssuerConfiguration.oidcJwt({ ...OKTA, issuerUrl: Fn.importValue('Url') }).trustedTokenIssuerType).toBe('OIDC_JWT');
    });
  });

  describe('fromTrustedTokenIssuerArn(), grant() and grantRead()', () => {
    test('rejects a missing ARN, and grantees or actions of the wrong kind', () => {
      const stack = newStack();
      expectError(() => TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'I', js(undefined)),
        /^TrustedTokenIssuer.fromTrustedTokenIssuerArn: trustedTokenIssuerArn undefined is required: a trusted token issuer ARN/);
      const issuer = TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'Issuer', ISSUER_ARN);
      expectError(() => issuer.grantRead(js('arn:aws:iam::123456789012:role/reader')),
        /^Stack\/Issuer: grantee "arn:aws:iam::123456789012:role\/reader" must be an iam.IGrantable \(an object with a grantPrincipal\): the principal to grant to/);
      expectError(() => issuer.grant(js({ roleArn: 'arn:aws:iam::123456789012:role/reader' }), 'sso:DescribeTrustedTokenIssuer'), /^Stack\/Issuer: grantee \{"roleArn":.*\} must be an iam.IGrantable/);
      expectError(() => issuer.grant(role(stack), js(['sso:DescribeTrustedTokenIssuer'])), /^Stack\/Issuer: actions\[0\] \["sso:DescribeTrustedTokenIssuer"\] must be a string: IAM actions/);
      expectError(() => issuer.grant(js(undefined)), /^Stack\/Issuer: grantee undefined is required/);
    });
    test('accept a role, a token ARN and token actions', () => {
      const stack = newStack();
      const issuer = TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'Issuer', Fn.importValue('IssuerArn'));
      expect(issuer.grantRead(role(stack)).success).toBe(true);
      expect(issuer.grant(iam.Role.fromRoleArn(stack, 'R', 'arn:aws:iam::123456789012:role/r'), param(stack)).success).toBe(true);
    });
  });
});

describe('IdentityCenterApplication', () => {
  const valid = { instanceArn: INSTANCE, assignmentRequired: false };
  const app = (stack = newStack()) => new IdentityCenterApplication(stack, 'App', valid);

  test.each<[string, unknown, RegExp]>([
    ['no props', undefined, /^Stack\/App: props undefined is required: IdentityCenterApplicationProps, an object with instanceArn and assignmentRequired$/],
    ['no instanceArn', { assignmentRequired: true }, /^Stack\/App: instanceArn undefined is required: an IAM Identity Center instance ARN, arn:<partition>:sso:::instance\/ssoins-<16 characters>$/],
    ['no assignmentRequired', { instanceArn: INSTANCE }, /^Stack\/App: assignmentRequired undefined is required and must be true or false: Identity Center creates applications/],
    ['assignmentRequired as a string', { ...valid, assignmentRequired: 'false' }, /^Stack\/App: assignmentRequired "false" must be true or false: Identity Center/],
    ['a name of another type', { ...valid, applicationName: 1 }, /^Stack\/App: applicationName 1 must be a string \(or left out\): the name of the application/],
    ['a provider ARN of another type', { ...valid, applicationProviderArn: {} }, /^Stack\/App: applicationProviderArn \{\} must be a string \(or left out\): an application provider ARN/],
    ['a description of another type', { ...valid, description: ['x'] }, /^Stack\/App: description \["x"\] must be a string \(or left out\)/],
    ['a status of another type', { ...valid, status: true }, /^Stack\/App: status true must be a string \(or left out\): an ApplicationStatus/],
    ['a status outside the enum', { ...valid, status: 'ON' }, /^Stack\/App: status "ON" must be one of "ENABLED", "DISABLED"$/],
    ['portalOptions as a string', { ...valid, portalOptions: 'ENABLED' }, /^Stack\/App: portalOptions "ENABLED" must be an object \(or left out\): ApplicationPortalOptions/],
    ['a visibility of another type', { ...valid, portalOptions: { visibility: 1 } }, /^Stack\/App: portalOptions.visibility 1 must be a string \(or left out\): an ApplicationVisibility/],
    ['a signInOrigin of another type', { ...valid, portalOptions: { signInOrigin: {} } }, /^Stack\/App: portalOptions.signInOrigin \{\} must be a string \(or left out\): a SignInOrigin/],
    ['an applicationUrl of another type', { ...valid, portalOptions: { signInOrigin: 'APPLICATION', applicationUrl: 1 } },
      /^Stack\/App: portalOptions.applicationUrl 1 must be a string \(or left out\)/],
    ['userBackgroundSessions as a string', { ...valid, userBackgroundSessions: 'ENABLED' }, /^Stack\/App: userBackgroundSessions "ENABLED" must be true or false \(or left out\)/],
    ['tags as a list', { ...valid, tags: [{ key: 'team', value: 'data' }] }, /^Stack\/App: tags \[\{"key":"team","value":"data"\}\] must be an object of strings \(or left out\)/],
    ['a removalPolicy outside the enum', { ...valid, removalPolicy: 'keep' }, /^Stack\/App: removalPolicy "keep" must be one of DESTROY, RETAIN/],
  ])('rejects %s', (_name, props, message) => {
    expectError(() => new IdentityCenterApplication(newStack(), 'App', js(props)), message);
  });

  test('accepts valid props, enums as plain JavaScript writes them, and tokens', () => {
    const stack = newStack();
    new IdentityCenterApplication(stack, 'App', js({
      ...valid, instanceArn: param(stack), status: 'ENABLED', portalOptions: { visibility: param(stack, 'V') }, removalPolicy: 'retain',
    }));
    Template.fromStack(stack).hasResourceProperties('AWS::SSO::Application', { InstanceArn: { Ref: 'Param' }, Status: 'ENABLED', PortalOptions: { Visibility: { Ref: 'V' } } });
  });

  test('rejects fromApplicationArn without an ARN', () => {
    expectError(() => IdentityCenterApplication.fromApplicationArn(newStack(), 'I', js(undefined)),
      /^IdentityCenterApplication.fromApplicationArn: applicationArn undefined is required: an Identity Center application ARN, arn:<partition>:sso::<12-digit account>:application\//);
  });

  test('accepts fromApplicationArn with a token ARN', () => {
    expect(IdentityCenterApplication.fromApplicationArn(newStack(), 'I', Fn.importValue('AppArn')).instanceArn).toBeDefined();
  });

  describe('addGrant() and the ApplicationGrant factories', () => {
    test.each<[string, unknown, RegExp]>([
      ['no grant', undefined, /^Stack\/App: grant undefined is required: ApplicationGrant.jwtBearer\(\{...\}\), ApplicationGrant.authorizationCode/],
      ['a grant type string', 'refresh_token', /^Stack\/App: grant "refresh_token" must be an ApplicationGrant: ApplicationGrant.jwtBearer/],
      ['a plain object', { grantType: 'refresh_token' }, /^Stack\/App: grant \{"grantType":"refresh_token"\} must be an ApplicationGrant/],
    ])('addGrant rejects %s', (_name, grant, message) => {
      expectError(() => app().addGrant(js(grant)), message);
    });

    test.each<[string, () => unknown, RegExp]>([
      ['jwtBearer without options', () => ApplicationGrant.jwtBearer(js(undefined)), /^ApplicationGrant.jwtBearer: options undefined is required: JwtBearerGrantOptions/],
      ['jwtBearer without issuers', () => ApplicationGrant.jwtBearer(js({})),
        /^ApplicationGrant.jwtBearer: authorizedTokenIssuers undefined is required: the issuers whose JWTs the application may exchange/],
      ['jwtBearer with one issuer instead of a list', () => ApplicationGrant.jwtBearer(js({ authorizedTokenIssuers: { trustedTokenIssuer: 'x', authorizedAudiences: ['a'] } })),
        /^ApplicationGrant.jwtBearer: authorizedTokenIssuers \{.*\} must be a list: the issuers/],
      ['jwtBearer with an issuer ARN instead of an issuer', () => ApplicationGrant.jwtBearer(js({ authorizedTokenIssuers: [{ trustedTokenIssuer: ISSUER_ARN, authorizedAudiences: ['a'] }] })),
        /^ApplicationGrant.jwtBearer: authorizedTokenIssuers\[0\].trustedTokenIssuer "arn:aws:sso::.*" must be an ITrustedTokenIssuer: a TrustedTokenIssuer of this app, or one imported with TrustedTokenIssuer.fromTrustedTokenIssuerArn/],
      ['jwtBearer with a plain object as the issuer', () => ApplicationGrant.jwtBearer(js({
        authorizedTokenIssuers: [{ trustedTokenIssuer: { trustedTokenIssuerArn: ISSUER_ARN, instanceArn: INSTANCE }, authorizedAudiences: ['a'] }],
      })), /^ApplicationGrant.jwtBearer: authorizedTokenIssuers\[0\].trustedTokenIssuer \{"trustedTokenIssuerArn":.* must be an ITrustedTokenIssuer/],
      ['jwtBearer with audiences as a string', () => ApplicationGrant.jwtBearer(js({
        authorizedTokenIssuers: [{ trustedTokenIssuer: TrustedTokenIssuer.fromTrustedTokenIssuerArn(newStack(), 'I', ISSUER_ARN), authorizedAudiences: 'client' }],
      })), /^ApplicationGrant.jwtBearer: authorizedTokenIssuers\[0\].authorizedAudiences "client" must be a list of strings: the IdP client IDs/],
      ['jwtBearer with an issuer entry that is not an object', () => ApplicationGrant.jwtBearer(js({ authorizedTokenIssuers: [ISSUER_ARN] })),
        /^ApplicationGrant.jwtBearer: authorizedTokenIssuers\[0\] "arn:.*" must be an object: an AuthorizedTokenIssuer/],
      ['authorizationCode with a single URI', () => ApplicationGrant.authorizationCode(js({ redirectUris: 'https://app.example.com/cb' })),
        /^ApplicationGrant.authorizationCode: redirectUris "https:\/\/app.example.com\/cb" must be a list of strings: where Identity Center may redirect/],
      ['authorizationCode without options', () => ApplicationGrant.authorizationCode(js(undefined)), /^ApplicationGrant.authorizationCode: options undefined is required/],
    ])('rejects %s at the call', (_name, f, message) => {
      expectError(f, message);
    });

    test('accept valid grants, imported issuers and tokens', () => {
      const stack = newStack();
      const a = app(stack);
      const issuer = TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'Issuer', ISSUER_ARN);
      a.addGrant(ApplicationGrant.jwtBearer({ authorizedTokenIssuers: [{ trustedTokenIssuer: issuer, authorizedAudiences: [param(stack)] }] }));
      a.addGrant(ApplicationGrant.authorizationCode({ redirectUris: Fn.split(',', Fn.importValue('Uris')) }));
      a.addGrant(ApplicationGrant.refreshToken());
      a.addGrant(ApplicationGrant.tokenExchange());
      Template.fromStack(stack).resourceCountIs('Custom::IdentityCenterApplicationGrant', 4);
    });
  });

  describe('addAccessScope() and AccessScope.custom()', () => {
    test.each<[string, () => unknown, RegExp]>([
      ['a scope name string', () => app().addAccessScope(js('sts:identity_context')),
        /^Stack\/App: scope "sts:identity_context" must be an AccessScope: an AccessScope constant such as AccessScope.STS_IDENTITY_CONTEXT, or AccessScope.custom\(name\)$/],
      ['no scope', () => app().addAccessScope(js(undefined)), /^Stack\/App: scope undefined is required: an AccessScope constant/],
      ['options as a list', () => app().addAccessScope(AccessScope.OPENID, js([APPLICATION_ARN])), /^Stack\/App: options \["arn:.*"\] must be an object \(or left out\): AccessScopeOptions/],
      ['authorizedTargets as a string', () => app().addAccessScope(AccessScope.OPENID, js({ authorizedTargets: APPLICATION_ARN })),
        /^Stack\/App: authorizedTargets "arn:.*" must be a list of strings \(or left out\): Identity Center application or instance ARNs/],
      ['AccessScope.custom without a name', () => AccessScope.custom(js(undefined)), /^AccessScope.custom: name undefined is required: one to three names/],
    ])('rejects %s', (_name, f, message) => {
      expectError(f, message);
    });
    test('accept valid scopes and token targets', () => {
      const stack = newStack();
      const a = app(stack);
      a.addAccessScope(AccessScope.STS_IDENTITY_CONTEXT, { authorizedTargets: [param(stack)] });
      a.addAccessScope(AccessScope.custom('redshift:connect'));
      Template.fromStack(stack).resourceCountIs('Custom::IdentityCenterApplicationAccessScope', 2);
    });
  });

  describe('grantCreateTokenWithIam(), assignUser() and assignGroup()', () => {
    test('rejects grantees and principal IDs of the wrong kind', () => {
      expectError(() => app().grantCreateTokenWithIam(js('arn:aws:iam::123456789012:role/caller')),
        /^Stack\/App: grantee "arn:aws:iam::123456789012:role\/caller" must be an iam.IGrantable \(an object with a grantPrincipal\): the IAM role or user that calls CreateTokenWithIAM/);
      expectError(() => app().grantCreateTokenWithIam(js({ roleArn: 'arn:aws:iam::123456789012:role/caller' })),
        /^Stack\/App: grantee \{"roleArn":.*\} must be an iam.IGrantable/);
      expectError(() => app().assignUser(js(undefined)), /^Stack\/App: userId undefined is required: the identity store ID of the user$/);
      expectError(() => app().assignGroup(js(42)), /^Stack\/App: groupId 42 must be a string: the identity store ID of the group$/);
    });
    test('accept a role and identity store IDs', () => {
      const stack = newStack();
      const a = app(stack);
      expect(a.grantCreateTokenWithIam(role(stack)).success).toBe(true);
      a.assignUser('906745f8b1-0a1b2c3d-1111-2222-3333-444455556666');
      a.assignGroup('0a1b2c3d-1111-2222-3333-444455556666');
      Template.fromStack(stack).resourceCountIs('AWS::SSO::ApplicationAssignment', 2);
    });
  });
});

describe('IdentityContextPrincipal', () => {
  test.each<[string, () => unknown, RegExp]>([
    ['no principal', () => new IdentityContextPrincipal(js(undefined)),
      /^IdentityContextPrincipal: principal undefined is required: the IAM role or user that calls AssumeRole/],
    ['a role ARN instead of a principal', () => new IdentityContextPrincipal(js('arn:aws:iam::123456789012:role/caller')),
      /^IdentityContextPrincipal: principal "arn:aws:iam::123456789012:role\/caller" must be an iam.IPrincipal: the IAM role or user that calls AssumeRole/],
    ['options as a string', () => new IdentityContextPrincipal(new iam.AccountRootPrincipal(), js(APPLICATION_ARN)),
      /^IdentityContextPrincipal: options "arn:.*" must be an object \(or left out\): IdentityContextPrincipalOptions/],
    ['an applicationArn of another type', () => new IdentityContextPrincipal(new iam.AccountRootPrincipal(), js({ applicationArn: [APPLICATION_ARN] })),
      /^IdentityContextPrincipal: applicationArn \["arn:.*"\] must be a string \(or left out\): an Identity Center application ARN$/],
    ['an instanceArn of another type', () => new IdentityContextPrincipal(new iam.AccountRootPrincipal(), js({ instanceArn: 1 })),
      /^IdentityContextPrincipal: instanceArn 1 must be a string \(or left out\): an Identity Center instance ARN$/],
    ['allowAnyContextProvider as a string', () => new IdentityContextPrincipal(new iam.AccountRootPrincipal(), js({ allowAnyContextProvider: 'true' })),
      /^IdentityContextPrincipal: allowAnyContextProvider "true" must be true or false \(or left out\)/],
  ])('rejects %s', (_name, f, message) => {
    expectError(f, message);
  });
  test('accepts a role, an account principal and token ARNs', () => {
    const stack = newStack();
    expect(() => new IdentityContextPrincipal(role(stack), { applicationArn: Fn.importValue('AppArn'), allowAnyContextProvider: false })).not.toThrow();
    expect(() => new IdentityContextPrincipal(new iam.AccountRootPrincipal())).not.toThrow();
  });
});

describe('VerifiedAccessTrustProvider', () => {
  const valid = () => ({ policyReferenceName: 'okta', provider: TrustProvider.oidc(OIDC) });

  test.each<[string, unknown, RegExp]>([
    ['no props', undefined, /^Stack\/P: props undefined is required: VerifiedAccessTrustProviderProps, an object with policyReferenceName and provider$/],
    ['no policyReferenceName', { provider: TrustProvider.iamIdentityCenter() }, /^Stack\/P: policyReferenceName undefined is required: the identifier Verified Access policies use/],
    ['no provider', { policyReferenceName: 'idc' }, /^Stack\/P: provider undefined is required: TrustProvider.iamIdentityCenter\(\), TrustProvider.oidc\(\{...\}\)/],
    ['a plain object as the provider', { policyReferenceName: 'okta', provider: OIDC }, /^Stack\/P: provider \{"issuer":.* must be a TrustProvider: TrustProvider.iamIdentityCenter\(\)/],
    ['a description of another type', { ...valid(), description: 1 }, /^Stack\/P: description 1 must be a string \(or left out\)/],
    ['a key ARN instead of a key', { ...valid(), encryptionKey: 'arn:aws:kms:us-east-1:123456789012:key/abc' },
      /^Stack\/P: encryptionKey "arn:aws:kms:.*" must be a kms.IKey \(or left out\): a customer managed KMS key, e.g. new kms.Key\(...\) or kms.Key.fromKeyArn/],
    ['allowPlainTextSecret as a string', { ...valid(), allowPlainTextSecret: 'no' }, /^Stack\/P: allowPlainTextSecret "no" must be true or false \(or left out\)/],
    ['a removalPolicy outside the enum', { ...valid(), removalPolicy: 'Retain' }, /^Stack\/P: removalPolicy "Retain" must be one of DESTROY, RETAIN/],
    ['a tag value of another type', { ...valid(), tags: { team: null } }, /^Stack\/P: tags\["team"\] null must be a string: tag values by key/],
  ])('rejects %s', (_name, props, message) => {
    expectError(() => new VerifiedAccessTrustProvider(newStack(), 'P', js(props)), message);
  });

  test('accepts valid props, a key and a token name', () => {
    const stack = newStack();
    new VerifiedAccessTrustProvider(stack, 'P', { ...valid(), policyReferenceName: param(stack), encryptionKey: new kms.Key(stack, 'K'), allowPlainTextSecret: false });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::VerifiedAccessTrustProvider', { PolicyReferenceName: { Ref: 'Param' } });
  });

  const from = (attrs: unknown) => VerifiedAccessTrustProvider.fromVerifiedAccessTrustProviderAttributes(newStack(), 'I', js(attrs));

  test('rejects missing or wrong attributes in fromVerifiedAccessTrustProviderAttributes', () => {
    const at = /^VerifiedAccessTrustProvider.fromVerifiedAccessTrustProviderAttributes: /;
    expectError(() => from(undefined), new RegExp(at.source + 'attrs undefined is required: VerifiedAccessTrustProviderAttributes'));
    expectError(() => from('vatp-0123456789abcdef0'), new RegExp(at.source + 'attrs "vatp-0123456789abcdef0" must be an object'));
    expectError(() => from({}), new RegExp(at.source + 'verifiedAccessTrustProviderId undefined is required: the ID of the trust provider'));
    expectError(() => from({ verifiedAccessTrustProviderId: 'vatp-1', policyReferenceName: 1 }), new RegExp(at.source + 'policyReferenceName 1 must be a string \\(or left out\\)'));
  });

  test('accepts fromVerifiedAccessTrustProviderAttributes with a token ID', () => {
    expect(from({ verifiedAccessTrustProviderId: Fn.importValue('Id') }).verifiedAccessTrustProviderId).toBeDefined();
  });

  describe('TrustProvider factories', () => {
    test('oidc() rejects a client secret given as a plain string at the call, without showing it (instead of a TypeError)', () => {
      expectError(() => TrustProvider.oidc(js({ ...OIDC, clientSecret: 'hunter2-secret' })),
        /^TrustProvider.oidc: clientSecret \(a string, value not shown\) must be a SecretValue: the client secret as SecretValue.secretsManager\(...\)/);
      expect(() => TrustProvider.oidc(js({ ...OIDC, clientSecret: 'hunter2-secret' }))).not.toThrow(/hunter2/);
    });

    test.each<[string, () => unknown, RegExp]>([
      ['oidc without options', () => TrustProvider.oidc(js(undefined)), /^TrustProvider.oidc: options undefined is required: OidcTrustProviderOptions/],
      ['oidc without an issuer', () => TrustProvider.oidc(js({ ...OIDC, issuer: undefined })), /^TrustProvider.oidc: issuer undefined is required: the OIDC issuer/],
      ['oidc without a token endpoint', () => TrustProvider.oidc(js({ ...OIDC, tokenEndpoint: undefined })), /^TrustProvider.oidc: tokenEndpoint undefined is required: the OIDC token endpoint/],
      ['oidc without an authorization endpoint', () => TrustProvider.oidc(js({ ...OIDC, authorizationEndpoint: undefined })), /^TrustProvider.oidc: authorizationEndpoint undefined is required/],
      ['oidc without a user info endpoint', () => TrustProvider.oidc(js({ ...OIDC, userInfoEndpoint: undefined })), /^TrustProvider.oidc: userInfoEndpoint undefined is required/],
      ['oidc with a clientId of another type', () => TrustProvider.oidc(js({ ...OIDC, clientId: 1 })), /^TrustProvider.oidc: clientId 1 must be a string: the client identifier/],
      ['oidc without a client secret', () => TrustProvider.oidc(js({ ...OIDC, clientSecret: undefined })), /^TrustProvider.oidc: clientSecret undefined is required: the client secret/],
      ['oidc with a scope list', () => TrustProvider.oidc(js({ ...OIDC, scope: ['openid'] })), /^TrustProvider.oidc: scope \["openid"\] must be a string \(or left out\): OpenID Connect scopes/],
      ['oidc with nativeApplication as a string', () => TrustProvider.oidc(js({ ...OIDC, nativeApplication: 'client' })),
        /^TrustProvider.oidc: nativeApplication "client" must be an object \(or left out\): NativeApplicationOidcOptions/],
      ['oidc with a native client secret as a string', () => TrustProvider.oidc(js({
        ...OIDC, nativeApplication: { clientId: 'native', clientSecret: 'native-secret-value', publicSigningKeyEndpoint: 'https://example.okta.com/keys' },
      })), /^TrustProvider.oidc: nativeApplication.clientSecret \(a string, value not shown\) must be a SecretValue/],
      ['oidc without a native client ID', () => TrustProvider.oidc(js({
        ...OIDC, nativeApplication: { clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: 'https://example.okta.com/keys' },
      })), /^TrustProvider.oidc: nativeApplication.clientId undefined is required/],
      ['oidc without a native signing key endpoint', () => TrustProvider.oidc(js({
        ...OIDC, nativeApplication: { clientId: 'native', clientSecret: SecretValue.secretsManager('n') },
      })), /^TrustProvider.oidc: nativeApplication.publicSigningKeyEndpoint undefined is required: the provider's JWKS URI/],
      ['oidc with a native issuer of another type', () => TrustProvider.oidc(js({
        ...OIDC, nativeApplication: { clientId: 'native', clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: 'https://example.okta.com/keys', issuer: 1 },
      })), /^TrustProvider.oidc: nativeApplication.issuer 1 must be a string \(or left out\)/],
      ['oidc with a native scope of another type', () => TrustProvider.oidc(js({
        ...OIDC, nativeApplication: { clientId: 'native', clientSecret: SecretValue.secretsManager('n'), publicSigningKeyEndpoint: 'https://example.okta.com/keys', scope: 1 },
      })), /^TrustProvider.oidc: nativeApplication.scope 1 must be a string \(or left out\)/],
      ['jamf without options', () => TrustProvider.jamf(js(undefined)), /^TrustProvider.jamf: options undefined is required: an object with tenantId$/],
      ['jamf without a tenantId', () => TrustProvider.jamf(js({})), /^TrustProvider.jamf: tenantId undefined is required: the ID of the tenant application with Jamf$/],
      ['crowdStrike with a tenantId of another type', () => TrustProvider.crowdStrike(js({ tenantId: 7 })), /^TrustProvider.crowdStrike: tenantId 7 must be a string: the ID of the tenant application with CrowdStrike$/],
      ['jumpCloud with a string', () => TrustProvider.jumpCloud(js('tenant')), /^TrustProvider.jumpCloud: options "tenant" must be an object: an object with tenantId and publicSigningKeyUrl$/],
      ['jumpCloud without a signing key URL', () => TrustProvider.jumpCloud(js({ tenantId: 't' })),
        /^TrustProvider.jumpCloud: publicSigningKeyUrl undefined is required: the URL that verifies JumpCloud's device tokens/],
    ])('rejects %s at the call', (_name, f, message) => {
      expectError(f, message);
    });

    test('accept valid options, secrets and tokens', () => {
      const stack = newStack();
      const providers = [
        TrustProvider.iamIdentityCenter(),
        TrustProvider.oidc({
          ...OIDC,
          clientId: Fn.importValue('ClientId'),
          nativeApplication: { clientId: 'native', clientSecret: SecretValue.secretsManager('native'), publicSigningKeyEndpoint: 'https://example.okta.com/keys' },
        }),
        TrustProvider.jamf({ tenantId: param(stack) }),
        TrustProvider.crowdStrike({ tenantId: 'tenant' }),
        TrustProvider.jumpCloud({ tenantId: 'tenant', publicSigningKeyUrl: 'https://jumpcloud.example.com/keys' }),
      ];
      providers.forEach((provider, i) => new VerifiedAccessTrustProvider(stack, `P${i}`, { policyReferenceName: `p${i}`, provider }));
      Template.fromStack(stack).resourceCountIs('AWS::EC2::VerifiedAccessTrustProvider', 5);
    });
  });
});

describe('TrustedIdentityChecks.acknowledge()', () => {
  test('rejects a missing construct and a missing rule id', () => {
    expectError(() => TrustedIdentityChecks.acknowledge(js(undefined), 'OidcAudience', 'why'),
      /^TrustedIdentityChecks.acknowledge: construct undefined is required: the construct \(e.g. a role\) whose findings are acknowledged$/);
    expectError(() => TrustedIdentityChecks.acknowledge(js({ roleArn: 'arn' }), 'OidcAudience', 'why'), /^TrustedIdentityChecks.acknowledge: construct \{"roleArn":"arn"\} must be a construct/);
    expectError(() => TrustedIdentityChecks.acknowledge(newStack(), js(undefined), 'why'), /^Stack: ruleId undefined is required: one of "OidcAudience", /);
  });
  test('accepts a construct, a rule id and a reason', () => {
    expect(() => TrustedIdentityChecks.acknowledge(newStack(), 'OidcAudience', 'the audience is checked by the caller')).not.toThrow();
  });
});
