import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sso from 'aws-cdk-lib/aws-sso';
import { AwsCustomResource, AwsCustomResourcePolicy, AwsSdkCall, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { AccessScope, ApplicationGrant, IdentityCenterApplication, TrustedTokenIssuer, TrustedTokenIssuerConfiguration } from './library';
import { countResources, largestInlinePolicyPerRole, measure, record, table } from './util';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const MAX_RESOURCES = 500;
const MAX_TEMPLATE_BYTES = 1_000_000;
const MAX_INLINE_POLICY_CHARS = 10_240;
const SCOPES = ['sts:identity_context', 's3:access_grants:read_write', 'openid'];

/** n applications × (4 grants + 3 access scopes + IAM authentication method + assignment configuration) + n issuers. */
function applications(n: number) {
  return (stack: Stack) => {
    const exchanger = new iam.Role(stack, 'Exchanger', { assumedBy: new iam.AccountRootPrincipal() });
    for (let i = 0; i < n; i++) {
      const issuer = new TrustedTokenIssuer(stack, `Issuer${i}`, {
        instanceArn: INSTANCE,
        configuration: TrustedTokenIssuerConfiguration.oidcJwt({
          issuerUrl: `https://issuer${i}.example.com`, claimAttributePath: 'email', identityStoreAttributePath: 'emails.value',
        }),
      });
      const app = new IdentityCenterApplication(stack, `App${i}`, { instanceArn: INSTANCE, assignmentRequired: false });
      app.addGrant(ApplicationGrant.jwtBearer({ authorizedTokenIssuers: [{ trustedTokenIssuer: issuer, authorizedAudiences: [`client-${i}`] }] }));
      app.addGrant(ApplicationGrant.authorizationCode({ redirectUris: [`https://app${i}.example.com/callback`] }));
      app.addGrant(ApplicationGrant.refreshToken());
      app.addGrant(ApplicationGrant.tokenExchange());
      for (const scope of SCOPES) app.addAccessScope(AccessScope.custom(scope));
      app.grantCreateTokenWithIam(exchanger);
    }
  };
}

/** What teams hand-write today: the L1 application and one AwsCustomResource (with its own policy) per call. */
function naive(n: number) {
  return (stack: Stack) => {
    const exchanger = new iam.Role(stack, 'Exchanger', { assumedBy: new iam.AccountRootPrincipal() });
    const cr = (id: string, call: AwsSdkCall) => new AwsCustomResource(stack, id, {
      installLatestAwsSdk: false,
      onCreate: { ...call, physicalResourceId: PhysicalResourceId.of(id) },
      onUpdate: { ...call, physicalResourceId: PhysicalResourceId.of(id) },
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
    for (let i = 0; i < n; i++) {
      const issuer = cr(`Issuer${i}`, {
        service: 'SSOAdmin',
        action: 'CreateTrustedTokenIssuer',
        parameters: {
          InstanceArn: INSTANCE,
          Name: `issuer${i}`,
          TrustedTokenIssuerType: 'OIDC_JWT',
          TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: { IssuerUrl: `https://issuer${i}.example.com`, ClaimAttributePath: 'email', IdentityStoreAttributePath: 'emails.value', JwksRetrievalOption: 'OPEN_ID_DISCOVERY' } },
        },
      });
      const app = new sso.CfnApplication(stack, `App${i}`, {
        instanceArn: INSTANCE, name: `app${i}`, applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
      });
      const ApplicationArn = app.attrApplicationArn;
      const put = (id: string, action: string, parameters: any) => cr(`App${i}${id}`, { service: 'SSOAdmin', action, parameters: { ApplicationArn, ...parameters } });
      put('JwtBearer', 'PutApplicationGrant', {
        GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: issuer.getResponseField('TrustedTokenIssuerArn'), AuthorizedAudiences: [`client-${i}`] }] } },
      });
      put('AuthorizationCode', 'PutApplicationGrant', { GrantType: 'authorization_code', Grant: { AuthorizationCode: { RedirectUris: [`https://app${i}.example.com/callback`] } } });
      put('RefreshToken', 'PutApplicationGrant', { GrantType: 'refresh_token', Grant: { RefreshToken: {} } });
      put('TokenExchange', 'PutApplicationGrant', { GrantType: 'urn:ietf:params:oauth:grant-type:token-exchange', Grant: { TokenExchange: {} } });
      SCOPES.forEach((Scope, s) => put(`Scope${s}`, 'PutApplicationAccessScope', { Scope }));
      put('Authn', 'PutApplicationAuthenticationMethod', {
        AuthenticationMethodType: 'IAM',
        AuthenticationMethod: { Iam: { ActorPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: exchanger.roleArn }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }] } } },
      });
      put('Assignment', 'PutApplicationAssignmentConfiguration', { AssignmentRequired: false });
    }
  };
}

/** 20 applications (the scenario) and 1 for scale, against the hand-written AwsCustomResource version. */
export function runIdentityCenterApplicationBench(): string {
  const rows: (string | number)[][] = [];
  for (const n of [1, 20]) {
    const r = measure({ construct: applications(n), naive: naive(n) }, n === 20 ? 5 : 7);
    for (const [variant, res] of [['IdentityCenterApplication', r.construct], ['naive AwsCustomResource', r.naive]] as const) {
      record('IdentityCenterApplication (4 grants, 3 scopes, method, assignment each)', `${n} applications + ${n} issuers`, variant, res, r.naive);
      const resources = countResources(res.template);
      const lambdas = countResources(res.template, 'AWS::Lambda::Function');
      const policy = largestInlinePolicyPerRole(res.template);
      const ok = resources <= MAX_RESOURCES && res.templateBytes <= MAX_TEMPLATE_BYTES && lambdas <= 1 && policy <= MAX_INLINE_POLICY_CHARS;
      rows.push([n, variant, res.ms.toFixed(0), res.templateBytes, `${(100 * res.templateBytes / MAX_TEMPLATE_BYTES).toFixed(1)}%`,
        resources, lambdas, policy, ok ? 'yes' : '**NO**']);
    }
  }
  return table([
    'applications (+ issuers)', 'variant', 'synth CPU ms', 'template bytes', 'of 1 MB', `resources (≤ ${MAX_RESOURCES})`, 'Lambda functions',
    `largest inline policies per role (≤ ${MAX_INLINE_POLICY_CHARS})`, 'within limits',
  ], rows);
}
