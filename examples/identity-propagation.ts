/**
 * Trusted identity propagation end to end: `npx projen example:identity-propagation` synthesizes it offline
 * (`cdk synth --app "npx ts-node --transpile-only --prefer-ts-exts identity-propagation.ts"` in examples/).
 *
 * 1. An IdP: a Cognito user pool and app client (stand-in for Okta, Entra ID, ...).
 * 2. IAM Identity Center trusts its tokens: a TrustedTokenIssuer, matched on the user's email.
 * 3. An Identity Center application accepts those tokens (jwt-bearer grant for the app client ID), may issue
 *    identity contexts (sts:identity_context) and says explicitly whether users must be assigned.
 * 4. A Lambda function exchanges the user's ID token for an Identity Center token (CreateTokenWithIAM), then assumes
 *    a role with the user's identity context (AssumeRole with ProvidedContexts): an identity-enhanced session.
 *
 * Deploy in the account and home region of the Identity Center instance: `-c instanceArn=arn:aws:sso:::instance/ssoins-...`.
 * Invoke the function with `{ "idToken": "<a Cognito ID token of a user whose email exists in Identity Center>" }`.
 */
import { App, Aspects, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  AccessScope, ApplicationGrant, IdentityCenterApplication, IdentityContextPrincipal, OAuthGrantType, TrustedIdentityChecks,
  TrustedTokenIssuer, TrustedTokenIssuerConfiguration,
} from '../src';

const app = new App();
const instanceArn: string = app.node.tryGetContext('instanceArn') ?? 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const stack = new Stack(app, 'TrustedIdentityPropagationExample', {
  description: 'cdk-trusted-identity example: exchange an IdP token for an identity-enhanced session',
});

// 1. The IdP.
const pool = new cognito.UserPool(stack, 'UserPool', { signInAliases: { email: true } });
const client = pool.addClient('WebClient', { authFlows: { userSrp: true } });

// 2. Identity Center trusts the IdP's tokens.
const issuer = new TrustedTokenIssuer(stack, 'CognitoIssuer', {
  instanceArn,
  configuration: TrustedTokenIssuerConfiguration.oidcJwt({
    issuerUrl: pool.userPoolProviderUrl,
    claimAttributePath: 'email',
    identityStoreAttributePath: 'emails.value',
  }),
});

// 3. The application the workload exchanges tokens for.
const application = new IdentityCenterApplication(stack, 'DataApp', {
  instanceArn,
  description: 'Exchanges Cognito tokens for identity-enhanced sessions',
  // Explicit: with `true`, only assigned users and groups (assignUser/assignGroup) get tokens.
  assignmentRequired: false,
});
application.addGrant(ApplicationGrant.jwtBearer({
  authorizedTokenIssuers: [{ trustedTokenIssuer: issuer, authorizedAudiences: [client.userPoolClientId] }],
}));
application.addAccessScope(AccessScope.STS_IDENTITY_CONTEXT);

// 4. The workload and the role it assumes with the user's identity.
const exchange = new lambda.Function(stack, 'Exchange', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  timeout: Duration.seconds(30),
  code: lambda.Code.fromInline(`
const { SSOOIDCClient, CreateTokenWithIAMCommand } = require('@aws-sdk/client-sso-oidc');
const { STSClient, AssumeRoleCommand, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');

exports.handler = async (event) => {
  // The IdP's JWT for an Identity Center token of this application.
  const token = await new SSOOIDCClient({}).send(new CreateTokenWithIAMCommand({
    clientId: process.env.APPLICATION_ARN,
    grantType: '${OAuthGrantType.JWT_BEARER}',
    assertion: event.idToken,
  }));
  // The identity context is a claim of the returned ID token (needs the sts:identity_context scope).
  const claims = JSON.parse(Buffer.from(token.idToken.split('.')[1], 'base64url').toString());
  const context = claims['sts:identity_context'];
  if (!context) throw new Error('empty identity context: add AccessScope.STS_IDENTITY_CONTEXT to the application');
  const { Credentials } = await new STSClient({}).send(new AssumeRoleCommand({
    RoleArn: process.env.ROLE_ARN,
    RoleSessionName: 'identity-enhanced',
    DurationSeconds: 900,
    ProvidedContexts: [{ ProviderArn: process.env.CONTEXT_PROVIDER_ARN, ContextAssertion: context }],
  }));
  const session = new STSClient({ credentials: {
    accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken,
  } });
  const { Arn } = await session.send(new GetCallerIdentityCommand({}));
  return { assumedRole: Arn, user: claims.sub };
};
`),
});

const dataAccess = new iam.Role(stack, 'DataAccessRole', {
  // sts:AssumeRole + sts:SetContext, only with Identity Center contexts of this application.
  assumedBy: new IdentityContextPrincipal(exchange.grantPrincipal, { applicationArn: application.applicationArn }),
  maxSessionDuration: Duration.hours(1),
});
dataAccess.grant(exchange.grantPrincipal, 'sts:AssumeRole', 'sts:SetContext');
application.grantCreateTokenWithIam(exchange);

exchange.addEnvironment('APPLICATION_ARN', application.applicationArn);
exchange.addEnvironment('ROLE_ARN', dataAccess.roleArn);
exchange.addEnvironment('CONTEXT_PROVIDER_ARN', IdentityContextPrincipal.identityCenterContextProvider());

// Audit every federated trust of the app (it finds nothing here).
Aspects.of(app).add(new TrustedIdentityChecks());
app.synth();
