/**
 * One stack with every construct of the library, with realistic props: the subject of the release gates (cdk-nag,
 * cfn-lint, the audit aspect). Add each new construct here.
 */
import { App, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  GitHubActionsSubject, OidcProvider, TrustedTokenIssuer, TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation,
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
  new TrustedTokenIssuer(stack, 'FallbackIssuer', {
    instanceArn: INSTANCE_ARN,
    implementation: TrustedTokenIssuerImplementation.CUSTOM_RESOURCE,
    configuration: TrustedTokenIssuerConfiguration.oidcJwt({
      issuerUrl: 'https://login.microsoftonline.com/2a2a2a2a-1111-2222-3333-444444444444/v2.0',
      claimAttributePath: 'preferred_username',
      identityStoreAttributePath: 'userName',
    }),
  });
  okta.grantRead(new iam.Role(stack, 'IssuerReader', { assumedBy: new iam.AccountRootPrincipal() }));

  Tags.of(stack).add('project', 'cdk-trusted-identity');
  return { app, stack };
}
