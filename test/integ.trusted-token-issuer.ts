/**
 * Integration test for TrustedTokenIssuer: a real app that deploys unchanged in an account with IAM Identity Center.
 * One issuer uses the default native AWS::SSO::TrustedTokenIssuer, one keeps the custom-resource fallback.
 *
 * Deploy it in the Identity Center instance's account (management or delegated administrator) and home region, with
 * the instance ARN as context: `-c instanceArn=arn:aws:sso:::instance/ssoins-...` (`aws sso-admin list-instances`).
 * Without it, the placeholder below is used: it is what the committed snapshot holds and it is not a real instance.
 *
 * Snapshot checked offline by `npx projen integ`; regenerate with `npx projen integ:update`.
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { TrustedTokenIssuer, TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation } from '../src';

/** Placeholder instance (16 characters after `ssoins-`, as the API pattern wants); pass the real one as context. */
const PLACEHOLDER_INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-0000000000000000';

const app = new App();
const instanceArn: string = app.node.tryGetContext('instanceArn') ?? PLACEHOLDER_INSTANCE_ARN;
const stack = new Stack(app, 'TrustedTokenIssuerIntegStack');

// The custom-resource fallback: an Okta-style issuer with a name and tags. Identity Center does not fetch the URL
// when the issuer is created.
const okta = new TrustedTokenIssuer(stack, 'Okta', {
  implementation: TrustedTokenIssuerImplementation.CUSTOM_RESOURCE,
  instanceArn,
  trustedTokenIssuerName: 'cdk-trusted-identity-integ-okta',
  configuration: TrustedTokenIssuerConfiguration.oidcJwt({
    issuerUrl: 'https://integ.cdk-trusted-identity.example.com/oauth2/default',
    claimAttributePath: 'email',
    identityStoreAttributePath: 'emails.value',
  }),
  tags: { purpose: 'integ' },
});
Tags.of(okta).add('owner', 'cdk-trusted-identity');

// The native default: a Cognito user pool of the same stack as issuer (its URL is a token), with a generated name
// and tags through the native Tags property.
const pool = new cognito.UserPool(stack, 'Pool', { removalPolicy: RemovalPolicy.DESTROY });
const cognitoIssuer = new TrustedTokenIssuer(stack, 'Cognito', {
  instanceArn,
  configuration: TrustedTokenIssuerConfiguration.oidcJwt({
    issuerUrl: pool.userPoolProviderUrl,
    claimAttributePath: 'username',
    identityStoreAttributePath: 'userName',
  }),
  tags: { purpose: 'integ' },
});
Tags.of(cognitoIssuer).add('owner', 'cdk-trusted-identity');

const integ = new IntegTest(app, 'TrustedTokenIssuerInteg', { testCases: [stack] });

integ.assertions
  .awsApiCall('SSOAdmin', 'describeTrustedTokenIssuer', { TrustedTokenIssuerArn: okta.trustedTokenIssuerArn })
  .expect(ExpectedResult.objectLike({
    Name: 'cdk-trusted-identity-integ-okta',
    TrustedTokenIssuerType: 'OIDC_JWT',
    TrustedTokenIssuerConfiguration: {
      OidcJwtConfiguration: {
        IssuerUrl: 'https://integ.cdk-trusted-identity.example.com/oauth2/default',
        ClaimAttributePath: 'email',
        IdentityStoreAttributePath: 'emails.value',
        JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
      },
    },
  }));

integ.assertions
  .awsApiCall('SSOAdmin', 'listTagsForResource', { InstanceArn: instanceArn, ResourceArn: okta.trustedTokenIssuerArn })
  .expect(ExpectedResult.objectLike({
    // The service lists tags in no particular order: check the one applied with Tags.of().
    Tags: Match.arrayWith([{ Key: 'owner', Value: 'cdk-trusted-identity' }]),
  }));

integ.assertions
  .awsApiCall('SSOAdmin', 'describeTrustedTokenIssuer', { TrustedTokenIssuerArn: cognitoIssuer.trustedTokenIssuerArn })
  .expect(ExpectedResult.objectLike({
    Name: cognitoIssuer.trustedTokenIssuerName,
    TrustedTokenIssuerConfiguration: {
      OidcJwtConfiguration: {
        IssuerUrl: pool.userPoolProviderUrl,
        ClaimAttributePath: 'username',
        IdentityStoreAttributePath: 'userName',
      },
    },
  }));

integ.assertions
  .awsApiCall('SSOAdmin', 'listTagsForResource', { InstanceArn: instanceArn, ResourceArn: cognitoIssuer.trustedTokenIssuerArn })
  .expect(ExpectedResult.objectLike({
    Tags: Match.arrayWith([{ Key: 'owner', Value: 'cdk-trusted-identity' }]),
  }));
