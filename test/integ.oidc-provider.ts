/**
 * Integration test for OidcProvider: a real app that deploys unchanged in an account.
 * Snapshot checked offline by `npx projen integ`; regenerate with `npx projen integ:update`.
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GitHubActionsSubject, OidcProvider } from '../src';

const app = new App();
const stack = new Stack(app, 'OidcProviderIntegStack');

// A provider with an explicit issuer and client ID, tagged. The issuer does not have to be reachable for creation.
const provider = new OidcProvider(stack, 'Provider', {
  url: 'https://oidc.integ.cdk-trusted-identity.example.com',
  clientIds: ['sts.amazonaws.com', 'integ-client'],
  tags: { purpose: 'integ' },
});
provider.addClientId('added-later');

// A role that GitHub Actions workflows of one repository's main branch may assume.
const github = OidcProvider.gitHubActions(stack, 'GitHub');
new iam.Role(stack, 'DeployRole', {
  assumedBy: github.principal({ subjects: [GitHubActionsSubject.branch('cdk-trusted-identity', 'integ', 'main')] }),
});

const integ = new IntegTest(app, 'OidcProviderInteg', { testCases: [stack] });

integ.assertions
  .awsApiCall('IAM', 'getOpenIDConnectProvider', { OpenIDConnectProviderArn: provider.oidcProviderArn })
  .expect(ExpectedResult.objectLike({
    // IAM returns the URL without the scheme, and lists in no particular order.
    Url: 'oidc.integ.cdk-trusted-identity.example.com',
    ClientIDList: Match.arrayWith(['added-later']),
    Tags: Match.arrayWith([{ Key: 'purpose', Value: 'integ' }]),
  }));
