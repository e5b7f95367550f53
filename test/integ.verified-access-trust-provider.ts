/**
 * Integration test for VerifiedAccessTrustProvider: a real app that deploys unchanged in any account and region with
 * AWS Verified Access.
 *
 * The OIDC provider's endpoints are placeholders (Verified Access does not contact the identity provider when a trust
 * provider is created); pass a real issuer as context: `-c issuer=https://example.okta.com/oauth2/default`. The client
 * secret is generated into Secrets Manager at deploy time: no secret is in the app, the template or the snapshot.
 *
 * Snapshot checked offline by `npx projen integ`; regenerate with `npx projen integ:update`.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { TrustProvider, VerifiedAccessTrustProvider } from '../src';

const PLACEHOLDER_ISSUER = 'https://integ.cdk-trusted-identity.example.com/oauth2/default';

const app = new App();
const issuer: string = app.node.tryGetContext('issuer') ?? PLACEHOLDER_ISSUER;
const stack = new Stack(app, 'VerifiedAccessTrustProviderIntegStack');

const clientSecret = new secretsmanager.Secret(stack, 'ClientSecret', {
  description: 'OIDC client secret of the Verified Access integ test (generated; replace with the IdP\'s)',
  generateSecretString: { passwordLength: 40, excludePunctuation: true },
  removalPolicy: RemovalPolicy.DESTROY,
});
const key = new kms.Key(stack, 'Key', { removalPolicy: RemovalPolicy.DESTROY });

const oidc = new VerifiedAccessTrustProvider(stack, 'Oidc', {
  policyReferenceName: 'corp_idp',
  description: 'cdk-trusted-identity integ: OIDC',
  provider: TrustProvider.oidc({
    issuer,
    authorizationEndpoint: `${issuer}/v1/authorize`,
    tokenEndpoint: `${issuer}/v1/token`,
    userInfoEndpoint: `${issuer}/v1/userinfo`,
    clientId: 'cdk-trusted-identity-integ',
    clientSecret: clientSecret.secretValue,
    scope: 'openid email',
  }),
  encryptionKey: key,
  tags: { purpose: 'integ' },
});
Tags.of(oidc).add('owner', 'cdk-trusted-identity');

const jamf = new VerifiedAccessTrustProvider(stack, 'Jamf', {
  policyReferenceName: 'jamf',
  provider: TrustProvider.jamf({ tenantId: 'cdk-trusted-identity-integ-tenant' }),
});

// One user and one device trust provider attached to a Verified Access instance.
new ec2.CfnVerifiedAccessInstance(stack, 'Instance', {
  description: 'cdk-trusted-identity integ',
  verifiedAccessTrustProviderIds: [oidc.verifiedAccessTrustProviderId, jamf.verifiedAccessTrustProviderId],
});

const integ = new IntegTest(app, 'VerifiedAccessTrustProviderInteg', { testCases: [stack] });

integ.assertions
  .awsApiCall('EC2', 'describeVerifiedAccessTrustProviders', { VerifiedAccessTrustProviderIds: [oidc.verifiedAccessTrustProviderId] })
  .expect(ExpectedResult.objectLike({
    VerifiedAccessTrustProviders: [{
      PolicyReferenceName: 'corp_idp',
      TrustProviderType: 'user',
      UserTrustProviderType: 'oidc',
      OidcOptions: {
        Issuer: issuer,
        ClientId: 'cdk-trusted-identity-integ',
        Scope: 'openid email',
      },
      SseSpecification: { CustomerManagedKeyEnabled: true, KmsKeyArn: key.keyArn },
    }],
  }));

integ.assertions
  .awsApiCall('EC2', 'describeVerifiedAccessTrustProviders', { VerifiedAccessTrustProviderIds: [jamf.verifiedAccessTrustProviderId] })
  .expect(ExpectedResult.objectLike({
    VerifiedAccessTrustProviders: [{
      PolicyReferenceName: 'jamf',
      TrustProviderType: 'device',
      DeviceTrustProviderType: 'jamf',
      DeviceOptions: { TenantId: 'cdk-trusted-identity-integ-tenant' },
    }],
  }));
