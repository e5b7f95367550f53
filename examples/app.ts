/**
 * Example app for cdk-trusted-identity: `npx projen example` synthesizes it and prints the template.
 *
 * - GitHub Actions may deploy from the main branch of one repository (and nothing else).
 * - An HCP Terraform workspace may apply.
 * - A company identity provider with its own client ID and a thumbprint.
 * - IAM Identity Center trusts the same company IdP's tokens (trusted identity propagation); pass your instance with
 *   `-c instanceArn=arn:aws:sso:::instance/ssoins-...` (`aws sso-admin list-instances`).
 * - TrustedIdentityChecks audits every federated trust of the app at synth time (it finds nothing here).
 */
import { App, Aspects, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GitHubActionsSubject, OidcProvider, TerraformCloudSubject, TrustedIdentityChecks, TrustedTokenIssuer, TrustedTokenIssuerConfiguration } from '../src';

const app = new App();
const stack = new Stack(app, 'TrustedIdentityExample', {
  description: 'cdk-trusted-identity example: OIDC providers and the roles they may assume',
});

const github = OidcProvider.gitHubActions(stack, 'GitHub', { removalPolicy: RemovalPolicy.RETAIN });
new iam.Role(stack, 'GitHubDeployRole', {
  roleName: 'github-deploy',
  assumedBy: github.principal({
    subjects: [
      GitHubActionsSubject.branch('my-org', 'my-app', 'main'),
      GitHubActionsSubject.environment('my-org', 'my-app', 'production'),
    ],
  }),
});

const terraform = OidcProvider.terraformCloud(stack, 'Terraform');
new iam.Role(stack, 'TerraformApplyRole', {
  assumedBy: terraform.principal({
    subjects: [TerraformCloudSubject.workspace({ organization: 'my-org', workspace: 'network', runPhase: 'apply' })],
  }),
});

const corporate = new OidcProvider(stack, 'Corporate', {
  url: 'https://login.example.com/oauth2/default',
  clientIds: ['0oa1b2c3d4e5f6g7h8i9'],
  thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
});
new iam.Role(stack, 'CorporateReadOnly', {
  assumedBy: corporate.principal({ subjects: ['00u1abcd2EFGH3ijk4l5'] }),
  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
});

new TrustedTokenIssuer(stack, 'CorporateIssuer', {
  instanceArn: app.node.tryGetContext('instanceArn') ?? 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
  configuration: TrustedTokenIssuerConfiguration.oidcJwt({
    issuerUrl: corporate.url,
    claimAttributePath: 'email',
    identityStoreAttributePath: 'emails.value',
  }),
});

Tags.of(stack).add('owner', 'platform-security');
Aspects.of(app).add(new TrustedIdentityChecks());
app.synth();
