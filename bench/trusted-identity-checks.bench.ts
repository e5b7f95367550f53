import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { GitHubActionsSubject, OidcProvider, TrustedIdentityChecks } from './library';
import { measure, record, table } from './util';

const RUNS = 7;
const ROLES = 1000;
/** Roles per stack: with the stack's one OIDC provider, well under CloudFormation's 500 resources per stack. */
const ROLES_PER_STACK = 400;
const GH = 'token.actions.githubusercontent.com';
const COGNITO = 'cognito-identity.amazonaws.com';

/**
 * 1,000 roles in five trust styles, round robin, over ceil(1000 / 400) = 3 stacks of 3 accounts (the first is util's "Bench"):
 * `OidcProvider.principal()`, `iam.WebIdentityPrincipal` with a literal ARN, raw `CfnRole` JSON with an `Fn::Sub` ARN,
 * a Cognito identity pool `FederatedPrincipal`, and a service role receiving identity context with a token-exchange
 * inline policy. All are clean: the aspect reports nothing, so the time is the audit's, not annotations'.
 */
function roles(first: Stack): void {
  const app = first.node.scope as App;
  let stack = first;
  let github = OidcProvider.gitHubActions(stack, 'GitHub');
  for (let i = 0; i < ROLES; i++) {
    if (i > 0 && i % ROLES_PER_STACK === 0) {
      // Each stack in its own account: IAM allows one provider per URL per account, and the library fails synth on a
      // second one in the same account.
      const account = String(Number(first.account) + i / ROLES_PER_STACK);
      stack = new Stack(app, `Bench${i / ROLES_PER_STACK}`, { env: { account, region: first.region } });
      github = OidcProvider.gitHubActions(stack, 'GitHub');
    }
    const subject = GitHubActionsSubject.branch('my-org', `app${i}`, 'main');
    switch (i % 5) {
      case 0:
        new iam.Role(stack, `Role${i}`, { assumedBy: github.principal({ subjects: [subject] }) });
        break;
      case 1:
        new iam.Role(stack, `Role${i}`, {
          assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GH}`, {
            StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: subject },
          }),
        });
        break;
      case 2:
        new iam.CfnRole(stack, `Role${i}`, {
          assumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{
              Effect: 'Allow',
              Principal: { Federated: { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GH}` } },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: `repo:my-org/app${i}:*` } },
            }],
          },
        });
        break;
      case 3:
        new iam.Role(stack, `Role${i}`, {
          assumedBy: new iam.FederatedPrincipal(COGNITO, {
            'StringEquals': { [`${COGNITO}:aud`]: 'us-east-1:11111111-2222-3333-4444-555555555555' },
            'ForAnyValue:StringLike': { [`${COGNITO}:amr`]: 'authenticated' },
          }, 'sts:AssumeRoleWithWebIdentity'),
        });
        break;
      default: {
        const principal = new iam.ServicePrincipal('access-grants.s3.amazonaws.com');
        const role = new iam.Role(stack, `Role${i}`, {
          assumedBy: principal,
          inlinePolicies: {
            exchange: new iam.PolicyDocument({
              statements: [new iam.PolicyStatement({
                actions: ['sso-oauth:CreateTokenWithIAM'],
                resources: ['arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-1111111111111111'],
              })],
            }),
          },
        });
        role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
          actions: ['sts:SetContext'],
          principals: [principal],
          conditions: { 'ForAllValues:ArnEquals': { 'sts:RequestContextProviders': 'arn:aws:iam::aws:contextProvider/IdentityCenter' } },
        }));
      }
    }
  }
}

/** The aspect's findings (annotations starting with a rule id in brackets, as test/findings.ts reads them) in every stack. */
function findingsOf(assembly: CloudAssembly): number {
  return assembly.stacksRecursively.flatMap(stack => stack.messages).filter(m => /^\[\w+\]/.test(String(m.entry.data))).length;
}

/** The same app synthesized with and without `TrustedIdentityChecks`, interleaved. */
export function runTrustedIdentityChecksBench(): string {
  const r = measure({
    without: roles,
    with: (stack) => {
      roles(stack);
      Aspects.of(stack.node.root).add(new TrustedIdentityChecks());
    },
  }, RUNS);
  record('TrustedIdentityChecks (aspect)', `${ROLES} roles`, 'without the aspect', r.without, r.without);
  record('TrustedIdentityChecks (aspect)', `${ROLES} roles`, 'with the aspect', r.with, r.without);
  // The audit must have seen the app and found nothing (a finding would mean the bench app is not what it claims).
  const app = new App();
  roles(new Stack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } }));
  Aspects.of(app).add(new TrustedIdentityChecks());
  const findings = findingsOf(app.synth());
  return table(
    ['roles', 'stacks', 'synth CPU ms without the aspect', 'synth CPU ms with the aspect', 'ratio', 'findings'],
    [[ROLES, Math.ceil(ROLES / ROLES_PER_STACK), r.without.ms.toFixed(0), r.with.ms.toFixed(0), (r.with.ms / r.without.ms).toFixed(2), findings]],
  );
}

if (require.main === module) {
  console.log(runTrustedIdentityChecksBench());
}
