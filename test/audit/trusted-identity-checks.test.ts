import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, CfnParameter, CfnResource, Duration, Fn, Lazy, NestedStack, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { GitHubActionsSubject, OidcProvider, TrustedIdentityChecks, TrustProvider, VerifiedAccessTrustProvider } from '../../src';
import { Finding, findingsOf } from '../findings';
import { expectNoSecretInAssembly, findSecretsInAssembly } from '../util/secrets';

const ACCOUNT = '123456789012';
const GH = 'token.actions.githubusercontent.com';
const GH_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${GH}`;
const AUD = { [`${GH}:aud`]: 'sts.amazonaws.com' };
const SUB = `${GH}:sub`;
const IDENTITY_CENTER = 'arn:aws:iam::aws:contextProvider/IdentityCenter';

type Conditions = { [operator: string]: { [key: string]: unknown } };

/** Builds the stack (and returns the app) with the aspect applied, and returns its findings. */
function audit(build: (stack: Stack) => void): Finding[] {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: 'us-east-1' } });
  build(stack);
  Aspects.of(app).add(new TrustedIdentityChecks());
  return findingsOf(app.synth());
}

function rulesOf(findings: Finding[], level?: string): string[] {
  return findings.filter(f => level === undefined || f.level === level).map(f => f.rule).sort();
}

function webIdentityTrust(federated: unknown, conditions: Conditions): any {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: federated }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: conditions }],
  };
}

function role(scope: Construct, principal: iam.IPrincipal): iam.Role {
  return new iam.Role(scope, 'Role', { assumedBy: principal });
}

/**
 * Every way of writing a GitHub Actions trust that the aspect must see through, given the conditions of the statement.
 * `addsAudience`: the style always renders an audience condition (OidcProvider.principal()).
 */
const STYLES: Array<{ name: string; addsAudience?: boolean; build: (stack: Stack, c: Conditions) => void }> = [
  { name: 'iam.WebIdentityPrincipal (literal ARN)', build: (s, c) => role(s, new iam.WebIdentityPrincipal(GH_ARN, c)) },
  { name: 'iam.FederatedPrincipal', build: (s, c) => role(s, new iam.FederatedPrincipal(GH_ARN, c, 'sts:AssumeRoleWithWebIdentity')) },
  {
    name: 'iam.OpenIdConnectPrincipal of iam.OpenIdConnectProvider (custom resource)',
    build: (s, c) => role(s, new iam.OpenIdConnectPrincipal(new iam.OpenIdConnectProvider(s, 'Provider', { url: `https://${GH}` }), c)),
  },
  {
    name: 'iam.OpenIdConnectPrincipal of iam.OidcProviderNative',
    build: (s, c) => role(s, new iam.OpenIdConnectPrincipal(new iam.OidcProviderNative(s, 'Provider', { url: `https://${GH}`, clientIds: ['sts.amazonaws.com'] }), c)),
  },
  { name: 'iam.OpenIdConnectPrincipal of OidcProvider', build: (s, c) => role(s, new iam.OpenIdConnectPrincipal(OidcProvider.gitHubActions(s, 'Provider'), c)) },
  {
    name: 'OidcProvider.principal({ allowAnySubject, conditions })',
    addsAudience: true,
    build: (s, c) => role(s, OidcProvider.gitHubActions(s, 'Provider').principal({ allowAnySubject: true, conditions: c })),
  },
  { name: 'iam.CfnRole JSON, literal ARN', build: (s, c) => new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: webIdentityTrust(GH_ARN, c) }) },
  {
    name: 'iam.CfnRole JSON, Fn::Join ARN',
    build: (s, c) => new iam.CfnRole(s, 'Role', {
      assumeRolePolicyDocument: webIdentityTrust({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:oidc-provider/${GH}`]] }, c),
    }),
  },
  {
    name: 'iam.CfnRole JSON, Fn::Sub ARN',
    build: (s, c) => new iam.CfnRole(s, 'Role', {
      assumeRolePolicyDocument: webIdentityTrust({ 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GH}` }, c),
    }),
  },
  {
    name: 'raw CfnResource AWS::IAM::Role',
    build: (s, c) => new CfnResource(s, 'Role', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: webIdentityTrust(GH_ARN, c) } }),
  },
  {
    name: 'imported OidcProvider.fromIssuerUrl (token ARN)',
    build: (s, c) => role(s, new iam.OpenIdConnectPrincipal(OidcProvider.fromIssuerUrl(s, 'Provider', `https://${GH}`), c)),
  },
  {
    name: 'imported iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn',
    build: (s, c) => role(s, new iam.OpenIdConnectPrincipal(iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(s, 'Provider', GH_ARN), c)),
  },
  {
    name: 'provider in the parent stack, role in a nested stack',
    build: (s, c) => role(new NestedStack(s, 'Nested'), new iam.OpenIdConnectPrincipal(OidcProvider.gitHubActions(s, 'Provider'), c)),
  },
  {
    name: 'provider in another stack',
    build: (s, c) => {
      const provider = OidcProvider.gitHubActions(s, 'Provider');
      role(new Stack(s.node.scope as App, 'Other', { env: { account: ACCOUNT, region: 'us-east-1' } }), new iam.OpenIdConnectPrincipal(provider, c));
    },
  },
];

const PINNED = GitHubActionsSubject.branch('my-org', 'my-app', 'main');
/** GitHub's immutable subject of the same branch: repo:OWNER@OWNER-ID/REPO@REPO-ID:ref:refs/heads/BRANCH. */
const IDS = { ownerId: '123456', repositoryId: '456789' };
const PINNED_IMMUTABLE = GitHubActionsSubject.branch('my-org', 'my-app', 'main', IDS);

/** For each rule: the conditions of a flagged trust and of a clean look-alike. */
const CONDITION_RULES: Array<{ rule: string; level: string; flagged: Conditions; clean: Conditions }> = [
  {
    // GitHub's audience is whatever the workflow asks for: the pinned subject bounds the trust (a warning).
    rule: 'OidcAudience',
    level: 'warning',
    flagged: { StringEquals: { [SUB]: PINNED } },
    clean: { StringEquals: { ...AUD, [SUB]: PINNED } },
  },
  {
    rule: 'OidcTenantSubject',
    level: 'error',
    flagged: { StringEquals: AUD, StringLike: { [SUB]: 'repo:*' } },
    clean: { StringEquals: { ...AUD, [`${GH}:repository_owner_id`]: '1234567' }, StringLike: { [SUB]: 'repo:*' } },
  },
  {
    // Every token carries sub: the condition still requires the subject (a warning).
    rule: 'OidcForAllValues',
    level: 'warning',
    flagged: { 'StringEquals': AUD, 'ForAllValues:StringLike': { [SUB]: 'repo:my-org/*' } },
    clean: { StringEquals: AUD, StringLike: { [SUB]: 'repo:my-org/*' } },
  },
  {
    // The only tenant pin is on a claim tokens may lack (AWS does not evaluate GitHub's custom claims): open.
    rule: 'OidcForAllValues',
    level: 'error',
    flagged: { 'StringEquals': AUD, 'ForAllValues:StringEquals': { [`${GH}:repository_owner_id`]: '1234567' }, 'StringLike': { [SUB]: 'repo:*' } },
    clean: { StringEquals: { ...AUD, [`${GH}:repository_owner_id`]: '1234567' }, StringLike: { [SUB]: 'repo:*' } },
  },
  {
    // ...IfExists on sub: still required (every token carries it), but reads as optional.
    rule: 'OidcTenantSubject',
    level: 'warning',
    flagged: { StringEquals: AUD, StringLikeIfExists: { [SUB]: 'repo:my-org/*' } },
    clean: { StringEquals: AUD, StringLike: { [SUB]: 'repo:my-org/*' } },
  },
  {
    rule: 'OidcForAnyValue',
    level: 'warning',
    flagged: { 'StringEquals': AUD, 'ForAnyValue:StringLike': { [SUB]: 'repo:my-org/*' } },
    clean: { StringEquals: AUD, StringLike: { [SUB]: 'repo:my-org/*' } },
  },
  {
    rule: 'OidcSubjectStringEquals',
    level: 'warning',
    flagged: { StringEquals: { ...AUD, [SUB]: 'repo:my-org/my-app:*' } },
    clean: { StringEquals: AUD, StringLike: { [SUB]: 'repo:my-org/my-app:*' } },
  },
  {
    rule: 'OidcAudienceWildcard',
    level: 'warning',
    flagged: { StringLike: { [`${GH}:aud`]: 'sts.*.com', [SUB]: PINNED } },
    clean: { StringEquals: AUD, StringLike: { [SUB]: PINNED } },
  },
];

const CASES = CONDITION_RULES.flatMap(r => STYLES.map(s => ({ ...r, style: s })));

describe('rules on trust conditions, for every principal style', () => {
  test.each(CASES.filter(c => !(c.rule === 'OidcAudience' && c.style.addsAudience)))('rejects $rule: $style.name', ({ rule, level, flagged, style }) => {
    const findings = audit(s => style.build(s, flagged));
    expect(findings.filter(f => f.rule === rule).map(f => f.level)).toEqual([level]);
    expect(findings.find(f => f.rule === rule)!.path).toMatch(/\/Role(\/Resource)?$/);
  });

  test.each(CASES)('passes the clean look-alike of $rule: $style.name', ({ clean, style }) => {
    expect(audit(s => style.build(s, clean))).toEqual([]);
  });

  test.each(STYLES)('passes a trust pinned with the immutable subject form, alone or next to the name-based form: $name', (style) => {
    expect(audit(s => style.build(s, { StringEquals: { ...AUD, [SUB]: PINNED_IMMUTABLE } }))).toEqual([]);
    expect(audit(s => style.build(s, { StringEquals: { ...AUD, [SUB]: [PINNED, PINNED_IMMUTABLE] } }))).toEqual([]);
    expect(audit(s => style.build(s, { StringEquals: AUD, StringLike: { [SUB]: GitHubActionsSubject.anyRef('my-org', 'my-app', IDS) } }))).toEqual([]);
  });

  test.each(STYLES)('rejects a tenant wildcard in the immutable subject form: $name', (style) => {
    const findings = audit(s => style.build(s, { StringEquals: AUD, StringLike: { [SUB]: 'repo:*@123456/*' } }));
    expect(findings.filter(f => f.rule === 'OidcTenantSubject').map(f => f.level)).toEqual(['error']);
  });

  test('OidcProvider.principal() always checks the audience (no OidcAudience finding possible)', () => {
    const findings = audit(s => role(s, OidcProvider.gitHubActions(s, 'Provider').principal({ subjects: [PINNED] })));
    expect(findings).toEqual([]);
  });
});

describe('OidcAudience', () => {
  test('messages name the rule, what is wrong, why and the fix', () => {
    const [finding] = audit(s => role(s, new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: { [SUB]: PINNED } })));
    expect(finding.level).toBe('warning');
    expect(finding.message).toMatch(/^\[OidcAudience\] .*without a StringEquals condition on "token.actions.githubusercontent.com:aud"\. .* Fix: add StringEquals/);
  });

  test.each([
    ['a Cognito identity pool without aud', 'cognito-identity.amazonaws.com', {}, ['OidcAudience']],
    ['a Cognito identity pool with aud and ForAnyValue on amr (multi-valued)', 'cognito-identity.amazonaws.com', {
      'StringEquals': { 'cognito-identity.amazonaws.com:aud': 'us-east-1:11111111-2222-3333-4444-555555555555' },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
    }, []],
    ['Google without aud', 'accounts.google.com', {}, ['OidcAudience']],
    ['Google with aud', 'accounts.google.com', { StringEquals: { 'accounts.google.com:aud': 'client.apps.googleusercontent.com' } }, []],
    ['an aud condition for another issuer', GH_ARN, { StringEquals: { 'gitlab.com:aud': 'x', [SUB]: PINNED } }, ['OidcAudience']],
    ['an aud condition in StringNotEquals', GH_ARN, { StringNotEquals: AUD, StringEquals: { [SUB]: PINNED } }, ['OidcAudience']],
    ['an aud condition with IfExists', GH_ARN, { StringEqualsIfExists: AUD, StringEquals: { [SUB]: PINNED } }, ['OidcAudience']],
    // The audience is there, with a wildcard: one finding, by the rule of what is written.
    ['aud "*" in StringLike', GH_ARN, { StringLike: { [`${GH}:aud`]: '*' }, StringEquals: { [SUB]: PINNED } }, ['OidcAudienceWildcard']],
    ['the key in other letter case (IAM keys are case-insensitive)', GH_ARN, { StringEquals: { [`${GH.toUpperCase()}:AUD`]: 'sts.amazonaws.com', [SUB]: PINNED } }, []],
    // IAM's audience key for Login with Amazon and Facebook is <issuer>:app_id (there is no <issuer>:aud).
    ['Login with Amazon with app_id', 'www.amazon.com', { StringEquals: { 'www.amazon.com:app_id': 'amzn1.application-oa2-123456' } }, []],
    ['rejects Login with Amazon with aud only (a key IAM does not have)', 'www.amazon.com', { StringEquals: { 'www.amazon.com:aud': 'amzn1.application-oa2-123456' } }, ['OidcAudience']],
    ['rejects Login with Amazon without an app_id condition', 'www.amazon.com', {}, ['OidcAudience']],
    ['rejects Login with Amazon with a wildcard app_id', 'www.amazon.com', { StringLike: { 'www.amazon.com:app_id': 'amzn1.application-oa2-*' } }, ['OidcAudienceWildcard']],
    ['Facebook with app_id', 'graph.facebook.com', { StringEquals: { 'graph.facebook.com:app_id': '111222333444555' } }, []],
    ['rejects Facebook without an app_id condition', 'graph.facebook.com', { StringEquals: { 'graph.facebook.com:id': '42' } }, ['OidcAudience']],
    ['rejects Google with app_id (Google\'s key is aud)', 'accounts.google.com', { StringEquals: { 'accounts.google.com:app_id': 'client.apps.googleusercontent.com' } }, ['OidcAudience']],
  ])('%s', (_name, federated, conditions, expected) => {
    expect(rulesOf(audit(s => role(s, new iam.WebIdentityPrincipal(federated, conditions))))).toEqual(expected);
  });

  test('passes a SAML trust and statements that deny', () => {
    const findings = audit(s => {
      role(s, new iam.SamlConsolePrincipal(iam.SamlProvider.fromSamlProviderArn(s, 'Saml', `arn:aws:iam::${ACCOUNT}:saml-provider/corp`)));
      new iam.CfnRole(s, 'Denies', {
        assumeRolePolicyDocument: {
          Statement: [{ Effect: 'Deny', Principal: { Federated: GH_ARN }, Action: 'sts:AssumeRoleWithWebIdentity' }],
        },
      });
    });
    expect(findings).toEqual([]);
  });

  test('rejects Login with Amazon without app_id, naming its audience key in the message', () => {
    const [finding] = audit(s => role(s, new iam.WebIdentityPrincipal('www.amazon.com', {})));
    expect(finding.level).toBe('error');
    expect(finding.message).toMatch(/without a StringEquals condition on "www\.amazon\.com:app_id", and no pinned subject bounds it either\./);
  });

  test.each<[string, unknown, string[]]>([
    // GitHub without any condition: open to every tenant (OidcTenantSubject); the missing audience is a warning.
    ['rejects NotAction sts:AssumeRole (allows sts:AssumeRoleWithWebIdentity)', 'sts:AssumeRole', ['OidcTenantSubject']],
    ['rejects NotAction of other actions only', ['sts:AssumeRole', 'sts:TagSession'], ['OidcTenantSubject']],
    ['passes NotAction that excludes sts:AssumeRoleWithWebIdentity', ['sts:AssumeRoleWithWebIdentity', 'sts:SetContext'], []],
    ['passes NotAction that excludes it by a wildcard', ['sts:AssumeRoleWith*', 'sts:SetContext'], []],
  ])('%s', (_name, notAction, expected) => {
    const findings = audit(s => new iam.CfnRole(s, 'Role', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Federated: GH_ARN }, NotAction: notAction }] },
    }));
    expect(rulesOf(findings, 'error')).toEqual(expected);
  });

  test.each<[string, (s: Stack) => unknown]>([
    ['an Action that is a token', () => Fn.importValue('actions')],
    ['a list with an Action that is a token', (s) => ['sts:TagSession', new CfnParameter(s, 'Action').valueAsString]],
    ['a NotAction that is a token', () => Fn.importValue('actions')],
  ])('%s: warnings that the rules could not decide, never an error', (name, action) => {
    const key = name.includes('NotAction') ? 'NotAction' : 'Action';
    const findings = audit(s => new iam.CfnRole(s, 'Role', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Federated: GH_ARN }, [key]: action(s) }] },
    }));
    expect(rulesOf(findings, 'error')).toEqual([]);
    const undecided = findings.filter(f => f.rule.startsWith('Oidc'));
    expect(undecided.map(f => [f.rule, f.level])).toEqual([['OidcAudience', 'warning'], ['OidcTenantSubject', 'warning']]);
    expect(undecided.every(f => /^\[\w+\] Could not decide .*an action of the statement is only known at deploy time/.test(f.message))).toBe(true);
  });

  test('passes a token Action when the conditions are clean', () => {
    const findings = audit(s => new iam.CfnRole(s, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Principal: { Federated: GH_ARN },
          Action: Fn.importValue('actions'),
          Condition: { 'StringEquals': { ...AUD, [SUB]: PINNED }, 'ForAllValues:ArnEquals': { 'sts:RequestContextProviders': IDENTITY_CENTER } },
        }],
      },
    }));
    expect(findings).toEqual([]);
  });

  test('sees the action through wildcards and lists', () => {
    const findings = audit(s => new iam.CfnRole(s, 'Role', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Federated: [GH_ARN] }, Action: ['sts:TagSession', 'sts:AssumeRoleWith*'] }] },
    }));
    expect(rulesOf(findings)).toEqual(['OidcAudience', 'OidcTenantSubject']);
  });

  test('finds a federated statement next to service statements (iam.CompositePrincipal)', () => {
    const findings = audit(s => role(s, new iam.CompositePrincipal(
      new iam.ServicePrincipal('lambda.amazonaws.com'),
      new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: { [SUB]: PINNED } }),
    )));
    expect(rulesOf(findings)).toEqual(['OidcAudience']);
  });

  test('honours property overrides', () => {
    const findings = audit(s => {
      const r = new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: webIdentityTrust(GH_ARN, { StringEquals: { ...AUD, [SUB]: PINNED } }) });
      // Dots in a key are escaped in override paths.
      r.addPropertyDeletionOverride(`AssumeRolePolicyDocument.Statement.0.Condition.StringEquals.${GH.replace(/\./g, '\\.')}:aud`);
    });
    expect(rulesOf(findings)).toEqual(['OidcAudience']);
  });
});

describe('OidcTenantSubject', () => {
  const GITLAB = 'arn:aws:iam::123456789012:oidc-provider/gitlab.com';
  const TERRAFORM = 'arn:aws:iam::123456789012:oidc-provider/app.terraform.io';
  test.each([
    ['GitHub: no subject', GH_ARN, { StringEquals: AUD }, true],
    ['GitHub: "*"', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: '*' } }, true],
    ['GitHub: "repo:octo*/app:*" (wildcard in the owner)', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: 'repo:octo*/app:*' } }, true],
    ['GitHub: one open subject among pinned ones', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: [PINNED, 'repo:*'] } }, true],
    ['GitHub: "repo:my-org/*"', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: 'repo:my-org/*' } }, false],
    ['GitHub: open StringLike but pinned StringEquals (both must hold)', GH_ARN, { StringEquals: { ...AUD, [SUB]: PINNED }, StringLike: { [SUB]: 'repo:*' } }, false],
    // GitHub's immutable subjects (repo:OWNER@OWNER-ID/REPO@REPO-ID:...): an owner-ID pin counts like an owner-name pin.
    ['GitHub immutable: the helper\'s branch subject', GH_ARN, { StringEquals: { ...AUD, [SUB]: PINNED_IMMUTABLE } }, false],
    ['GitHub immutable: both forms (a migration)', GH_ARN, { StringEquals: { ...AUD, [SUB]: [PINNED, PINNED_IMMUTABLE] } }, false],
    ['GitHub immutable: "repo:my-org@123456/*"', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: 'repo:my-org@123456/*' } }, false],
    ['GitHub immutable: environment and pull_request', GH_ARN, {
      StringEquals: { ...AUD, [SUB]: [GitHubActionsSubject.environment('my-org', 'my-app', 'prod', IDS), GitHubActionsSubject.pullRequest('my-org', 'my-app', IDS)] },
    }, false],
    ['GitHub immutable: literal owner name, any IDs ("repo:my-org@*/my-app@*:*")', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: 'repo:my-org@*/my-app@*:*' } }, false],
    ['GitHub immutable: "repo:*@*/*"', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: 'repo:*@*/*' } }, true],
    ['GitHub immutable: owner-ID-less wildcard "repo:*@*/my-app@456789:*"', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: 'repo:*@*/my-app@456789:*' } }, true],
    ['GitHub immutable: wildcard name before a literal owner ID "repo:*@123456/my-app@456789:*"', GH_ARN, {
      StringEquals: AUD, StringLike: { [SUB]: 'repo:*@123456/my-app@456789:*' },
    }, true],
    ['GitHub immutable: "repo:my-org*@123456/*" (wildcard in the owner name)', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: 'repo:my-org*@123456/*' } }, true],
    ['GitHub immutable: one open subject among pinned ones', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: [PINNED_IMMUTABLE, 'repo:?y-org@123456/*'] } }, true],
    ['GitHub immutable: open subject but repository_owner_id pinned', GH_ARN, {
      StringEquals: { ...AUD, [`${GH}:repository_owner_id`]: '123456' }, StringLike: { [SUB]: 'repo:*@*/*' },
    }, false],
    ['GitHub: repository_owner with a wildcard', GH_ARN, { StringEquals: AUD, StringLike: { [`${GH}:repository_owner`]: 'my-*' } }, true],
    ['GitHub: repository "my-org/*"', GH_ARN, { StringEquals: AUD, StringLike: { [`${GH}:repository`]: 'my-org/*' } }, false],
    ['GitHub: repository_owner_id in StringNotEquals', GH_ARN, { StringEquals: AUD, StringNotEquals: { [`${GH}:repository_owner_id`]: '1' } }, true],
    // The enterprise issuer (include_enterprise_slug) pins the enterprise: single-tenant.
    ['GitHub Enterprise Cloud enterprise issuer without subject', `${GH_ARN}/my-enterprise`, { StringEquals: { [`${GH}/my-enterprise:aud`]: 'sts.amazonaws.com' } }, false],
    ['HCP Terraform Europe: "organization:*:..."', 'arn:aws:iam::123456789012:oidc-provider/app.eu.terraform.io', {
      StringEquals: { 'app.eu.terraform.io:aud': 'aws.workload.identity' },
      StringLike: { 'app.eu.terraform.io:sub': 'organization:*:project:*' },
    }, true],
    // GitHub custom subject templates: pinned only with a tenant claim (repo, repository_owner(_id), repository(_id), enterprise(_id)).
    ['GitHub custom sub: repo_property_* only', GH_ARN, { StringEquals: { ...AUD, [SUB]: 'repo_property_team:platform' } }, true],
    ['GitHub custom sub: job_workflow_ref only', GH_ARN, { StringEquals: { ...AUD, [SUB]: 'job_workflow_ref:my-org/shared/.github/workflows/deploy.yml@refs/heads/main' } }, true],
    ['GitHub custom sub: job_workflow_ref then repository_owner_id', GH_ARN, {
      StringEquals: { ...AUD, [SUB]: 'job_workflow_ref:my-org/shared/.github/workflows/deploy.yml@refs/heads/main:repository_owner_id:123456' },
    }, false],
    ['GitHub custom sub: repository_owner and context', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: 'repository_owner:my-org:environment:*' } }, false],
    ['GitHub custom sub: a wildcard before the tenant claim', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: 'repo_property_team:*:repository_owner:my-org' } }, true],
    ['GitHub custom sub: a wildcard in repository_owner', GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: 'repository_owner:my-*:environment:prod' } }, true],
    ['GitHub custom sub: context then repo (immutable form)', GH_ARN, { StringEquals: { ...AUD, [SUB]: 'environment:prod:repo:my-org@123456/my-app@456789' } }, false],
    ['GitLab.com: "project_path:*"', GITLAB, { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' }, StringLike: { 'gitlab.com:sub': 'project_path:*' } }, true],
    ['GitLab.com: "project_path:my-group/*"', GITLAB, { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' }, StringLike: { 'gitlab.com:sub': 'project_path:my-group/*' } }, false],
    ['GitLab.com: namespace_id', GITLAB, { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com', 'gitlab.com:namespace_id': '42' } }, false],
    ['HCP Terraform: "organization:*:..."', TERRAFORM, {
      StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
      StringLike: { 'app.terraform.io:sub': 'organization:*:project:Default Project:workspace:net:run_phase:*' },
    }, true],
    ['HCP Terraform: terraform_organization_name', TERRAFORM, {
      StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity', 'app.terraform.io:terraform_organization_name': 'my-org' },
    }, false],
    ['a single-tenant issuer (EKS) without subject', 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC', {
      StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' },
    }, false],
  ])('%s → flagged: %s', (_name, federated, conditions, flagged) => {
    const findings = audit(s => role(s, new iam.WebIdentityPrincipal(federated, conditions)));
    expect(rulesOf(findings, 'error').includes('OidcTenantSubject')).toBe(flagged);
  });

  test('names the open subjects in the message', () => {
    const findings = audit(s => role(s, new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: [PINNED, 'repo:*'] } })));
    expect(findings[0].message).toMatch(/allows the subject "repo:\*", which matches every GitHub Actions tenant/);
  });

  test('names the open immutable subject in the message, and the fix shows both forms', () => {
    const findings = audit(s => role(s, new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: [PINNED_IMMUTABLE, 'repo:*@123456/*'] } })));
    expect(findings.map(f => [f.rule, f.level])).toEqual([['OidcTenantSubject', 'error']]);
    expect(findings[0].message).toMatch(/allows the subject "repo:\*@123456\/\*", which matches every GitHub Actions tenant/);
    expect(findings[0].message).toMatch(/e\.g\. repo:my-org\/my-app:ref:refs\/heads\/main, or in GitHub's immutable form repo:my-org@123456\/my-app@456789:ref:refs\/heads\/main/);
  });
});

/**
 * The severity policy (README, "Severity and rules"): an error only when someone outside the owner's tenant can assume the
 * role; a warning when the trust is bounded to the tenant but weaker than the guides recommend; nothing for the
 * correct look-alike. Trusts from vendors' and AWS's guides and widely used modules, with the messages asserted.
 */
describe('severity policy: the hole, the risky variant and the correct look-alike, per rule', () => {
  const EKS = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
  const EKS_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${EKS}`;
  const GITLAB_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`;
  const CUSTOM_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/login.example.com`;
  const GOOGLE = 'accounts.google.com';
  const COGNITO = 'cognito-identity.amazonaws.com';
  const POOL = 'us-east-1:11111111-2222-3333-4444-555555555555';
  type Case = [string, unknown, Conditions, Array<[string, string]>, RegExp?];

  function findingsFor(federated: unknown, conditions: Conditions): Finding[] {
    return audit(s => new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: webIdentityTrust(federated, conditions) }));
  }

  test.each<Case>([
    // Audience-bound issuers (anyone gets tokens; the client ID names the owner): the audience is the boundary.
    ['hole: Google without aud', GOOGLE, {}, [['OidcAudience', 'error']],
      /^\[OidcAudience\] The trust policy of "accounts\.google\.com" lets web identities assume the role \(sts:AssumeRoleWithWebIdentity\) without a StringEquals condition on "accounts\.google\.com:aud", and no pinned subject bounds it either\./],
    ['risky: Google without aud, one user pinned by sub', GOOGLE, { StringEquals: { 'accounts.google.com:sub': '110169484474386276334' } }, [['OidcAudience', 'warning']],
      /A subject condition without wildcards bounds the trust to your tenant\. Without an audience check the role also accepts tokens your tenant's workloads request for other services/],
    ['correct: Google with aud', GOOGLE, { StringEquals: { 'accounts.google.com:aud': 'client.apps.googleusercontent.com' } }, []],
    ['hole: unknown issuer with neither aud nor sub', CUSTOM_ARN, {}, [['OidcAudience', 'error']]],
    ['hole: aud only with StringNotEquals', CUSTOM_ARN, { StringNotEquals: { 'login.example.com:aud': 'other' } }, [['OidcAudience', 'error']],
      /tests "login\.example\.com:aud" only with StringNotEquals on "login\.example\.com:aud" \("other"\), which does not require an audience, and no pinned subject/],
    // AWS's EKS documentation trust (IRSA): subject pinned, no aud; the issuer is one cluster's.
    ['risky: the EKS documentation trust (sub pinned, no aud)', EKS_ARN, { StringEquals: { [`${EKS}:sub`]: 'system:serviceaccount:default:my-service-account' } }, [['OidcAudience', 'warning']],
      /^\[OidcAudience\] The trust policy of "oidc\.eks\..*" lets web identities assume the role .* without a StringEquals condition on ".*:aud"\. The issuer belongs to one tenant \(an Amazon EKS cluster\)/],
    ['risky: an EKS trust without any condition (the cluster is the tenant)', EKS_ARN, {}, [['OidcAudience', 'warning']]],
    ['correct: the EKS documentation trust with aud', EKS_ARN, { StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com', [`${EKS}:sub`]: 'system:serviceaccount:default:my-service-account' } }, []],
    // GitLab's documented trust: StringEquals on sub only. GitLab's audience is what the job asks for: a warning.
    ['risky: GitLab\'s documented trust (sub pinned, no aud)', GITLAB_ARN, { StringEquals: { 'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main' } }, [['OidcAudience', 'warning']],
      /^\[OidcAudience\] The trust policy of "gitlab\.com" lets web identities .* without a StringEquals condition on "gitlab\.com:aud"\. GitLab\.com issues tokens for any audience a workload asks for: the subject or a tenant claim bounds the trust, not the audience\./],
    ['hole: GitLab.com with aud but any project', GITLAB_ARN, { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' }, StringLike: { 'gitlab.com:sub': 'project_path:*' } }, [['OidcTenantSubject', 'error']],
      /allows the subject "project_path:\*", which matches every GitLab\.com tenant/],
    ['correct: GitLab.com with aud and a pinned project', GITLAB_ARN, { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com', 'gitlab.com:sub': 'project_path:mygroup/myproject:ref_type:branch:ref:main' } }, []],
    // A widely used Terraform module's GitHub role: ForAllValues on aud and iss, a pinned sub.
    ['risky: ForAllValues on aud and iss with a pinned sub (Terraform module style)', GH_ARN, {
      'ForAllValues:StringEquals': { [`${GH}:iss`]: `https://${GH}`, [`${GH}:aud`]: 'sts.amazonaws.com' },
      'StringLike': { [SUB]: 'repo:my-org/my-app:*' },
    }, [['OidcForAllValues', 'warning'], ['OidcForAllValues', 'warning']],
    /^\[OidcForAllValues\] The condition ForAllValues:StringEquals on "token\.actions\.githubusercontent\.com:iss" \("https:\/\/token\.actions\.githubusercontent\.com"\) uses a set operator on the single-valued claim "iss"\. Every token carries it, so the condition still requires these values\. .* Fix: use StringEquals on "token\.actions\.githubusercontent\.com:iss" \(the plain operator, without ForAllValues:\)\./],
    ['hole: ForAllValues on the only tenant claim', GH_ARN, {
      'StringEquals': AUD, 'ForAllValues:StringEquals': { [`${GH}:repository_owner_id`]: '123456' }, 'StringLike': { [SUB]: 'repo:*' },
    }, [['OidcForAllValues', 'error']],
    /^\[OidcForAllValues\] The condition ForAllValues:StringEquals on "token\.actions\.githubusercontent\.com:repository_owner_id" \("123456"\) is the only condition naming the tenant, and ForAllValues: is true when the claim is absent from the request .*: every GitHub Actions tenant can assume the role\. .* Fix: use StringEquals on/],
    ['risky: ForAllValues on a claim tokens may lack, next to a pinned subject', GH_ARN, {
      'StringEquals': { ...AUD, [SUB]: PINNED }, 'ForAllValues:StringEquals': { [`${GH}:repository_owner_id`]: '123456' },
    }, [['OidcForAllValues', 'warning']],
    /is true when the claim is absent from the request .*, so it restricts nothing for tokens without "repository_owner_id"\. Another condition names the tenant/],
    // The subject is there, under ForAllValues: the message names it, never "no condition on sub".
    ['hole: an open subject under ForAllValues', GH_ARN, { 'StringEquals': AUD, 'ForAllValues:StringLike': { [SUB]: 'repo:*' } }, [['OidcForAllValues', 'warning'], ['OidcTenantSubject', 'error']],
      /^\[OidcTenantSubject\] The trust policy of GitHub Actions \(a multi-tenant issuer\) allows the subject "repo:\*", which matches every GitHub Actions tenant\./],
    ['hole: the tenant pinned only with IfExists on a claim tokens may lack', GH_ARN, {
      StringEquals: AUD, StringEqualsIfExists: { [`${GH}:repository_owner_id`]: '123456' },
    }, [['OidcTenantSubject', 'error']],
    /pins the tenant only with StringEqualsIfExists on "token\.actions\.githubusercontent\.com:repository_owner_id" \("123456"\), which is true when the claim is absent from the request .* Fix: use StringEquals \(without IfExists\) on "token\.actions\.githubusercontent\.com:repository_owner_id"\.$/],
    ['hole: the subject only negated', GH_ARN, { StringEquals: AUD, StringNotLike: { [SUB]: 'repo:evil/*' } }, [['OidcTenantSubject', 'error']],
      /tests the subject or tenant only with StringNotLike on "token\.actions\.githubusercontent\.com:sub" \("repo:evil\/\*"\), which does not require a value naming your tenant/],
    ['risky: a pinned subject under IfExists', GH_ARN, { StringEquals: AUD, StringLikeIfExists: { [SUB]: 'repo:my-org/*' } }, [['OidcTenantSubject', 'warning']],
      /^\[OidcTenantSubject\] The trust policy of GitHub Actions pins the subject only with StringLikeIfExists on "token\.actions\.githubusercontent\.com:sub" \("repo:my-org\/\*"\): every token carries "sub", so the subject is still required.* Fix: use StringLike \(without IfExists\)/],
    ['risky: the audience under IfExists', GH_ARN, { StringEqualsIfExists: AUD, StringEquals: { [SUB]: PINNED } }, [['OidcAudience', 'warning']],
      /checks "token\.actions\.githubusercontent\.com:aud" only with StringEqualsIfExists on .*: every token carries the audience, so the check still holds.* Fix: use StringEquals \(without IfExists\)/],
    // Audience wildcards: a warning when a pinned subject (or GitHub's tenant pin) bounds the trust, an error otherwise.
    ['risky: a wildcard audience with a pinned GitHub subject', GH_ARN, { StringLike: { [`${GH}:aud`]: '*' }, StringEquals: { [SUB]: PINNED } }, [['OidcAudienceWildcard', 'warning']],
      /^\[OidcAudienceWildcard\] The condition StringLike on "token\.actions\.githubusercontent\.com:aud" \("\*"\) allows the audience "\*" with a wildcard\. /],
    ['hole: a Cognito identity pool with a wildcard audience', COGNITO, { StringLike: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:*' } }, [['OidcAudienceWildcard', 'error']],
      /allows the audience "us-east-1:\*" with a wildcard, and no pinned subject bounds the trust of "cognito-identity\.amazonaws\.com" either/],
    ['correct: a Cognito identity pool with its pool ID', COGNITO, { StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL } }, []],
    // GitHub Enterprise Cloud's enterprise issuer pins the enterprise.
    ['risky: the GHEC enterprise issuer without subject nor aud', `${GH_ARN}/my-enterprise`, {}, [['OidcAudience', 'warning']],
      /The issuer belongs to one tenant \(GitHub Enterprise Cloud \(enterprise issuer "token\.actions\.githubusercontent\.com\/my-enterprise"\)\)/],
    ['correct: the GHEC enterprise issuer with aud, any repository of the enterprise', `${GH_ARN}/my-enterprise`, {
      StringEquals: { [`${GH}/my-enterprise:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}/my-enterprise:sub`]: 'repo:*' },
    }, []],
    // GitHub custom subject templates.
    ['hole: a custom sub of repo_property_* only', GH_ARN, { StringEquals: { ...AUD, [SUB]: 'repo_property_team:platform:repo_property_tier:prod' } }, [['OidcTenantSubject', 'error']],
      /allows the custom subject "repo_property_team:platform:repo_property_tier:prod", which names no tenant \(no repo, repository_owner, repository_owner_id, repository, repository_id, enterprise, enterprise_id claim\): any GitHub Actions tenant can configure the same subject template and values\./],
    ['hole: a custom sub of job_workflow_ref only (any repository may call a public reusable workflow)', GH_ARN, {
      StringEquals: { ...AUD, [SUB]: 'job_workflow_ref:my-org/shared/.github/workflows/deploy.yml@refs/heads/main' },
    }, [['OidcTenantSubject', 'error']], /allows the custom subject "job_workflow_ref:my-org\/shared/],
    ['correct: a custom sub of repository_owner_id and job_workflow_ref', GH_ARN, {
      StringEquals: { ...AUD, [SUB]: 'repository_owner_id:123456:job_workflow_ref:my-org/shared/.github/workflows/deploy.yml@refs/heads/main' },
    }, []],
  ])('%s', (...row) => {
    // A rest parameter: jest would take a fifth declared parameter of a four-element row for the `done` callback.
    const [, federated, conditions, expected, message] = row;
    const findings = findingsFor(federated, conditions);
    expect(findings.map(f => [f.rule, f.level])).toEqual(expected);
    if (message) expect(findings.map(f => f.message)).toContainEqual(expect.stringMatching(message));
  });

  test.each<[string, (s: Stack) => unknown, Conditions, Array<[string, string]>]>([
    // Tokens: whatever only deploy time decides is a warning that says so.
    ['token provider ARN, pinned subject, no aud: decided (the subject bounds it whatever the issuer)', () => Fn.importValue('arn'),
      { StringEquals: { [`${GH}:sub`]: PINNED } }, [['OidcAudience', 'warning']]],
    ['token provider ARN, wildcard aud, no subject: undecided', () => Fn.importValue('arn'),
      { StringLike: { 'login.example.com:aud': 'app-*' } }, [['OidcAudienceWildcard', 'warning']]],
  ])('%s', (_name, federated, conditions, expected) => {
    const findings = audit(s => new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: webIdentityTrust(federated(s), conditions) }));
    expect(findings.map(f => [f.rule, f.level])).toEqual(expected);
    for (const f of findings.filter(x => x.level === 'warning' && /undecided/.test(_name))) expect(f.message).toMatch(/Could not decide/);
  });

  test('a subject that is a parameter on an audience-bound issuer: undecided, never an error', () => {
    const findings = audit(s => role(s, new iam.WebIdentityPrincipal(CUSTOM_ARN, { StringEquals: { 'login.example.com:sub': new CfnParameter(s, 'Sub').valueAsString } })));
    expect(findings.map(f => [f.rule, f.level])).toEqual([['OidcAudience', 'warning']]);
    expect(findings[0].message).toMatch(/Could not decide whether anything else bounds it to your tenant/);
  });
});

describe('tokens: never a false error', () => {
  test('a provider imported by a token ARN with OidcProvider.principal({ audiences, subjects }) passes (CfnJson conditions)', () => {
    const findings = audit(s => role(s, OidcProvider.fromOidcProviderArn(s, 'Provider', Fn.importValue('github-provider-arn'))
      .principal({ audiences: ['sts.amazonaws.com'], subjects: [PINNED] })));
    expect(findings).toEqual([]);
  });

  test('a provider imported by a token ARN without subject: at most a warning that the rule could not decide', () => {
    const findings = audit(s => role(s, OidcProvider.fromOidcProviderArn(s, 'Provider', Fn.importValue('provider-arn'))
      .principal({ audiences: ['sts.amazonaws.com'] })));
    expect(findings.map(f => [f.rule, f.level])).toEqual([['OidcTenantSubject', 'warning']]);
    expect(findings[0].message).toMatch(/Could not decide/);
  });

  test('a token provider ARN whose condition keys name GitHub is checked as GitHub', () => {
    const findings = audit(s => role(s, new iam.WebIdentityPrincipal(Fn.importValue('arn'), { StringEquals: AUD, StringLike: { [SUB]: 'repo:*' } })));
    expect(findings.map(f => [f.rule, f.level])).toEqual([['OidcTenantSubject', 'error']]);
  });

  test('a token provider ARN without any aud key is missing the audience whatever the issuer', () => {
    const findings = audit(s => role(s, new iam.WebIdentityPrincipal(Fn.importValue('arn'), {})));
    // Whether the audience is the trust's boundary depends on the issuer: undecided.
    expect(findings.map(f => [f.rule, f.level])).toEqual([['OidcAudience', 'warning'], ['OidcTenantSubject', 'warning']]);
    expect(findings[0].message).toMatch(/Could not decide whether anything else bounds it to your tenant/);
  });

  test('a subject from a parameter: warning that the rule could not decide', () => {
    const findings = audit(s => {
      const owner = new CfnParameter(s, 'Owner').valueAsString;
      role(s, new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: `repo:${owner}/app:*` } }));
    });
    expect(findings.map(f => [f.rule, f.level])).toEqual([['OidcTenantSubject', 'warning']]);
  });

  test('immutable form: token IDs after a literal owner name are decided; a token owner name is not', () => {
    const decided = audit(s => {
      const ownerId = new CfnParameter(s, 'OwnerId').valueAsString;
      const repositoryId = new CfnParameter(s, 'RepositoryId').valueAsString;
      role(s, new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: { ...AUD, [SUB]: GitHubActionsSubject.branch('my-org', 'my-app', 'main', { ownerId, repositoryId }) } }));
    });
    expect(decided).toEqual([]);
    const undecided = audit(s => {
      const owner = new CfnParameter(s, 'Owner').valueAsString;
      role(s, new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: `repo:${owner}@123456/my-app@456789:*` } }));
    });
    expect(undecided.map(f => [f.rule, f.level])).toEqual([['OidcTenantSubject', 'warning']]);
  });

  test('a token after the tenant segment is decided', () => {
    const findings = audit(s => {
      const repo = new CfnParameter(s, 'Repo').valueAsString;
      role(s, new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: AUD, StringLike: { [SUB]: `repo:my-org/${repo}:*` } }));
    });
    expect(findings).toEqual([]);
  });

  test('a list token of audiences passes', () => {
    const findings = audit(s => {
      const auds = Fn.split(',', new CfnParameter(s, 'Audiences').valueAsString);
      role(s, new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: { [`${GH}:aud`]: auds, [SUB]: PINNED } }));
    });
    expect(findings).toEqual([]);
  });

  test('a condition block that is a token: warnings that the rules could not decide', () => {
    const findings = audit(s => new iam.CfnRole(s, 'Role', {
      assumeRolePolicyDocument: webIdentityTrust(GH_ARN, { StringEquals: Fn.importValue('conditions') as any }),
    }));
    expect(findings.map(f => [f.rule, f.level])).toEqual([['OidcAudience', 'warning'], ['OidcTenantSubject', 'warning']]);
  });
});

describe('VerifiedAccessPlaintextSecret', () => {
  function trustProvider(scope: Construct, clientSecret: string): ec2.CfnVerifiedAccessTrustProvider {
    return new ec2.CfnVerifiedAccessTrustProvider(scope, 'TrustProvider', {
      trustProviderType: 'user',
      userTrustProviderType: 'oidc',
      policyReferenceName: 'idp',
      oidcOptions: {
        issuer: 'https://login.example.com',
        authorizationEndpoint: 'https://login.example.com/authorize',
        tokenEndpoint: 'https://login.example.com/token',
        userInfoEndpoint: 'https://login.example.com/userinfo',
        clientId: 'client',
        clientSecret,
        scope: 'openid',
      },
    });
  }

  test.each<[string, (s: Stack) => string]>([
    ['SecretValue.secretsManager', () => SecretValue.secretsManager('va/oidc', { jsonField: 'clientSecret' }).unsafeUnwrap()],
    ['SecretValue.secretsManager of a token ARN', () => SecretValue.secretsManager(Fn.importValue('secret-arn')).unsafeUnwrap()],
    // An Fn::Join that starts with "{{resolve:secretsmanager:" and goes on with the secret's Ref.
    ['secret.secretValue of a new secretsmanager.Secret', (s) => new secretsmanager.Secret(s, 'Secret').secretValue.unsafeUnwrap()],
    ['a NoEcho parameter', (s) => new CfnParameter(s, 'Secret', { noEcho: true }).valueAsString],
    ['a join of NoEcho parameters only (nothing literal is written)', (s) => Fn.join('', [new CfnParameter(s, 'A', { noEcho: true }).valueAsString, new CfnParameter(s, 'B', { noEcho: true }).valueAsString])],
  ])('passes a dynamic reference: %s', (_name, secret) => {
    expect(audit(s => trustProvider(s, secret(s)))).toEqual([]);
  });

  test.each<[string, (s: Stack) => string, string, RegExp]>([
    ['rejects a {{resolve:ssm:...}} reference (a plain String parameter, readable)', () => '{{resolve:ssm:/p}}', 'error',
      /^\[VerifiedAccessPlaintextSecret\] OidcOptions\.ClientSecret is a reference to a plain-text SSM parameter/],
    ['rejects a {{resolve:ssm:...}} reference to a parameter named by a token', (s) => `{{resolve:ssm:${new CfnParameter(s, 'Name').valueAsString}}}`, 'error',
      /plain-text SSM parameter/],
    ['rejects a parameter without NoEcho (the console and DescribeStacks show its value)', (s) => new CfnParameter(s, 'Secret').valueAsString, 'error',
      /^\[VerifiedAccessPlaintextSecret\] OidcOptions\.ClientSecret refers to the CloudFormation parameter "Secret", which is not NoEcho: the console and the DescribeStacks API show its value\./],
    ['rejects an SSM-backed parameter without NoEcho (its resolved value is shown too)',
      (s) => new CfnParameter(s, 'Secret', { type: 'AWS::SSM::Parameter::Value<String>', default: '/va/client-secret' }).valueAsString, 'error',
      /refers to the CloudFormation parameter "Secret", which is not NoEcho/],
    ['cannot decide literal text joined with a NoEcho parameter (warning)', (s) => Fn.join('', [new CfnParameter(s, 'Secret', { noEcho: true }).valueAsString, '-suffix']), 'warning',
      /^\[VerifiedAccessPlaintextSecret\] Could not decide whether OidcOptions\.ClientSecret is a secret written into the template/],
    ['rejects SecretValue.ssmSecure (warning: CloudFormation does not resolve ssm-secure for this type)', () => SecretValue.ssmSecure('/va/oidc/client-secret').unsafeUnwrap(), 'warning',
      /^\[VerifiedAccessPlaintextSecret\] OidcOptions\.ClientSecret is an ssm-secure dynamic reference, .*the deploy would fail\. Fix: .*SecretValue\.secretsManager/],
  ])('%s', (_name, secret, level, message) => {
    const findings = audit(s => trustProvider(s, secret(s)));
    expect(findings.map(f => [f.rule, f.level])).toEqual([['VerifiedAccessPlaintextSecret', level]]);
    expect(findings[0].message).toMatch(message);
  });

  test('the fix names Secrets Manager only (ssm-secure does not deploy for this type)', () => {
    const [finding] = audit(s => trustProvider(s, 'my-plaintext-secret'));
    expect(finding.message).toMatch(/Fix: store the secret in Secrets Manager and pass .*SecretValue\.secretsManager\(\.\.\.\) or secret\.secretValue\.$/);
    expect(finding.message).not.toMatch(/ssmSecure|ssm-secure/i);
  });

  test('rejects a literal client secret on the L1, without its value or length in the message or anywhere the aspect writes', () => {
    const SECRET = 'my-plaintext-secret-8d2f';
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: 'us-east-1' } });
    trustProvider(stack, SECRET);
    Aspects.of(app).add(new TrustedIdentityChecks());
    const findings = findingsOf(app.synth());
    expect(findings.map(f => [f.rule, f.level, f.path])).toEqual([['VerifiedAccessPlaintextSecret', 'error', '/Stack/TrustProvider']]);
    expect(findings[0].message).toMatch(/OidcOptions\.ClientSecret is a literal string in the template \(value not shown\)\./);
    expect(findings[0].message).not.toContain(String(SECRET.length));
    // The author put the secret in the L1's props, so it is in the template and tree.json; the annotations (manifest,
    // stack metadata) and every other file must not have it.
    expect(findSecretsInAssembly(app, SECRET).map(l => l.file).sort()).toEqual(['Stack.template.json', 'tree.json']);
    const outdir = app.synth().directory;
    fs.rmSync(path.join(outdir, 'Stack.template.json'));
    fs.rmSync(path.join(outdir, 'tree.json'));
    expectNoSecretInAssembly(app, SECRET);
  });

  test('an L2 VerifiedAccessTrustProvider with allowPlainTextSecret is reported (error) until acknowledged', () => {
    const build = (acknowledged: boolean) => (s: Stack) => {
      const provider = new VerifiedAccessTrustProvider(s, 'Provider', {
        policyReferenceName: 'idp',
        allowPlainTextSecret: true,
        provider: TrustProvider.oidc({
          issuer: 'https://login.example.com',
          authorizationEndpoint: 'https://login.example.com/authorize',
          tokenEndpoint: 'https://login.example.com/token',
          userInfoEndpoint: 'https://login.example.com/userinfo',
          clientId: 'client',
          clientSecret: SecretValue.unsafePlainText('l2-plaintext-secret-5e1b'),
        }),
      });
      if (acknowledged) TrustedIdentityChecks.acknowledge(provider, 'VerifiedAccessPlaintextSecret', 'test IdP without secrets (SEC-7)');
    };
    expect(audit(build(false)).map(f => [f.rule, f.level, f.path])).toEqual([['VerifiedAccessPlaintextSecret', 'error', '/Stack/Provider/Resource']]);
    const acknowledged = audit(build(true));
    expect(acknowledged.map(f => [f.rule, f.level])).toEqual([['VerifiedAccessPlaintextSecret', 'info']]);
    expect(acknowledged[0].message).toMatch(/Acknowledged: test IdP without secrets \(SEC-7\)$/);
  });

  test('rejects a literal secret set by a property override', () => {
    const findings = audit(s => trustProvider(s, SecretValue.secretsManager('va/oidc').unsafeUnwrap()).addPropertyOverride('OidcOptions.ClientSecret', 'plain'));
    expect(rulesOf(findings, 'error')).toEqual(['VerifiedAccessPlaintextSecret']);
  });

  test.each([
    ['rejects a literal NativeApplicationOidcOptions secret on a raw CfnResource', 'plain', ['VerifiedAccessPlaintextSecret', 'error']],
    ['passes a dynamic reference on a raw CfnResource', '{{resolve:secretsmanager:va/native:SecretString:clientSecret}}', undefined],
  ])('%s', (_name, secret, expected) => {
    const findings = audit(s => new CfnResource(s, 'TrustProvider', {
      type: 'AWS::EC2::VerifiedAccessTrustProvider',
      // A deployable template (PolicyReferenceName is required): the audit command reads it too.
      properties: { PolicyReferenceName: 'idp', TrustProviderType: 'user', UserTrustProviderType: 'oidc', NativeApplicationOidcOptions: { ClientId: 'c', ClientSecret: secret } },
    }));
    expect(findings.map(f => [f.rule, f.level])).toEqual(expected ? [expected] : []);
  });

  test('a secret built from literal text and a token: warning that the rule could not decide', () => {
    const findings = audit(s => trustProvider(s, Fn.join('', ['prefix-', new CfnParameter(s, 'Suffix', { noEcho: true }).valueAsString])));
    expect(findings.map(f => [f.rule, f.level])).toEqual([['VerifiedAccessPlaintextSecret', 'warning']]);
  });

  test('a secret built from literal text and a parameter without NoEcho: an error (every part of it is readable)', () => {
    const findings = audit(s => trustProvider(s, Fn.join('', ['prefix-', new CfnParameter(s, 'Suffix').valueAsString])));
    expect(findings.map(f => [f.rule, f.level])).toEqual([['VerifiedAccessPlaintextSecret', 'error']]);
    expect(findings[0].message).toMatch(/refers to the CloudFormation parameter "Suffix", which is not NoEcho/);
  });
});

describe('identity context (sts:SetContext)', () => {
  function contextRole(scope: Construct, conditions: Conditions | undefined, maxSessionDuration?: Duration): iam.Role {
    const principal = new iam.ServicePrincipal('access-grants.s3.amazonaws.com');
    const r = new iam.Role(scope, 'Role', { assumedBy: principal, maxSessionDuration });
    r.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ actions: ['sts:SetContext'], principals: [principal], conditions }));
    return r;
  }
  const PINNED_PROVIDER = { 'ForAllValues:ArnEquals': { 'sts:RequestContextProviders': IDENTITY_CENTER } };

  test.each<[string, Conditions | undefined, Duration | undefined, string[]]>([
    ['rejects sts:SetContext without a context-provider condition', undefined, undefined, ['SetContextProvider']],
    ['rejects a negated context-provider condition', { 'ForAnyValue:ArnNotEquals': { 'sts:RequestContextProviders': IDENTITY_CENTER } }, undefined, ['SetContextProvider']],
    ['passes the documented ForAllValues:ArnEquals pin', PINNED_PROVIDER, undefined, []],
    ['passes an ArnEquals pin', { ArnEquals: { 'sts:RequestContextProviders': IDENTITY_CENTER } }, undefined, []],
    // ...IfExists is true when the caller sets no context provider: it pins nothing.
    ['rejects ArnEqualsIfExists (vacuous when the key is absent)', { ArnEqualsIfExists: { 'sts:RequestContextProviders': IDENTITY_CENTER } }, undefined, ['SetContextProvider']],
    ['rejects StringEqualsIfExists (vacuous when the key is absent)', { StringEqualsIfExists: { 'sts:RequestContextProviders': IDENTITY_CENTER } }, undefined, ['SetContextProvider']],
    ['passes StringEquals', { StringEquals: { 'sts:RequestContextProviders': IDENTITY_CENTER } }, undefined, []],
    ['rejects a 12-hour session', PINNED_PROVIDER, Duration.hours(12), ['SetContextSessionDuration']],
    ['passes a 1-hour session', PINNED_PROVIDER, Duration.hours(1), []],
  ])('%s', (_name, conditions, duration, expected) => {
    const findings = audit(s => contextRole(s, conditions, duration));
    expect(rulesOf(findings, 'warning')).toEqual(expected);
    expect(rulesOf(findings, 'error')).toEqual([]);
  });

  test.each<[string, string[], string[]]>([
    ['a MaxSessionDuration only known at deploy time on a role that receives identity context: warning that the rule could not decide', ['sts:SetContext'], ['SetContextSessionDuration']],
    ['passes a MaxSessionDuration only known at deploy time on a role that does not receive identity context', ['sts:AssumeRole'], []],
  ])('%s', (_name, actions, expected) => {
    const findings = audit(s => new iam.CfnRole(s, 'Role', {
      maxSessionDuration: new CfnParameter(s, 'Duration', { type: 'Number' }).valueAsNumber,
      assumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { Service: 'access-grants.s3.amazonaws.com' }, Action: actions, Condition: PINNED_PROVIDER }],
      },
    }));
    expect(rulesOf(findings, 'warning')).toEqual(expected);
    expect(rulesOf(findings, 'error')).toEqual([]);
    if (expected.length > 0) expect(findings[0].message).toMatch(/^\[SetContextSessionDuration\] Could not decide whether MaxSessionDuration is over 3600 s/);
  });

  test.each<[string, unknown, string[]]>([
    ['rejects NotAction that does not exclude sts:SetContext', 'sts:AssumeRole', ['SetContextProvider']],
    ['passes NotAction that excludes sts:SetContext', 'sts:SetContext', []],
    ['an Action that is a token: warning that the rule could not decide', { 'Fn::ImportValue': 'actions' }, ['SetContextProvider']],
  ])('%s', (name, action, expected) => {
    const key = name.startsWith('an Action') ? 'Action' : 'NotAction';
    const findings = audit(s => new iam.CfnRole(s, 'Role', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'access-grants.s3.amazonaws.com' }, [key]: action }] },
    }));
    expect(rulesOf(findings, 'warning')).toEqual(expected);
    expect(rulesOf(findings, 'error')).toEqual([]);
  });

  test('passes a role with a long session that does not receive identity context', () => {
    expect(audit(s => new iam.Role(s, 'Role', { assumedBy: new iam.AccountRootPrincipal(), maxSessionDuration: Duration.hours(12) }))).toEqual([]);
  });

  test('a condition that is only known at deploy time: warning that the rule could not decide', () => {
    const findings = audit(s => new iam.CfnRole(s, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { Service: 'access-grants.s3.amazonaws.com' }, Action: 'sts:SetContext', Condition: Fn.importValue('conditions') }],
      },
    }));
    expect(findings.map(f => [f.rule, f.level])).toEqual([['SetContextProvider', 'warning']]);
    expect(findings[0].message).toMatch(/Could not decide/);
  });

  test('sees sts:SetContext in raw JSON', () => {
    const findings = audit(s => new iam.CfnRole(s, 'Role', {
      maxSessionDuration: 7200,
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ['sts:AssumeRole', 'sts:SetContext'] }] },
    }));
    expect(rulesOf(findings, 'warning')).toEqual(['SetContextProvider', 'SetContextSessionDuration']);
  });
});

describe('TokenExchangeAnyResource', () => {
  const APPLICATION = `arn:aws:sso::${ACCOUNT}:application/ssoins-1111111111111111/apl-1111111111111111`;
  test.each<[string, (s: Stack) => void, boolean]>([
    ['rejects CreateTokenWithIAM on "*" (iam.Policy)', s => new iam.Policy(s, 'Policy', {
      statements: [new iam.PolicyStatement({ actions: ['sso-oauth:CreateTokenWithIAM'], resources: ['*'] })],
      roles: [new iam.Role(s, 'Role', { assumedBy: new iam.AccountRootPrincipal() })],
    }), true],
    ['passes CreateTokenWithIAM on the application', s => new iam.Policy(s, 'Policy', {
      statements: [new iam.PolicyStatement({ actions: ['sso-oauth:CreateTokenWithIAM'], resources: [APPLICATION] })],
      roles: [new iam.Role(s, 'Role', { assumedBy: new iam.AccountRootPrincipal() })],
    }), false],
    ['rejects sso-oauth:* on "*" (inline policy of a role)', s => new iam.Role(s, 'Role', {
      assumedBy: new iam.AccountRootPrincipal(),
      inlinePolicies: { exchange: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['sso-oauth:*'], resources: ['*'] })] }) },
    }), true],
    ['rejects CreateTokenWithIAM on "*" (grant through addToPrincipalPolicy)', s => new iam.Role(s, 'Role', { assumedBy: new iam.AccountRootPrincipal() })
      .addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sso-oauth:CreateTokenWithIAM'], resources: ['*'] })), true],
    ['rejects CreateTokenWithIAM on "*" (managed policy)', s => new iam.ManagedPolicy(s, 'Policy', {
      statements: [new iam.PolicyStatement({ actions: ['sso-oauth:CreateTokenWithIAM'], resources: ['*'] })],
    }), true],
    ['rejects CreateTokenWithIAM on "*" among other grants', s => new iam.ManagedPolicy(s, 'Policy', {
      statements: [
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }),
        new iam.PolicyStatement({ actions: ['sso-oauth:CreateTokenWithIAM'], resources: ['*'] }),
      ],
    }), true],
    ['rejects an action only known at synth time (Lazy) that is CreateTokenWithIAM on "*"', s => new iam.ManagedPolicy(s, 'Policy', {
      statements: [new iam.PolicyStatement({ actions: [Lazy.string({ produce: () => 'sso-oauth:CreateTokenWithIAM' })], resources: ['*'] })],
    }), true],
    ['passes other actions on "*"', s => new iam.ManagedPolicy(s, 'Policy', {
      statements: [new iam.PolicyStatement({ actions: ['sso:ListInstances', 'sso-oauth:CreateToken'], resources: ['*'] })],
    }), false],
    ['passes a Deny on "*"', s => new iam.ManagedPolicy(s, 'Policy', {
      statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['sso-oauth:*'], resources: ['*'] })],
    }), false],
  ])('%s', (_name, build, flagged) => {
    expect(rulesOf(audit(build), 'warning')).toEqual(flagged ? ['TokenExchangeAnyResource'] : []);
  });
});

describe('acknowledgements', () => {
  const OPEN = { StringEquals: AUD };

  test('an acknowledged finding becomes an info annotation that keeps the reason', () => {
    const findings = audit(s => {
      const r = role(s, new iam.WebIdentityPrincipal(GH_ARN, OPEN));
      TrustedIdentityChecks.acknowledge(r, 'OidcTenantSubject', 'restricted by an SCP on repository_owner_id');
    });
    expect(findings.map(f => [f.rule, f.level])).toEqual([['OidcTenantSubject', 'info']]);
    expect(findings[0].message).toMatch(/Acknowledged: restricted by an SCP on repository_owner_id$/);
  });

  test('applies to the construct and its children only', () => {
    const findings = audit(s => {
      const group = new Construct(s, 'Group');
      TrustedIdentityChecks.acknowledge(group, 'OidcTenantSubject', 'reviewed in SEC-123');
      role(group, new iam.WebIdentityPrincipal(GH_ARN, OPEN));
      role(new Construct(s, 'Sibling'), new iam.WebIdentityPrincipal(GH_ARN, OPEN));
    });
    expect(findings.map(f => [f.path, f.level])).toEqual([
      ['/Stack/Group/Role/Resource', 'info'],
      ['/Stack/Sibling/Role/Resource', 'error'],
    ]);
  });

  test('applies to that rule only', () => {
    const findings = audit(s => {
      const r = role(s, new iam.WebIdentityPrincipal(GH_ARN, {}));
      TrustedIdentityChecks.acknowledge(r, 'OidcTenantSubject', 'reviewed');
    });
    expect(findings.map(f => [f.rule, f.level])).toEqual([['OidcAudience', 'warning'], ['OidcTenantSubject', 'info']]);
  });

  test.each(['', '   '])('rejects an acknowledgement without a reason (%j)', (reason) => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => TrustedIdentityChecks.acknowledge(stack, 'OidcAudience', reason)).toThrow(/Stack: reason "\s*" must say why the OidcAudience finding is acceptable/);
  });

  test('rejects an unknown rule id', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => TrustedIdentityChecks.acknowledge(stack, 'OidcAudiance', 'typo')).toThrow(/Stack: ruleId "OidcAudiance" must be one of "OidcAudience", /);
  });
});

describe('the aspect', () => {
  function mixedApp(stack: Stack): void {
    role(stack, new iam.WebIdentityPrincipal(GH_ARN, {}));
    new iam.Role(stack, 'Exchange', { assumedBy: new iam.AccountRootPrincipal() })
      .addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sso-oauth:CreateTokenWithIAM'], resources: ['*'] }));
    const nested = new NestedStack(stack, 'Nested');
    new iam.CfnRole(nested, 'Raw', { assumeRolePolicyDocument: webIdentityTrust(GH_ARN, { 'ForAllValues:StringEquals': { ...AUD, [SUB]: PINNED } }) });
  }

  test('never changes a resource', () => {
    const plain = new App();
    mixedApp(new Stack(plain, 'Stack'));
    const audited = new App();
    mixedApp(new Stack(audited, 'Stack'));
    Aspects.of(audited).add(new TrustedIdentityChecks());
    const a = plain.synth();
    const b = audited.synth();
    // Every template, nested stacks' included.
    const templates = fs.readdirSync(a.directory).filter(f => f.endsWith('.template.json'));
    expect(templates).toHaveLength(2);
    for (const file of templates) {
      expect(fs.readFileSync(path.join(b.directory, file), 'utf-8')).toEqual(fs.readFileSync(path.join(a.directory, file), 'utf-8'));
    }
    expect(findingsOf(b).length).toBeGreaterThan(0);
  });

  test('reports findings in nested stacks on the nested resource', () => {
    const findings = audit(mixedApp);
    const nested = findings.filter(f => f.path.startsWith('/Stack/Nested/'));
    expect(nested.map(f => f.path)).toEqual(nested.map(() => '/Stack/Nested/Raw'));
    // ForAllValues: on aud and sub: every token carries both, so both are still required (warnings).
    expect(nested.map(f => [f.rule, f.level])).toEqual([['OidcForAllValues', 'warning'], ['OidcForAllValues', 'warning']]);
  });

  test('a resource it cannot read is reported as a warning, never thrown', () => {
    const stack = new Stack(new App(), 'Stack');
    const broken = new CfnResource(stack, 'Role', {
      type: 'AWS::IAM::Role',
      properties: { AssumeRolePolicyDocument: Lazy.any({ produce: () => { throw new Error('boom'); } }) },
    });
    expect(() => new TrustedIdentityChecks().visit(broken)).not.toThrow();
    const warnings = broken.node.metadata.filter(m => m.type === 'aws:cdk:warning').map(m => m.data);
    expect(warnings).toEqual([expect.stringMatching(/^\[TrustedIdentityChecks\] Could not audit this AWS::IAM::Role \([\s\S]*boom[\s\S]*\)\. Check its trust by hand\./)]);
  });

  test('warnings carry the stable id cdk-trusted-identity:<ruleId>', () => {
    const findings = audit(s => role(s, new iam.WebIdentityPrincipal(GH_ARN, { StringEquals: { ...AUD, [SUB]: 'repo:a/b:*' } })));
    expect(findings.map(f => f.message)).toEqual([expect.stringMatching(/^\[OidcSubjectStringEquals\] .*\[ack: cdk-trusted-identity:OidcSubjectStringEquals\]$/)]);
  });

  test('our constructs with a template assertion: still valid after the audit', () => {
    const stack = new Stack(new App(), 'Stack');
    role(stack, OidcProvider.gitHubActions(stack, 'Provider').principal({ subjects: [PINNED] }));
    Aspects.of(stack).add(new TrustedIdentityChecks());
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 1);
  });
});

describe('VerifiedAccessOneUserProvider', () => {
  const OKTA = {
    issuer: 'https://login.example.com',
    authorizationEndpoint: 'https://login.example.com/authorize',
    tokenEndpoint: 'https://login.example.com/token',
    userInfoEndpoint: 'https://login.example.com/userinfo',
    clientId: 'client',
    clientSecret: SecretValue.secretsManager('va/oidc'),
  };

  /** An L1 trust provider; `type` may be a token. */
  function l1(scope: Construct, id: string, type: string): ec2.CfnVerifiedAccessTrustProvider {
    return new ec2.CfnVerifiedAccessTrustProvider(scope, id, type === 'device'
      ? { trustProviderType: type, deviceTrustProviderType: 'jamf', policyReferenceName: id.toLowerCase(), deviceOptions: { tenantId: 't' } }
      : { trustProviderType: type, userTrustProviderType: 'iam-identity-center', policyReferenceName: id.toLowerCase() });
  }

  function l2(scope: Construct, id: string, provider: TrustProvider): VerifiedAccessTrustProvider {
    return new VerifiedAccessTrustProvider(scope, id, { policyReferenceName: id.toLowerCase(), provider });
  }

  function instance(scope: Construct, ids: string[]): ec2.CfnVerifiedAccessInstance {
    return new ec2.CfnVerifiedAccessInstance(scope, 'Instance', { verifiedAccessTrustProviderIds: ids });
  }

  test.each<[string, (s: Stack) => void, string]>([
    ['two library providers (OIDC and IAM Identity Center)', s => instance(s, [
      l2(s, 'Okta', TrustProvider.oidc(OKTA)).verifiedAccessTrustProviderId,
      l2(s, 'IdentityCenter', TrustProvider.iamIdentityCenter()).verifiedAccessTrustProviderId,
      l2(s, 'Jamf', TrustProvider.jamf({ tenantId: 'jamf-tenant' })).verifiedAccessTrustProviderId,
    ]), 'Stack/Okta/Resource, Stack/IdentityCenter/Resource'],
    ['two L1 user providers, by Ref and by Fn::GetAtt', s => instance(s, [l1(s, 'One', 'user').ref, l1(s, 'Two', 'user').attrVerifiedAccessTrustProviderId]),
      'Stack/One, Stack/Two'],
    ['an L1 and a library provider', s => instance(s, [l1(s, 'One', 'user').ref, l2(s, 'Okta', TrustProvider.oidc(OKTA)).verifiedAccessTrustProviderId]),
      'Stack/One, Stack/Okta/Resource'],
    ['a second user provider in VerifiedAccessTrustProviders', s => new ec2.CfnVerifiedAccessInstance(s, 'Instance', {
      verifiedAccessTrustProviderIds: [l1(s, 'One', 'user').ref],
      verifiedAccessTrustProviders: [{ verifiedAccessTrustProviderId: 'vatp-0123456789abcdef0', trustProviderType: 'user' }],
    }), 'Stack/One, "vatp-0123456789abcdef0"'],
    ['a raw CfnResource instance', s => new CfnResource(s, 'Instance', {
      type: 'AWS::EC2::VerifiedAccessInstance',
      properties: { VerifiedAccessTrustProviderIds: [l1(s, 'One', 'user').ref, l1(s, 'Two', 'user').ref] },
    }), 'Stack/One, Stack/Two'],
    ['a second user provider added by a property override', s => instance(s, [l1(s, 'One', 'user').ref])
      .addPropertyOverride('VerifiedAccessTrustProviderIds.1', l1(s, 'Two', 'user').ref), 'Stack/One, Stack/Two'],
  ])('rejects an instance with %s', (_name, build, providers) => {
    const findings = audit(build);
    expect(findings.map(f => [f.rule, f.level, f.path])).toEqual([['VerifiedAccessOneUserProvider', 'error', '/Stack/Instance']]);
    expect(findings[0].message).toBe(`[VerifiedAccessOneUserProvider] The instance has 2 user trust providers attached: ${providers}. ` +
      'A Verified Access instance takes at most one user trust provider (and any number of device trust providers): the deploy fails when ' +
      'the second one is attached. Fix: attach one user trust provider per instance (put the other identity source behind it, or give it ' +
      'its own instance); device trust providers can be added next to it.');
  });

  test.each<[string, (s: Stack) => void]>([
    ['one user provider and several device providers (the README example)', s => instance(s, [
      l2(s, 'Okta', TrustProvider.oidc(OKTA)).verifiedAccessTrustProviderId,
      l2(s, 'Jamf', TrustProvider.jamf({ tenantId: 'jamf-tenant' })).verifiedAccessTrustProviderId,
      l2(s, 'CrowdStrike', TrustProvider.crowdStrike({ tenantId: 'cs-tenant' })).verifiedAccessTrustProviderId,
      l1(s, 'Device', 'device').ref,
    ])],
    ['the same user provider listed twice (by Ref and by Fn::GetAtt, and in VerifiedAccessTrustProviders)', s => {
      const one = l1(s, 'One', 'user');
      new ec2.CfnVerifiedAccessInstance(s, 'Instance', {
        verifiedAccessTrustProviderIds: [one.ref, one.attrVerifiedAccessTrustProviderId],
        verifiedAccessTrustProviders: [{ verifiedAccessTrustProviderId: one.ref, trustProviderType: 'user' }],
      });
    }],
    ['two user providers on two instances', s => {
      instance(s, [l1(s, 'One', 'user').ref]);
      new ec2.CfnVerifiedAccessInstance(s, 'Other', { verifiedAccessTrustProviderIds: [l1(s, 'Two', 'user').ref] });
    }],
    ['no trust provider', s => new ec2.CfnVerifiedAccessInstance(s, 'Instance', {})],
  ])('accepts an instance with %s', (_name, build) => {
    expect(audit(build)).toEqual([]);
  });

  test.each<[string, (s: Stack) => void]>([
    ['an imported provider id', s => instance(s, [
      l1(s, 'One', 'user').ref,
      VerifiedAccessTrustProvider.fromVerifiedAccessTrustProviderAttributes(s, 'Imported', { verifiedAccessTrustProviderId: 'vatp-0123456789abcdef0' }).verifiedAccessTrustProviderId,
    ])],
    ['a provider id from a parameter and from Fn::ImportValue', s => instance(s, [
      l1(s, 'One', 'user').ref, new CfnParameter(s, 'ProviderId').valueAsString, Fn.importValue('OtherProviderId'),
    ])],
    ['a provider whose TrustProviderType is a parameter', s => instance(s, [
      l1(s, 'One', 'user').ref, l1(s, 'Two', new CfnParameter(s, 'Type').valueAsString).ref,
    ])],
    ['a list token of ids', s => new ec2.CfnVerifiedAccessInstance(s, 'Instance', {
      verifiedAccessTrustProviderIds: Fn.split(',', new CfnParameter(s, 'Ids').valueAsString),
    })],
  ])('does not count what is only known at deploy time: %s', (_name, build) => {
    expect(audit(build)).toEqual([]);
  });

  test('can be acknowledged like any rule', () => {
    const findings = audit(s => {
      const i = instance(s, [l1(s, 'One', 'user').ref, l1(s, 'Two', 'user').ref]);
      TrustedIdentityChecks.acknowledge(i, 'VerifiedAccessOneUserProvider', 'test of the acknowledgement');
    });
    expect(findings.map(f => [f.rule, f.level])).toEqual([['VerifiedAccessOneUserProvider', 'info']]);
  });
});
