/**
 * Verified Access trust providers (README "VerifiedAccessTrustProvider"): an Okta user trust provider whose client
 * secret stays in Secrets Manager, and Jamf and CrowdStrike device trust providers, on one Verified Access instance.
 * `npx projen example:verified-access` synthesizes it offline.
 */
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { TrustedIdentityChecks, TrustProvider, VerifiedAccessTrustProvider } from '../src';

const app = new App();
const stack = new Stack(app, 'VerifiedAccessExample', {
  description: 'cdk-trusted-identity example: Verified Access user and device trust providers',
});

// The client secret of the Verified Access app in Okta, kept in Secrets Manager by the team that runs Okta.
const oktaClientSecret = secretsmanager.Secret.fromSecretNameV2(stack, 'OktaClientSecret', 'verified-access/okta-client-secret');

// Users: an Okta authorization server. Policies read its claims as context.okta.<claim>.
const okta = new VerifiedAccessTrustProvider(stack, 'Okta', {
  policyReferenceName: 'okta',
  provider: TrustProvider.oidc({
    issuer: 'https://example.okta.com/oauth2/default',
    authorizationEndpoint: 'https://example.okta.com/oauth2/default/v1/authorize',
    tokenEndpoint: 'https://example.okta.com/oauth2/default/v1/token',
    userInfoEndpoint: 'https://example.okta.com/oauth2/default/v1/userinfo',
    clientId: '0oa1b2c3d4e5f6g7h8i9',
    clientSecret: oktaClientSecret.secretValue, // {{resolve:secretsmanager:...}} in the template
    scope: 'openid email groups',
  }),
  description: 'Workforce identities',
});

// Devices: Jamf (macOS) and CrowdStrike (Windows).
const jamf = new VerifiedAccessTrustProvider(stack, 'Jamf', {
  policyReferenceName: 'jamf',
  provider: TrustProvider.jamf({ tenantId: 'jamf-tenant-id' }),
});
const crowdStrike = new VerifiedAccessTrustProvider(stack, 'CrowdStrike', {
  policyReferenceName: 'crowdstrike',
  provider: TrustProvider.crowdStrike({ tenantId: 'crowdstrike-tenant-id' }),
});

// An instance takes at most one user trust provider and several device trust providers.
new ec2.CfnVerifiedAccessInstance(stack, 'Instance', {
  verifiedAccessTrustProviderIds: [
    okta.verifiedAccessTrustProviderId,
    jamf.verifiedAccessTrustProviderId,
    crowdStrike.verifiedAccessTrustProviderId,
  ],
});

Aspects.of(app).add(new TrustedIdentityChecks());
app.synth();
