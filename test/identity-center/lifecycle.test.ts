/**
 * The permissions of the custom-resource machinery through a stack's whole life (issue 16): each kind of fallback
 * resource has its own policy, present only while the stack contains that kind, and every SDK call — create, update,
 * and the deletes CloudFormation makes in the cleanup phase and on stack deletion — is allowed by the policies
 * CloudFormation guarantees to be in place at that moment (see `util/cfn-lifecycle.ts`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AccessScope, ApplicationGrant, IdentityCenterApplication, TrustedTokenIssuer, TrustedTokenIssuerConfiguration,
  TrustedTokenIssuerImplementation,
} from '../../src';
import { SimulatedCall, SimulatedStack } from '../util/cfn-lifecycle';

const ACCOUNT = '123456789012';
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const INSTANCE_2 = 'arn:aws:sso:::instance/ssoins-fedcba0987654321';

/** What a version of the stack contains. */
interface Version {
  readonly issuerInstance?: string;
  readonly appInstance?: string;
  /** `userBackgroundSessions` of the application (absent: not set). */
  readonly sessions?: boolean;
  /** A second application, without sessions. */
  readonly secondApp?: boolean;
}

function synth(v: Version): any {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'us-east-1' } });
  let issuer: TrustedTokenIssuer | undefined;
  if (v.issuerInstance) {
    issuer = new TrustedTokenIssuer(stack, 'Okta', {
      implementation: TrustedTokenIssuerImplementation.CUSTOM_RESOURCE,
      instanceArn: v.issuerInstance,
      configuration: TrustedTokenIssuerConfiguration.oidcJwt({
        issuerUrl: 'https://example.okta.com', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value',
      }),
      tags: { team: 'platform' },
    });
  }
  if (v.appInstance) {
    const app = new IdentityCenterApplication(stack, 'App', {
      instanceArn: v.appInstance, assignmentRequired: false, userBackgroundSessions: v.sessions,
    });
    if (issuer && v.issuerInstance === v.appInstance) {
      app.addGrant(ApplicationGrant.jwtBearer({ authorizedTokenIssuers: [{ trustedTokenIssuer: issuer, authorizedAudiences: ['client-1'] }] }));
    }
    app.addGrant(ApplicationGrant.refreshToken());
    app.addAccessScope(AccessScope.STS_IDENTITY_CONTEXT);
    app.grantCreateTokenWithIam(new iam.Role(stack, 'Exchanger', { assumedBy: new iam.AccountRootPrincipal() }));
  }
  if (v.secondApp) {
    new IdentityCenterApplication(stack, 'Second', { instanceArn: v.appInstance ?? INSTANCE, assignmentRequired: false })
      .addAccessScope(AccessScope.OPENID);
  }
  return Template.fromStack(stack).toJSON();
}

/** `<phase> <action> <instance id of the resource>`, for assertions on which calls were made. */
function summary(calls: SimulatedCall[]): string[] {
  return [...new Set(calls.map(c => `${c.phase} ${c.action} ${c.resources[c.resources.length - 1].split('/')[1]}`))].sort();
}

function denied(calls: SimulatedCall[]): SimulatedCall[] {
  return calls.filter(c => !c.allowed);
}

/** The actions of the library's policy `<Kind>Policy` in `template` (undefined when the stack has none). */
function policyActions(template: any, kind: string): string[] | undefined {
  const entry = Object.entries<any>(template.Resources)
    .find(([id, r]) => r.Type === 'AWS::IAM::Policy' && id.startsWith(`TrustedIdentityCustomResourceRole${kind}Policy`));
  if (!entry) return undefined;
  return [...new Set<string>(entry[1].Properties.PolicyDocument.Statement.flatMap((s: any) => [].concat(s.Action)))].sort();
}

const ISSUER_ONLY: Version = { issuerInstance: INSTANCE };
const EVERYTHING: Version = { issuerInstance: INSTANCE, appInstance: INSTANCE, sessions: true, secondApp: true };

describe('each kind of resource brings its own policy, only while the stack contains it', () => {
  test('issuers only: issuer actions, no application or session action', () => {
    const t = synth(ISSUER_ONLY);
    expect(policyActions(t, 'Issuer')).toEqual([
      'sso:CreateTrustedTokenIssuer', 'sso:DeleteTrustedTokenIssuer', 'sso:TagResource', 'sso:UntagResource', 'sso:UpdateTrustedTokenIssuer',
    ]);
    expect(policyActions(t, 'Application')).toBeUndefined();
    expect(policyActions(t, 'Session')).toBeUndefined();
  });

  test('applications without userBackgroundSessions: application configuration actions only', () => {
    const t = synth({ appInstance: INSTANCE });
    expect(policyActions(t, 'Issuer')).toBeUndefined();
    expect(policyActions(t, 'Application')).toEqual([
      'sso:DeleteApplicationAccessScope', 'sso:DeleteApplicationAuthenticationMethod', 'sso:DeleteApplicationGrant',
      'sso:PutApplicationAccessScope', 'sso:PutApplicationAssignmentConfiguration', 'sso:PutApplicationAuthenticationMethod',
      'sso:PutApplicationGrant',
    ]);
    expect(policyActions(t, 'Session')).toBeUndefined();
  });

  test.each([true, false])('userBackgroundSessions %s: PutApplicationSessionConfiguration, in its own policy', (sessions) => {
    const t = synth({ appInstance: INSTANCE, sessions });
    expect(policyActions(t, 'Session')).toEqual(['sso:PutApplicationSessionConfiguration']);
    expect(policyActions(t, 'Application')).not.toContain('sso:PutApplicationSessionConfiguration');
  });

  test('every custom resource depends on its kind\'s policy, and on no other kind\'s', () => {
    const t = synth(EVERYTHING);
    const policyOf = (kind: string) => Object.keys(t.Resources).find(id => id.startsWith(`TrustedIdentityCustomResourceRole${kind}Policy`))!;
    const kindOf = (type: string) => (type.startsWith('Custom::TrustedTokenIssuer') ? 'Issuer' : type.endsWith('SessionConfiguration') ? 'Session' : 'Application');
    const custom = Object.values<any>(t.Resources).filter(r => r.Type.startsWith('Custom::'));
    expect(custom.length).toBeGreaterThan(8);
    for (const r of custom) {
      const policies = [].concat(r.DependsOn ?? []).filter((d: string) => t.Resources[d].Type === 'AWS::IAM::Policy');
      expect(policies).toEqual([policyOf(kindOf(r.Type))]);
    }
  });
});

describe('lifecycle: every call is allowed by the policies in place when CloudFormation makes it', () => {
  test('create, remove the last applications while a fallback issuer stays, bring an application back, remove the last issuer, move both to another instance, drop sessions, delete the stack', () => {
    const stack = new SimulatedStack(ACCOUNT);

    // 1. Create everything.
    const create = stack.deploy(synth(EVERYTHING));
    expect(denied(create)).toEqual([]);
    expect(summary(create)).toEqual(expect.arrayContaining([
      'update sso:CreateTrustedTokenIssuer ssoins-1234567890abcdef',
      'update sso:TagResource ssoins-1234567890abcdef',
      'update sso:PutApplicationGrant ssoins-1234567890abcdef',
      'update sso:PutApplicationAccessScope ssoins-1234567890abcdef',
      'update sso:PutApplicationAuthenticationMethod ssoins-1234567890abcdef',
      'update sso:PutApplicationSessionConfiguration ssoins-1234567890abcdef',
    ]));

    // 2. The last applications leave; the fallback issuer stays. The application and session policies leave with them.
    const v2 = synth(ISSUER_ONLY);
    expect(policyActions(v2, 'Application')).toBeUndefined();
    const removeApps = stack.deploy(v2);
    expect(denied(removeApps)).toEqual([]);
    expect(summary(removeApps)).toEqual([
      'cleanup sso:DeleteApplicationAccessScope ssoins-1234567890abcdef',
      'cleanup sso:DeleteApplicationAuthenticationMethod ssoins-1234567890abcdef',
      'cleanup sso:DeleteApplicationGrant ssoins-1234567890abcdef',
      'cleanup sso:PutApplicationSessionConfiguration ssoins-1234567890abcdef',
    ]);

    // 3. An application comes back; then the last issuer leaves.
    expect(denied(stack.deploy(synth({ issuerInstance: INSTANCE, appInstance: INSTANCE })))).toEqual([]);
    const removeIssuer = stack.deploy(synth({ appInstance: INSTANCE }));
    expect(denied(removeIssuer)).toEqual([]);
    expect(summary(removeIssuer)).toEqual([
      // the jwtBearer grant that named the issuer leaves with it
      'cleanup sso:DeleteApplicationGrant ssoins-1234567890abcdef',
      'cleanup sso:DeleteTrustedTokenIssuer ssoins-1234567890abcdef',
      'cleanup sso:UntagResource ssoins-1234567890abcdef',
    ]);

    // 4. Issuer and application (with sessions) move to another instance: created there, the old ones deleted.
    expect(denied(stack.deploy(synth({ issuerInstance: INSTANCE, appInstance: INSTANCE, sessions: true })))).toEqual([]);
    const move = stack.deploy(synth({ issuerInstance: INSTANCE_2, appInstance: INSTANCE_2, sessions: true }));
    expect(denied(move)).toEqual([]);
    expect(summary(move)).toEqual(expect.arrayContaining([
      'update sso:CreateTrustedTokenIssuer ssoins-fedcba0987654321',
      'update sso:PutApplicationGrant ssoins-fedcba0987654321',
      'update sso:PutApplicationSessionConfiguration ssoins-fedcba0987654321',
      // the tag resource keeps its physical id (the key) and tags the new issuer; the old issuer goes with its tags
      'update sso:TagResource ssoins-fedcba0987654321',
      'cleanup sso:DeleteTrustedTokenIssuer ssoins-1234567890abcdef',
      'cleanup sso:DeleteApplicationGrant ssoins-1234567890abcdef',
      'cleanup sso:DeleteApplicationAccessScope ssoins-1234567890abcdef',
      'cleanup sso:DeleteApplicationAuthenticationMethod ssoins-1234567890abcdef',
      'cleanup sso:PutApplicationSessionConfiguration ssoins-1234567890abcdef',
    ]));

    // 5. userBackgroundSessions is removed: the reset runs in the cleanup phase, and the session policy leaves after it.
    const v5 = synth({ issuerInstance: INSTANCE_2, appInstance: INSTANCE_2 });
    expect(policyActions(v5, 'Session')).toBeUndefined();
    const dropSessions = stack.deploy(v5);
    expect(denied(dropSessions)).toEqual([]);
    expect(summary(dropSessions)).toEqual(['cleanup sso:PutApplicationSessionConfiguration ssoins-fedcba0987654321']);

    // 6. The stack is deleted.
    const destroy = stack.destroy();
    expect(denied(destroy)).toEqual([]);
    expect(summary(destroy)).toEqual(expect.arrayContaining([
      'delete-stack sso:DeleteTrustedTokenIssuer ssoins-fedcba0987654321',
      'delete-stack sso:DeleteApplicationGrant ssoins-fedcba0987654321',
    ]));
  });

  test('the replay catches a policy that would not survive the cleanup phase (without the account-wide delete statement, the moved application\'s old grant cannot be deleted)', () => {
    const stack = new SimulatedStack(ACCOUNT);
    stack.deploy(synth({ appInstance: INSTANCE }));
    const moved = synth({ appInstance: INSTANCE_2 });
    for (const [id, r] of Object.entries<any>(moved.Resources)) {
      if (id.startsWith('TrustedIdentityCustomResourceRoleApplicationPolicy')) {
        r.Properties.PolicyDocument.Statement = r.Properties.PolicyDocument.Statement
          .filter((s: any) => ![].concat(s.Action).some((a: string) => a.startsWith('sso:Delete')));
      }
    }
    expect(summary(denied(stack.deploy(moved)))).toEqual([
      'cleanup sso:DeleteApplicationAccessScope ssoins-1234567890abcdef',
      'cleanup sso:DeleteApplicationAuthenticationMethod ssoins-1234567890abcdef',
      'cleanup sso:DeleteApplicationGrant ssoins-1234567890abcdef',
    ]);
  });

  test('the replay catches a custom resource that does not depend on its policy (its last delete may run after the policy is gone)', () => {
    const stack = new SimulatedStack(ACCOUNT);
    const v1 = synth(ISSUER_ONLY);
    for (const r of Object.values<any>(v1.Resources)) {
      if (r.Type.startsWith('Custom::')) r.DependsOn = [].concat(r.DependsOn ?? []).filter((d: string) => !d.includes('Policy'));
    }
    expect(summary(denied(stack.deploy(v1)))).toContain('update sso:CreateTrustedTokenIssuer ssoins-1234567890abcdef');
  });
});

describe('scale: 100 issuers and 20 applications in one stack stay within IAM and CloudFormation limits', () => {
  test('inline policies of the role under 10,240 characters (whitespace excluded), under 500 resources, one function', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const exchanger = new iam.Role(stack, 'Exchanger', { assumedBy: new iam.AccountRootPrincipal() });
    const issuers: TrustedTokenIssuer[] = [];
    for (let i = 0; i < 100; i++) {
      issuers.push(new TrustedTokenIssuer(stack, `Issuer${i}`, {
        implementation: TrustedTokenIssuerImplementation.CUSTOM_RESOURCE,
        instanceArn: i % 2 ? INSTANCE : INSTANCE_2,
        configuration: TrustedTokenIssuerConfiguration.oidcJwt({
          issuerUrl: `https://issuer${i}.example.com`, claimAttributePath: 'email', identityStoreAttributePath: 'emails.value',
        }),
      }));
    }
    for (let i = 0; i < 20; i++) {
      const app = new IdentityCenterApplication(stack, `App${i}`, {
        instanceArn: i % 2 ? INSTANCE : INSTANCE_2, assignmentRequired: false, userBackgroundSessions: true,
      });
      app.addGrant(ApplicationGrant.jwtBearer({ authorizedTokenIssuers: [{ trustedTokenIssuer: issuers[i], authorizedAudiences: ['client'] }] }));
      app.addGrant(ApplicationGrant.refreshToken());
      app.addAccessScope(AccessScope.STS_IDENTITY_CONTEXT);
      app.grantCreateTokenWithIam(exchanger);
    }
    const t = Template.fromStack(stack).toJSON();
    const resources = Object.values<any>(t.Resources);
    expect(resources.length).toBeLessThanOrEqual(500);
    expect(resources.filter(r => r.Type === 'AWS::Lambda::Function')).toHaveLength(1);
    const perRole: Record<string, number> = {};
    for (const r of resources.filter(x => x.Type === 'AWS::IAM::Policy')) {
      const size = JSON.stringify(r.Properties.PolicyDocument).replace(/\s/g, '').length;
      for (const role of r.Properties.Roles) perRole[role.Ref] = (perRole[role.Ref] ?? 0) + size;
    }
    const [role] = Object.keys(perRole).filter(r => r.startsWith('TrustedIdentityCustomResourceRole'));
    expect(perRole[role]).toBeLessThanOrEqual(10_240);
    // ... and the lifecycle holds at that scale too.
    const simulated = new SimulatedStack(ACCOUNT);
    const calls = simulated.deploy(t);
    expect(calls.length).toBeGreaterThan(150);
    expect(denied(calls)).toEqual([]);
    expect(denied(simulated.destroy())).toEqual([]);
  });
});

describe('upgrading from the one shared policy (the integ apps\' templates before issue 16) to a policy per kind', () => {
  // The old templates are kept as fixtures: CloudFormation creates the kinds' policies in the update phase and deletes
  // the old shared policy in the cleanup phase, after the custom resources that depended on it.
  test.each([
    ['identity-center-application', 'IdentityCenterApplicationIntegStack'],
    ['trusted-token-issuer', 'TrustedTokenIssuerIntegStack'],
  ])('%s: every call of the old template, the upgrade and the stack deletion is allowed', (name, stackName) => {
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', file), 'utf8'));
    const before = read(`fixtures/previous-release/${name}.template.json`);
    const after = read(`integ.${name}.ts.snapshot/${stackName}.template.json`);
    expect(Object.keys(before.Resources).filter(id => /^TrustedIdentityCustomResourceRolePolicy/.test(id))).toHaveLength(1);
    const stack = new SimulatedStack(ACCOUNT);
    const calls = [...stack.deploy(before), ...stack.deploy(after), ...stack.destroy()];
    expect(calls.length).toBeGreaterThan(5);
    expect(denied(calls)).toEqual([]);
  });
});
