/**
 * Integration test for TrustedIdentityChecks: roles in every trust style the aspect passes, audited by the aspect,
 * that deploy unchanged in an account (IAM validates each trust policy and its condition keys at creation).
 *
 * Snapshot checked offline by `npx projen integ`; regenerate with `npx projen integ:update`.
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Aspects, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GitHubActionsSubject, OidcProvider, TrustedIdentityChecks } from '../src';

const GH = 'token.actions.githubusercontent.com';
const COGNITO = 'cognito-identity.amazonaws.com';

const app = new App();
const stack = new Stack(app, 'TrustedIdentityChecksIntegStack');

// GitHub Actions through the library: audience and a pinned subject.
const github = OidcProvider.gitHubActions(stack, 'GitHub');
const deploy = new iam.Role(stack, 'DeployRole', {
  assumedBy: github.principal({ subjects: [GitHubActionsSubject.branch('cdk-trusted-identity', 'integ', 'main')] }),
});

// Hand-written: every repository of one organization, pinned by its numeric owner id instead of the subject. IAM
// accepts the key; STS only evaluates the claims IAM maps for the issuer, and a key it does not map is absent, so such
// a pin fails closed (the role cannot be assumed), never open.
new iam.Role(stack, 'OrgWideRole', {
  assumedBy: new iam.OpenIdConnectPrincipal(github, {
    StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:repository_owner_id`]: '123456789' },
    StringLike: { [`${GH}:sub`]: 'repo:*' },
  }),
});

// A Cognito identity pool's authenticated role: audience is the pool, amr is multi-valued (ForAnyValue is right).
const pool = new cognito.CfnIdentityPool(stack, 'IdentityPool', { allowUnauthenticatedIdentities: false });
new iam.Role(stack, 'AuthenticatedRole', {
  assumedBy: new iam.FederatedPrincipal(COGNITO, {
    'StringEquals': { [`${COGNITO}:aud`]: pool.ref },
    'ForAnyValue:StringLike': { [`${COGNITO}:amr`]: 'authenticated' },
  }, 'sts:AssumeRoleWithWebIdentity'),
});

// A role that receives Identity Center identity context, pinned to the Identity Center context provider.
const accessGrants = new iam.ServicePrincipal('access-grants.s3.amazonaws.com');
const locationRole = new iam.Role(stack, 'AccessGrantsLocationRole', { assumedBy: accessGrants, maxSessionDuration: Duration.hours(1) });
locationRole.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
  actions: ['sts:SetContext'],
  principals: [accessGrants],
  conditions: { 'ForAllValues:ArnEquals': { 'sts:RequestContextProviders': `arn:${stack.partition}:iam::aws:contextProvider/IdentityCenter` } },
}));

Aspects.of(app).add(new TrustedIdentityChecks());

const integ = new IntegTest(app, 'TrustedIdentityChecksInteg', { testCases: [stack] });

integ.assertions
  .awsApiCall('IAM', 'getRole', { RoleName: deploy.roleName })
  .expect(ExpectedResult.objectLike({ Role: { RoleName: deploy.roleName, AssumeRolePolicyDocument: Match.stringLikeRegexp('AssumeRoleWithWebIdentity') } }));

integ.assertions
  .awsApiCall('IAM', 'getRole', { RoleName: locationRole.roleName })
  .expect(ExpectedResult.objectLike({ Role: { MaxSessionDuration: 3600, AssumeRolePolicyDocument: Match.stringLikeRegexp('RequestContextProviders') } }));
