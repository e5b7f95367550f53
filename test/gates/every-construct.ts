/**
 * One stack with every construct of the library, with realistic props: the subject of the release gates (cdk-nag,
 * cfn-lint, the audit aspect). Add each new construct here.
 */
import { Annotations, App, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  AccessScope, ApplicationGrant, GitHubActionsSubject, IdentityCenterApplication, IdentityContextPrincipal, OidcProvider, TrustedTokenIssuer,
  TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation, TrustProvider, VerifiedAccessTrustProvider,
} from '../../src';

export const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';

/** Builds the every-construct app (one stack, `EveryConstruct`). */
export function everyConstructApp(app = new App()): { app: App; stack: Stack } {
  const stack = new Stack(app, 'EveryConstruct', { env: { account: '123456789012', region: 'us-east-1' } });

  const github = OidcProvider.gitHubActions(stack, 'GitHub', { removalPolicy: RemovalPolicy.RETAIN });
  new iam.Role(stack, 'GitHubDeployRole', {
    assumedBy: github.principal({ subjects: [GitHubActionsSubject.environment('my-org', 'my-app', 'production')] }),
  });

  const corporate = new OidcProvider(stack, 'Corporate', {
    url: 'https://login.example.com/oauth2/default',
    clientIds: ['0oa1b2c3d4e5f6g7h8i9'],
    tags: { owner: 'platform-security' },
  });
  new iam.Role(stack, 'CorporateRole', { assumedBy: corporate.principal({ subjects: ['00u1abcd2EFGH3ijk4l5'] }) });

  const okta = new TrustedTokenIssuer(stack, 'OktaIssuer', {
    instanceArn: INSTANCE_ARN,
    configuration: TrustedTokenIssuerConfiguration.oidcJwt({
      issuerUrl: 'https://example.okta.com/oauth2/default',
      claimAttributePath: 'email',
      identityStoreAttributePath: 'emails.value',
    }),
    tags: { owner: 'identity-team' },
  });
  const fallback = new TrustedTokenIssuer(stack, 'FallbackIssuer', {
    instanceArn: INSTANCE_ARN,
    implementation: TrustedTokenIssuerImplementation.CUSTOM_RESOURCE,
    configuration: TrustedTokenIssuerConfiguration.oidcJwt({
      issuerUrl: 'https://login.microsoftonline.com/2a2a2a2a-1111-2222-3333-444444444444/v2.0',
      claimAttributePath: 'preferred_username',
      identityStoreAttributePath: 'userName',
    }),
  });
  // The gates cover the custom-resource fallback on purpose; a user who keeps it acknowledges the warning the same way.
  Annotations.of(fallback).acknowledgeWarning('cdk-trusted-identity:nativeTypeAvailable', 'the release gates cover the custom-resource fallback on purpose');
  okta.grantRead(new iam.Role(stack, 'IssuerReader', { assumedBy: new iam.AccountRootPrincipal() }));

  // Trusted identity propagation: an application that accepts the issuer's tokens, and the role a workload assumes
  // with the user's identity context.
  const app_ = new IdentityCenterApplication(stack, 'DataApp', {
    instanceArn: INSTANCE_ARN,
    assignmentRequired: true,
    userBackgroundSessions: false,
    tags: { owner: 'identity-team' },
  });
  app_.assignGroup('906745f8b1-0a1b2c3d-1234-5678-9abc-def012345678');
  app_.addGrant(ApplicationGrant.jwtBearer({ authorizedTokenIssuers: [{ trustedTokenIssuer: okta, authorizedAudiences: ['0oa1b2c3d4e5f6g7h8i9'] }] }));
  app_.addGrant(ApplicationGrant.authorizationCode({ redirectUris: ['https://app.example.com/callback'] }));
  app_.addGrant(ApplicationGrant.refreshToken());
  app_.addGrant(ApplicationGrant.tokenExchange());
  app_.addAccessScope(AccessScope.STS_IDENTITY_CONTEXT);
  app_.addAccessScope(AccessScope.S3_ACCESS_GRANTS_READ_WRITE);
  const workload = new iam.Role(stack, 'ExchangeRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  app_.grantCreateTokenWithIam(workload);
  new iam.Role(stack, 'IdentityEnhancedRole', {
    assumedBy: new IdentityContextPrincipal(workload, { applicationArn: app_.applicationArn }),
    maxSessionDuration: Duration.hours(1),
  });

  // Verified Access: an OIDC user provider (secret from Secrets Manager, customer managed key) and a device provider.
  // The IdP's client secret, kept in Secrets Manager by the team that runs the IdP.
  const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'OktaClientSecret', 'verified-access/okta-client-secret');
  const key = new kms.Key(stack, 'VerifiedAccessKey', { enableKeyRotation: true });
  const user = new VerifiedAccessTrustProvider(stack, 'OktaUsers', {
    policyReferenceName: 'okta',
    provider: TrustProvider.oidc({
      issuer: 'https://example.okta.com/oauth2/default',
      authorizationEndpoint: 'https://example.okta.com/oauth2/default/v1/authorize',
      tokenEndpoint: 'https://example.okta.com/oauth2/default/v1/token',
      userInfoEndpoint: 'https://example.okta.com/oauth2/default/v1/userinfo',
      clientId: '0oa1b2c3d4e5f6g7h8i9',
      clientSecret: secret.secretValue,
      scope: 'openid email groups',
    }),
    encryptionKey: key,
    description: 'Workforce identities',
  });
  const device = new VerifiedAccessTrustProvider(stack, 'JamfDevices', {
    policyReferenceName: 'jamf',
    provider: TrustProvider.jamf({ tenantId: 'jamf-tenant-id' }),
  });
  new ec2.CfnVerifiedAccessInstance(stack, 'VerifiedAccessInstance', {
    verifiedAccessTrustProviderIds: [user.verifiedAccessTrustProviderId, device.verifiedAccessTrustProviderId],
  });

  Tags.of(stack).add('project', 'cdk-trusted-identity');
  return { app, stack };
}
