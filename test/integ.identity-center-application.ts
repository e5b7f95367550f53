/**
 * Integration test for IdentityCenterApplication: a real app that deploys unchanged in an account with IAM Identity
 * Center (the instance's account and home region). Pass the instance ARN as context:
 * `-c instanceArn=arn:aws:sso:::instance/ssoins-...` (`aws sso-admin list-instances`). Without it, the placeholder below
 * is used: it is what the committed snapshot holds and it is not a real instance.
 *
 * What the assertions prove:
 * - `SSOAdmin.getApplicationGrant` returns the jwt-bearer grant with the issuer and audience we declared.
 * - A Lambda function granted with `grantCreateTokenWithIam` calls `SSOOIDC.createTokenWithIAM` with a dummy
 *   assertion and gets `invalid_grant`: the grant, the authentication method (actor policy) and the identity policy
 *   are wired (a missing piece gives `AccessDeniedException` or `invalid_client` instead). integ-tests-alpha's
 *   `awsApiCall` fails the deployment on any SDK error and has no way to expect one, so the call is made by that
 *   function, which returns the OAuth error code, and the assertion checks the code.
 *
 * Snapshot checked offline by `npx projen integ`; regenerate with `npx projen integ:update`.
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  AccessScope, ApplicationGrant, IdentityCenterApplication, OAuthGrantType, TrustedTokenIssuer, TrustedTokenIssuerConfiguration,
} from '../src';

/** Placeholder instance (16 characters after `ssoins-`, as the API pattern wants); pass the real one as context. */
const PLACEHOLDER_INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-0000000000000000';

const app = new App();
const instanceArn: string = app.node.tryGetContext('instanceArn') ?? PLACEHOLDER_INSTANCE_ARN;
const stack = new Stack(app, 'IdentityCenterApplicationIntegStack');

// The IdP: a Cognito user pool and app client; Identity Center trusts its tokens through a trusted token issuer.
const pool = new cognito.UserPool(stack, 'Pool', { removalPolicy: RemovalPolicy.DESTROY });
const client = pool.addClient('Client');
const issuer = new TrustedTokenIssuer(stack, 'Issuer', {
  instanceArn,
  configuration: TrustedTokenIssuerConfiguration.oidcJwt({
    issuerUrl: pool.userPoolProviderUrl,
    claimAttributePath: 'email',
    identityStoreAttributePath: 'emails.value',
  }),
});

const application = new IdentityCenterApplication(stack, 'Application', {
  instanceArn,
  applicationName: 'cdk-trusted-identity-integ',
  description: 'cdk-trusted-identity integ test',
  assignmentRequired: false,
});
application.addGrant(ApplicationGrant.jwtBearer({
  authorizedTokenIssuers: [{ trustedTokenIssuer: issuer, authorizedAudiences: [client.userPoolClientId] }],
}));
application.addAccessScope(AccessScope.STS_IDENTITY_CONTEXT);

// Exchanges a dummy (unsigned) JWT and returns the OAuth error code. Node.js runtime SDK v3, no bundling.
const exchange = new lambda.Function(stack, 'Exchange', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  timeout: Duration.seconds(30),
  environment: { APPLICATION_ARN: application.applicationArn },
  code: lambda.Code.fromInline([
    "const { SSOOIDCClient, CreateTokenWithIAMCommand } = require('@aws-sdk/client-sso-oidc');",
    "const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');",
    'exports.handler = async () => {',
    "  const assertion = `${b64({ alg: 'none' })}.${b64({ iss: 'https://invalid.example.com', sub: 'nobody', aud: 'none' })}.`;",
    '  try {',
    `    await new SSOOIDCClient({}).send(new CreateTokenWithIAMCommand({ clientId: process.env.APPLICATION_ARN, grantType: '${OAuthGrantType.JWT_BEARER}', assertion }));`,
    "    return 'unexpected success';",
    '  } catch (e) {',
    '    return e.error ?? e.name;',
    '  }',
    '};',
  ].join('\n')),
});
application.grantCreateTokenWithIam(exchange);

const integ = new IntegTest(app, 'IdentityCenterApplicationInteg', { testCases: [stack] });

integ.assertions
  .awsApiCall('SSOAdmin', 'getApplicationGrant', { ApplicationArn: application.applicationArn, GrantType: OAuthGrantType.JWT_BEARER })
  .expect(ExpectedResult.objectLike({
    Grant: {
      JwtBearer: {
        AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: issuer.trustedTokenIssuerArn, AuthorizedAudiences: [client.userPoolClientId] }],
      },
    },
  }));

integ.assertions
  .invokeFunction({ functionName: exchange.functionName })
  .expect(ExpectedResult.objectLike({ Payload: Match.stringLikeRegexp('invalid_grant') }));
