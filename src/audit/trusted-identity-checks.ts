import { Annotations, CfnResource, DefaultTokenResolver, IAspect, Stack, StringConcat, Token, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { stripHttps } from '../private/arn';
import { audienceClaimOf, hasWildcard, IssuerProfile, multiTenantProfiles, profileOf, subjectTenant, TenantSegment, tenantPart } from '../private/issuers';
import { render, TOKEN } from '../private/render';
import { requireConstruct, requireString } from '../private/required';
import { classifySecret } from '../private/secrets';
import { CONTEXT_SESSION_RULE, CONTEXT_SESSION_TEXT, contextSessionFinding } from '../private/session';
import { fail, warn } from '../private/validation';

/** How bad a finding is: an error fails `cdk synth`/`cdk deploy`, a warning is shown. */
type Level = 'error' | 'warning';

/** One rule of the audit: its stable id, level and the fix shown with every finding. */
interface Rule {
  readonly level: Level;
  readonly why: string;
  readonly fix: string;
}

/**
 * The rule table (also in the README). Ids are public contract: they appear in messages and in `acknowledge()`.
 *
 * Severity policy (README, "Severity and rules"), applied to every rule; `level` below is the level of a rule's usual case,
 * and `report()` takes the case's level where one rule covers both:
 * - **error** only when a principal outside the owner's tenant (or anyone) can assume the role or obtain the token:
 *   a multi-tenant issuer without a subject or claim pinned to one tenant (OidcTenantSubject; OidcForAllValues when the
 *   only would-be pin is a ForAllValues: block on a claim tokens may lack), an audience-bound issuer (Google, Cognito
 *   identity pools, Login with Amazon, Facebook, unknown issuers) without an exact audience nor a pinned subject
 *   (OidcAudience, OidcAudienceWildcard), a client secret readable from the template (VerifiedAccessPlaintextSecret).
 *   VerifiedAccessOneUserProvider is an error for another reason the audit is sure of: the deploy fails.
 * - **warning** when the trust is bounded to the tenant but weaker than the guides recommend: a missing or wildcard
 *   audience with a pinned subject or a tenant-specific issuer (GitHub's, GitLab's and HCP Terraform's audience is
 *   whatever the workflow asks for: their subject is the boundary), `ForAllValues:`/`ForAnyValue:`/`...IfExists` on a
 *   claim every token carries (the value is still required), a subject that can never match (StringEquals with a
 *   wildcard), set-context trusts without a provider condition, long identity-enhanced sessions, token exchange on
 *   every application of the account, and a client secret that cannot deploy (`ssm-secure`).
 * - Whatever only deploy time decides is a warning that says so, never an error.
 *
 * Sources: IAM User Guide, "Set operators for multivalued context keys" (ForAllValues: is true when the key is absent
 * from the request; ForAnyValue: is meant for multivalued keys) and "Available keys for OIDC federation" (`<issuer>:aud`,
 * `<issuer>:sub`; Cognito identity pools: `cognito-identity.amazonaws.com:aud`/`:amr`, `amr` multivalued, tested with
 * ForAnyValue:StringLike in the Cognito Developer Guide's role trust example); AWS::EC2::VerifiedAccessTrustProvider
 * `OidcOptions`/`NativeApplicationOidcOptions.ClientSecret` (CloudFormation resource reference; CloudFormation resolves
 * `{{resolve:ssm-secure:...}}` only for the properties listed under "Resources that support dynamic parameter patterns
 * for secure strings", which do not include this type, so only `{{resolve:secretsmanager:...}}` deploys); Service Authorization
 * Reference for `sso-oauth` (CreateTokenWithIAM takes an application ARN as `clientId`, the resource it authorizes on);
 * IAM Identity Center User Guide, "Identity-enhanced IAM role sessions" and the S3 Access Grants / OpenSearch trust
 * policies that pin `sts:RequestContextProviders` to `arn:aws:iam::aws:contextProvider/IdentityCenter`.
 */
const RULES = {
  OidcAudience: {
    level: 'error',
    why: 'Without an audience check the role accepts tokens the issuer minted for any other client, including ones anybody can obtain.',
    fix: 'add StringEquals on "<issuer>:aud" (Login with Amazon and Facebook: "<issuer>:app_id") with your client ID (e.g. sts.amazonaws.com for GitHub Actions), or use OidcProvider.principal().',
  },
  OidcTenantSubject: {
    level: 'error',
    why: 'The issuer mints tokens for anyone with an account: without a subject pinned to your organization, any of its users in the world can assume the role.',
    fix: 'add a "<issuer>:sub" condition naming your tenant without wildcards (e.g. repo:my-org/my-app:ref:refs/heads/main, or in GitHub\'s immutable form repo:my-org@123456/my-app@456789:ref:refs/heads/main; a custom subject must include repo, repository_owner or repository_owner_id), or pin a tenant claim (repository_owner_id, namespace_id, terraform_organization_name), or use OidcProvider.principal() with the subject helpers.',
  },
  OidcForAllValues: {
    level: 'warning',
    why: 'ForAllValues: is true when the claim is missing from the request, and the claim is single-valued, where the set operator has no use.',
    fix: 'use the plain operator (StringEquals / StringLike) without ForAllValues:.',
  },
  OidcForAnyValue: {
    level: 'warning',
    why: 'The claim is single-valued: ForAnyValue: behaves like the plain operator today but says something else, and invites a later switch to ForAllValues:.',
    fix: 'use the plain operator (StringEquals / StringLike) without ForAnyValue:.',
  },
  OidcSubjectStringEquals: {
    level: 'warning',
    why: 'StringEquals compares "*" and "?" literally, so this subject never matches the tokens the author meant.',
    fix: 'use StringLike for subjects with wildcards, or drop the wildcard.',
  },
  OidcAudienceWildcard: {
    level: 'warning',
    why: 'An audience with a wildcard accepts tokens minted for other clients.',
    fix: 'name the exact audience with StringEquals.',
  },
  VerifiedAccessPlaintextSecret: {
    level: 'error',
    why: 'The client secret is readable by anyone who can read the stack, its history or the cloud assembly (or the plain SSM parameter it references).',
    fix: 'store the secret in Secrets Manager and pass a {{resolve:secretsmanager:...}} reference: SecretValue.secretsManager(...) or secret.secretValue.',
  },
  VerifiedAccessOneUserProvider: {
    level: 'error',
    why: 'A Verified Access instance takes at most one user trust provider (and any number of device trust providers): the deploy fails when the second one is attached.',
    fix: 'attach one user trust provider per instance (put the other identity source behind it, or give it its own instance); device trust providers can be added next to it.',
  },
  SetContextProvider: {
    level: 'warning',
    why: 'Without a context-provider condition the caller may set identity context from any provider on the session.',
    fix: 'add a "sts:RequestContextProviders" condition naming arn:<partition>:iam::aws:contextProvider/IdentityCenter.',
  },
  SetContextSessionDuration: { level: 'warning', ...CONTEXT_SESSION_TEXT },
  TokenExchangeAnyResource: {
    level: 'warning',
    why: 'CreateTokenWithIAM on "*" lets the principal exchange tokens for every Identity Center application of the account, not just its own.',
    fix: 'name the application ARNs (arn:<partition>:sso::<account>:application/<instance id>/<application id>) as resources.',
  },
} satisfies { [id: string]: Rule };

type RuleId = keyof typeof RULES;

const ACKS = Symbol.for('cdk-trusted-identity.TrustedIdentityChecks.acknowledgements');
const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
const SET_CONTEXT = 'sts:SetContext';
const TOKEN_EXCHANGE = 'sso-oauth:CreateTokenWithIAM';
/** Claims documented as multi-valued, where set operators are right (Cognito identity pools' `amr`). */
const MULTI_VALUED_CLAIMS = ['amr'];
const CFN_JSON = 'Custom::AWSCDKCfnJson';
const VA_TRUST_PROVIDER = 'AWS::EC2::VerifiedAccessTrustProvider';
const VA_INSTANCE = 'AWS::EC2::VerifiedAccessInstance';
/** Resources with trust policies, identity policies, Verified Access OIDC options or attached trust providers. */
const AUDITED_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', VA_TRUST_PROVIDER, VA_INSTANCE];
const OIDC_PROVIDER_TYPES: { [type: string]: string } = {
  'AWS::IAM::OIDCProvider': 'Url',
  'Custom::AWSCDKOpenIdConnectProvider': 'Url',
};
/** Resources that `Ref`/`Fn::GetAtt` in a trust policy or a Verified Access instance are followed to. */
const REFERENCED_TYPES = [...Object.keys(OIDC_PROVIDER_TYPES), CFN_JSON, VA_TRUST_PROVIDER];

/**
 * An aspect that audits every federated trust of an app, whoever wrote it: role trust policies (from any library,
 * L1s and raw `CfnResource`s, nested stacks), identity policies and Verified Access trust providers.
 *
 * ```ts
 * import { App, Aspects } from 'aws-cdk-lib';
 * import { TrustedIdentityChecks } from 'cdk-trusted-identity';
 *
 * declare const app: App;
 * Aspects.of(app).add(new TrustedIdentityChecks());
 * ```
 *
 * Each finding is an annotation on the offending resource whose message starts with the rule id in brackets:
 * errors (which fail `cdk synth` and `cdk deploy`) and warnings (id `cdk-trusted-identity:<ruleId>`). When a rule
 * cannot decide (a condition or principal that is only known at deploy time) it reports a warning saying so, never
 * an error. The aspect never throws for a finding and changes no resource, except that it records an acknowledged
 * finding in the resource's `Metadata` (`METADATA_KEY`). The `cdk-trusted-identity audit` command runs it on templates.
 */
export class TrustedIdentityChecks implements IAspect {
  /**
   * The resource `Metadata` key that acknowledges findings in a template: `{ "<rule id>": "<reason>" }`. The aspect
   * reads it (so a template's own acknowledgements count, e.g. for the `cdk-trusted-identity audit` command) and
   * writes it on a resource whose finding was acknowledged with `acknowledge()`, so the synthesized template carries
   * the acknowledgement too.
   */
  public static readonly METADATA_KEY = 'cdk-trusted-identity:acknowledged';

  /**
   * The rule table, for the `audit` command's SARIF rule descriptions.
   *
   * @internal
   */
  public static _rules(): { [id: string]: { readonly level: string; readonly why: string; readonly fix: string } } {
    return RULES;
  }

  /**
   * Acknowledges the findings of one rule on a construct and its children. They are then reported as info
   * annotations that keep the reason.
   *
   * @param construct the construct (e.g. a role) whose findings are acknowledged, children included
   * @param ruleId the rule id, e.g. `OidcTenantSubject`
   * @param reason why the finding is acceptable (required; it is shown with the finding)
   */
  public static acknowledge(construct: IConstruct, ruleId: string, reason: string): void {
    requireConstruct('TrustedIdentityChecks.acknowledge', 'construct', construct, 'the construct (e.g. a role) whose findings are acknowledged');
    requireString(construct, 'ruleId', ruleId, `one of ${Object.keys(RULES).map(r => JSON.stringify(r)).join(', ')}`);
    if (!Object.prototype.hasOwnProperty.call(RULES, ruleId)) {
      fail(construct, 'ruleId', ruleId, `must be one of ${Object.keys(RULES).map(r => JSON.stringify(r)).join(', ')}`);
    }
    if (typeof reason !== 'string' || reason.trim().length === 0) {
      fail(construct, 'reason', reason, `must say why the ${ruleId} finding is acceptable (an acknowledgement is never silent)`);
    }
    const holder = construct as any;
    const acks: Map<string, string> = holder[ACKS] ?? new Map();
    acks.set(ruleId, reason);
    holder[ACKS] = acks;
  }

  /**
   * Reports a finding as the aspect does. `IdentityContextPrincipal` reports `SetContextSessionDuration` through here:
   * the same message on the same resource, so an app with the aspect sees it once, and acknowledgements apply to both.
   *
   * @internal
   */
  public static _report(node: CfnResource, id: RuleId, what: string): void {
    report(node, id, what);
  }

  /** Resources by logical id, per app: to follow `Ref`/`Fn::GetAtt` to OIDC providers and `CfnJson` values. */
  private readonly indexes = new WeakMap<IConstruct, Map<string, CfnResource[]>>();
  /** The issuer of each OIDC provider resource met so far (`undefined`: only known at deploy time). */
  private readonly providerIssuers = new WeakMap<CfnResource, string | undefined>();

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    const res = node as CfnResource;
    const type = res.cfnResourceType;
    if (!AUDITED_TYPES.includes(type)) return;
    try {
      if (type === VA_TRUST_PROVIDER) {
        this.checkVerifiedAccess(res);
        return;
      }
      if (type === VA_INSTANCE) {
        this.checkUserTrustProviders(res);
        return;
      }
      if (type === 'AWS::IAM::Role') this.checkRole(res);
      this.checkIdentityPolicies(res);
    } catch (e: any) {
      // The audit never breaks a synth: a resource it cannot read is reported (synth reports the cause itself).
      warn(res, 'auditFailed', `[TrustedIdentityChecks] Could not audit this ${type} (${e?.message ?? e}). Check its trust by hand.`);
    }
  }

  private checkRole(role: CfnResource): void {
    const doc = propertyOf(role, 'AssumeRolePolicyDocument', pruneStatements(mayConcernTrust));
    let setsContext: Verdict = 'no';
    for (const st of statementsOf(doc)) {
      if (st.Effect !== 'Allow') continue;
      const federated = listOf(st.Principal?.Federated);
      if (federated.length > 0) {
        const conditions = conditionsOf(this, role, st.Condition);
        const webIdentity = allows(st, WEB_IDENTITY);
        const issuers = webIdentity === 'no' ? [] : federated.map(f => this.issuerOf(role, f));
        const tenants = issuers.map(issuer => tenantAnalyses(issuer, conditions));
        // A ForAllValues: block that would be the only tenant pin is the hole itself: OidcForAllValues reports it.
        const holes = new Map<Block, string>();
        if (webIdentity === 'yes' && !conditions.unresolved) {
          for (const t of tenants.flat()) {
            if (t.decided && t.verdict === 'no') t.vacuous.filter(b => b.set === 'ForAllValues').forEach(b => holes.set(b, t.profile.name));
          }
        }
        this.checkOperators(role, conditions, holes);
        issuers.forEach((issuer, i) => {
          this.checkAudience(role, issuer, conditions, webIdentity === 'maybe');
          this.checkTenant(role, tenants[i], conditions, webIdentity === 'maybe');
        });
      }
      const setContext = allows(st, SET_CONTEXT);
      if (setContext !== 'no') {
        setsContext = setsContext === 'yes' ? 'yes' : setContext;
        this.checkContextProvider(role, conditionsOf(this, role, st.Condition), setContext === 'maybe');
      }
    }
    if (setsContext !== 'no') this.checkContextSession(role, setsContext === 'maybe');
  }

  /** Rule SetContextSessionDuration (src/private/session.ts); `actionUnknown`: whether the role receives identity context is only known at deploy time. */
  private checkContextSession(role: CfnResource, actionUnknown: boolean): void {
    const finding = contextSessionFinding(propertyOf(role, 'MaxSessionDuration'), actionUnknown);
    if (finding?.decided) {
      this.report(role, CONTEXT_SESSION_RULE, finding.what);
    } else if (finding) {
      this.undecided(role, CONTEXT_SESSION_RULE, finding.what);
    }
  }

  /**
   * Rules OidcAudience and OidcAudienceWildcard: a web identity statement must check the audience of its issuer with
   * an exact value. Their level follows what else bounds the trust (see `audienceLevel`). `actionUnknown`: whether
   * the statement allows sts:AssumeRoleWithWebIdentity is only known at deploy time.
   */
  private checkAudience(role: CfnResource, issuer: string | undefined, c: Conditions, actionUnknown: boolean): void {
    const who = issuer ? `"${issuer}"` : 'an OIDC provider that is only known at deploy time';
    const key = `${issuer ?? '<issuer>'}:${issuer ? audienceClaimOf(issuer) : 'aud'}`;
    const blocks = c.blocks.filter(b => isAudienceKey(b, issuer));
    const positive = blocks.filter(b => POSITIVE_OPERATORS.includes(b.base));
    const level = () => audienceLevel(issuer, c);
    for (const b of positive) {
      const wild = (b.values ?? []).filter(v => b.base === 'StringLike' && hasWildcard(v));
      if (wild.length === 0) continue;
      const l = actionUnknown ? 'undecided' : level();
      const what = `The condition ${describe(b)} allows the audience${wild.length > 1 ? 's' : ''} ${wild.map(v => JSON.stringify(v)).join(', ')} with a wildcard`;
      if (l === 'undecided') {
        this.undecided(role, 'OidcAudienceWildcard', `${what}. Could not decide whether anything else bounds the trust of ${who} to your tenant: ${actionUnknown ? 'an action of the statement' : 'the issuer or a subject'} is only known at deploy time.`);
      } else {
        this.report(role, 'OidcAudienceWildcard', `${what}${l === 'error' ? `, and no pinned subject bounds the trust of ${who} either: anyone who gets a token from this issuer for another client can assume the role` : ''}.`, { level: l, fix: `name the exact audience with StringEquals on "${b.key}" (e.g. ${JSON.stringify(wild[0].replace(/[*?]/g, '') || 'your client ID')} as the issuer writes it in "aud").` });
      }
    }
    if (positive.some(b => !b.ifExists)) return;
    if (positive.length > 0) {
      // ...IfExists on the audience: every token carries it, so the condition still holds.
      this.report(role, 'OidcAudience', `The trust policy of ${who} checks "${key}" only with ${positive.map(describe).join(', ')}: every token carries the audience, so the check still holds, but ...IfExists is true when the key is missing and reads as optional.`,
        { level: 'warning', fix: `use ${positive[0].operator.replace(/IfExists$/, '')} (without IfExists) on "${positive[0].key}".` });
      return;
    }
    const written = blocks.length > 0
      ? `tests "${key}" only with ${blocks.map(describe).join(', ')}, which does not require an audience`
      : `lets web identities assume the role (sts:AssumeRoleWithWebIdentity) without a StringEquals condition on "${key}"`;
    if (actionUnknown) {
      this.undecided(role, 'OidcAudience', `Could not decide whether the trust policy lets web identities of ${who} assume the role without a StringEquals condition on "${key}": an action of the statement is only known at deploy time.`);
      return;
    }
    if (c.unresolved) {
      this.undecided(role, 'OidcAudience', `Could not decide whether the trust of ${who} checks the audience: a condition is only known at deploy time.`);
      return;
    }
    const l = level();
    if (l === 'undecided') {
      this.undecided(role, 'OidcAudience', `The trust policy of ${who} ${written}. Could not decide whether anything else bounds it to your tenant: the issuer or a subject is only known at deploy time.`);
    } else if (l === 'error') {
      this.report(role, 'OidcAudience', `The trust policy of ${who} ${written}, and no pinned subject bounds it either.`, { level: 'error' });
    } else {
      this.report(role, 'OidcAudience', `The trust policy of ${who} ${written}. ${boundedBy(issuer, c)}`, {
        level: 'warning',
        why: 'Without an audience check the role also accepts tokens your tenant\'s workloads request for other services, a token leaked from any of them included.',
      });
    }
  }

  /** Rule OidcTenantSubject: multi-tenant issuers need a subject (or another claim) pinned to one tenant. */
  private checkTenant(role: CfnResource, analyses: TenantAnalysis[], c: Conditions, actionUnknown: boolean): void {
    for (const t of analyses) {
      const name = t.profile.name;
      if (t.verdict === 'yes') {
        if (t.weakOnly.length === 0) continue;
        const b = t.weakOnly[0];
        this.report(role, 'OidcTenantSubject', `The trust policy of ${name} pins the subject only with ${t.weakOnly.map(describe).join(', ')}: every token carries "sub", so the subject is still required, but ...IfExists is true when the key is missing and reads as optional.`,
          { level: 'warning', why: 'One edit (another IfExists block on a claim tokens do not carry) away from a trust open to every tenant.', fix: `use ${b.operator.replace(/IfExists$/, '')} (without IfExists) on "${b.key}".` });
        return;
      }
      if (actionUnknown) {
        this.undecided(role, 'OidcTenantSubject', `Could not decide whether the trust policy lets web identities of ${name} (a multi-tenant issuer) assume the role without a subject pinned to one tenant: an action of the statement is only known at deploy time.`);
        return;
      }
      if (t.verdict === 'maybe' || c.unresolved || !t.decided) {
        const who = t.decided ? `"${t.keyIssuer}" is pinned to one ${name} tenant` : 'an OIDC provider that is only known at deploy time is pinned to one tenant, should it be a multi-tenant issuer (GitHub Actions, GitLab.com, HCP Terraform)';
        this.undecided(role, 'OidcTenantSubject', `Could not decide whether the trust of ${who}: a subject, condition or the issuer is only known at deploy time.`);
        return;
      }
      // A ForAllValues: block that would pin the tenant: reported (as an error) by OidcForAllValues, whose fix it is.
      if (t.vacuous.some(b => b.set === 'ForAllValues')) return;
      const parts: string[] = [];
      const wild = t.open.filter(o => o.why === 'wildcard').map(o => o.value);
      const neutral = t.open.filter(o => o.why === 'neutral').map(o => o.value);
      const list = (vs: string[]) => `${vs.length > 1 ? 's' : ''} ${vs.map(v => JSON.stringify(v)).join(', ')}`;
      if (wild.length > 0) parts.push(`allows the subject${list(wild)}, which match${wild.length > 1 ? '' : 'es'} every ${name} tenant`);
      if (neutral.length > 0) {
        const keys = Object.keys(t.profile.customSubjectTenantKeys ?? {}).join(', ');
        parts.push(`allows the custom subject${list(neutral)}, which name${neutral.length > 1 ? '' : 's'} no tenant (no ${keys} claim): any ${name} tenant can configure the same subject template and values`);
      }
      if (t.vacuous.length > 0) parts.push(`pins the tenant only with ${t.vacuous.map(describe).join(', ')}, which is true when the claim is absent from the request (STS sets only the claims IAM maps for the issuer)`);
      if (t.other.length > 0) parts.push(`tests the subject or tenant only with ${t.other.map(describe).join(', ')}, which does not require a value naming your tenant`);
      if (parts.length === 0) parts.push(`has no condition on "${t.keyIssuer}:sub" (nor on a tenant claim)`);
      const fix = t.open.length === 0 && t.other.length === 0 && t.vacuous.length > 0
        ? `use ${t.vacuous[0].operator.replace(/IfExists$/, '')} (without IfExists) on "${t.vacuous[0].key}".`
        : undefined;
      this.report(role, 'OidcTenantSubject', `The trust policy of ${name} (a multi-tenant issuer) ${parts.join('; ')}.`, { level: 'error', fix });
      return;
    }
  }

  /**
   * Rules OidcForAllValues, OidcForAnyValue, OidcSubjectStringEquals. `holes`: ForAllValues: blocks that are the only
   * would-be tenant pin of a multi-tenant issuer (by the issuer's name): errors; every other set operator is a warning.
   */
  private checkOperators(role: CfnResource, c: Conditions, holes: Map<Block, string>): void {
    for (const b of c.blocks) {
      if (!b.claimKey) continue;
      if (b.set && !MULTI_VALUED_CLAIMS.includes(b.claim)) {
        const plain = b.operator.replace(/^For(AllValues|AnyValue):/, '');
        const fix = `use ${plain} on "${b.key}" (the plain operator, without ${b.set}:).`;
        if (b.set === 'ForAnyValue') {
          this.report(role, 'OidcForAnyValue', `The condition ${describe(b)} uses a set operator on a single-valued claim.`, { fix });
        } else if (holes.has(b)) {
          this.report(role, 'OidcForAllValues', `The condition ${describe(b)} is the only condition naming the tenant, and ForAllValues: is true when the claim is absent from the request (STS sets only the claims IAM maps for the issuer): every ${holes.get(b)} tenant can assume the role.`, { level: 'error', fix });
        } else if (ALWAYS_PRESENT_CLAIMS.includes(b.claim)) {
          this.report(role, 'OidcForAllValues', `The condition ${describe(b)} uses a set operator on the single-valued claim "${b.claim}". Every token carries it, so the condition still requires these values.`, { level: 'warning', fix });
        } else {
          this.report(role, 'OidcForAllValues', `The condition ${describe(b)} is true when the claim is absent from the request (STS sets only the claims IAM maps for the issuer), so it restricts nothing for tokens without "${b.claim}". Another condition names the tenant (or the issuer is not multi-tenant), so this is not what bounds the trust.`, { level: 'warning', fix });
        }
      }
      const wild = (b.values ?? []).filter(v => hasWildcard(v));
      if (b.claim === 'sub' && b.base.startsWith('StringEquals') && wild.length > 0) {
        this.report(role, 'OidcSubjectStringEquals', `The condition ${describe(b)} has the subject ${wild.map(v => JSON.stringify(v)).join(', ')} with a wildcard.`);
      }
    }
  }

  /** Rule SetContextProvider; `actionUnknown`: whether the statement allows sts:SetContext is only known at deploy time. */
  private checkContextProvider(role: CfnResource, c: Conditions, actionUnknown: boolean): void {
    // sts:RequestContextProviders is multi-valued: AWS's examples (S3 Access Grants, OpenSearch, Q) pin it with
    // "ForAllValues:ArnEquals": { "sts:RequestContextProviders": "arn:aws:iam::aws:contextProvider/IdentityCenter" },
    // so any positive operator counts, set operators included, but not ...IfExists: it is true when the key is
    // absent (IAM User Guide, "...IfExists condition operators"), so it pins nothing for a caller that sets no provider.
    if (c.blocks.some(b => b.key.toLowerCase() === 'sts:requestcontextproviders' && !b.base.includes('Not') && b.base !== 'Null' && !b.ifExists)) return;
    if (actionUnknown) {
      this.undecided(role, 'SetContextProvider', 'Could not decide whether the trust policy allows sts:SetContext without a "sts:RequestContextProviders" condition: an action of the statement is only known at deploy time.');
      return;
    }
    if (c.unresolved) {
      this.undecided(role, 'SetContextProvider', 'Could not decide whether sts:SetContext is restricted to a context provider: a condition is only known at deploy time.');
      return;
    }
    this.report(role, 'SetContextProvider', 'The trust policy allows sts:SetContext without a "sts:RequestContextProviders" condition.');
  }

  /** Rule TokenExchangeAnyResource, on identity policies (inline or managed). */
  private checkIdentityPolicies(res: CfnResource): void {
    // Inline policies of roles, users and groups; the document of policies and managed policies.
    const prune = pruneStatements(mayConcernTokenExchange);
    const policies = propertyOf(res, 'Policies', (list: unknown) => Array.isArray(list)
      ? list.map(p => isPlainObject(p) ? Object.fromEntries(Object.entries(p).map(([k, v]) => [k, /^policyDocument$/i.test(k) ? prune(v) : v])) : p)
      : list);
    const docs: unknown[] = Array.isArray(policies) ? policies.map(p => field(p, 'PolicyDocument')) : [];
    docs.push(propertyOf(res, 'PolicyDocument', prune));
    for (const doc of docs) {
      for (const st of statementsOf(doc)) {
        if (st.Effect !== 'Allow') continue;
        const exchange = listOf(st.Action).find(a => typeof a === 'string' && a.toLowerCase().startsWith('sso-oauth:') && actionMatches(a, TOKEN_EXCHANGE));
        if (exchange && listOf(st.Resource).includes('*')) {
          this.report(res, 'TokenExchangeAnyResource', `The policy allows ${exchange} on Resource "*".`);
        }
      }
    }
  }

  /**
   * Rule VerifiedAccessPlaintextSecret. Only a Secrets Manager reference keeps the secret out of the template and
   * deploys: `{{resolve:ssm:...}}` is a plain-text parameter anyone with `ssm:GetParameter` reads (the secret's
   * exposure, an error), and `{{resolve:ssm-secure:...}}` is not resolved for this resource type (see the sources
   * above: the deploy fails, so a warning, not a leak).
   */
  private checkVerifiedAccess(res: CfnResource): void {
    for (const options of ['OidcOptions', 'NativeApplicationOidcOptions']) {
      const secret = field(propertyOf(res, options), 'ClientSecret');
      if (secret === undefined) continue;
      const c = classifySecret(Stack.of(res), secret);
      if (c.kind === 'ssm-secure') {
        this.annotate(res, 'VerifiedAccessPlaintextSecret', 'warning', `[VerifiedAccessPlaintextSecret] ${options}.ClientSecret is an ssm-secure dynamic reference, which CloudFormation does not resolve for AWS::EC2::VerifiedAccessTrustProvider: the deploy would fail. Fix: ${RULES.VerifiedAccessPlaintextSecret.fix}`);
      } else if (c.kind === 'ssm') {
        this.report(res, 'VerifiedAccessPlaintextSecret', `${options}.ClientSecret is a reference to a plain-text SSM parameter (String, not SecureString).`);
      } else if (c.kind === 'plain-text') {
        this.report(res, 'VerifiedAccessPlaintextSecret', `${options}.ClientSecret is a literal string in the template (value not shown).`);
      } else if (c.kind === 'parameter') {
        this.report(res, 'VerifiedAccessPlaintextSecret', `${options}.ClientSecret refers to the CloudFormation parameter "${c.parameter}", which is not NoEcho: the console and the DescribeStacks API show its value.`);
      } else if (c.kind === 'undecided') {
        this.undecided(res, 'VerifiedAccessPlaintextSecret', `Could not decide whether ${options}.ClientSecret is a secret written into the template: it is built from literal text and values only known at deploy time.`);
      }
    }
  }

  /**
   * Rule VerifiedAccessOneUserProvider, on `VerifiedAccessTrustProviderIds` and `VerifiedAccessTrustProviders` of an
   * instance (aws-cdk-lib has no separate attachment type). A `Ref`/`Fn::GetAtt` to a trust provider of the app counts
   * by that provider's `TrustProviderType` (a `VerifiedAccessTrustProvider` is met as its default child, the L1); an
   * entry of `VerifiedAccessTrustProviders` also by its own `TrustProviderType`. Imported ids, parameters and token
   * types are not counted: the audit reports only what it knows.
   */
  private checkUserTrustProviders(instance: CfnResource): void {
    const users = new Map<string, string>();
    const count = (id: unknown, declaredType: unknown) => {
      const target = referenceTarget(id, 'VerifiedAccessTrustProviderId');
      const provider = target ? this._lookup(instance, target) : undefined;
      if (provider?.cfnResourceType === VA_TRUST_PROVIDER) {
        const type = propertyOf(provider, 'TrustProviderType');
        if (type === 'user' || declaredType === 'user') users.set(provider.node.path, provider.node.path);
      } else if (declaredType === 'user') {
        users.set(JSON.stringify(id), JSON.stringify(id));
      }
    };
    const ids = propertyOf(instance, 'VerifiedAccessTrustProviderIds');
    if (Array.isArray(ids)) ids.forEach(id => count(id, undefined));
    const providers = propertyOf(instance, 'VerifiedAccessTrustProviders');
    if (Array.isArray(providers)) {
      providers.forEach(p => count(field(p, 'VerifiedAccessTrustProviderId'), field(p, 'TrustProviderType')));
    }
    if (users.size > 1) {
      this.report(instance, 'VerifiedAccessOneUserProvider', `The instance has ${users.size} user trust providers attached: ${[...users.values()].join(', ')}.`);
    }
  }

  /**
   * The issuer (`host/path`) of a `Federated` principal of a web identity statement, or `undefined` when it is only
   * known at deploy time: `cognito-identity.amazonaws.com`, a literal or `Fn::Join`/`Fn::Sub`-built
   * `arn:...:oidc-provider/<issuer>`, a `Ref`/`Fn::GetAtt` to an OIDC provider of the app, or a web identity
   * provider's name (`accounts.google.com`).
   */
  private issuerOf(scope: CfnResource, federated: unknown): string | undefined {
    const target = referenceTarget(federated);
    if (target) {
      const provider = this._lookup(scope, target);
      const type = provider ? OIDC_PROVIDER_TYPES[provider.cfnResourceType] : undefined;
      if (!provider || !type) return undefined;
      // Many roles trust one provider: its URL is read once.
      if (!this.providerIssuers.has(provider)) {
        const url = render(propertyOf(provider, type));
        this.providerIssuers.set(provider, url.includes(TOKEN) ? undefined : stripHttps(url));
      }
      return this.providerIssuers.get(provider);
    }
    const text = render(federated);
    const marker = ':oidc-provider/';
    const i = text.indexOf(marker);
    const issuer = i >= 0 ? text.slice(i + marker.length) : text.startsWith('arn:') ? TOKEN : text;
    return issuer.includes(TOKEN) || issuer.length === 0 ? undefined : issuer;
  }

  /**
   * The resource with this logical id: in the stack of `scope` first, else the only one in the app.
   * @internal
   */
  public _lookup(scope: CfnResource, logicalId: string): CfnResource | undefined {
    const root = scope.node.root;
    let index = this.indexes.get(root);
    if (!index) {
      index = new Map();
      for (const c of root.node.findAll()) {
        // Only what references are followed to: resolving every logical id would hash every construct path.
        if (!CfnResource.isCfnResource(c) || !REFERENCED_TYPES.includes((c as CfnResource).cfnResourceType)) continue;
        const r = c as CfnResource;
        const id = Stack.of(r).resolve(r.logicalId);
        index.set(id, [...(index.get(id) ?? []), r]);
      }
      this.indexes.set(root, index);
    }
    const found = index.get(logicalId) ?? [];
    const stack = Stack.of(scope);
    return found.find(r => Stack.of(r) === stack) ?? (found.length === 1 ? found[0] : undefined);
  }

  /**
   * Reports a finding at the rule's level, or at `options.level` for rules whose level follows the case (see the
   * severity policy above `RULES`); `options.why`/`options.fix` replace the rule's when the case has its own.
   */
  private report(node: CfnResource, id: RuleId, what: string, options: { level?: Level; why?: string; fix?: string } = {}): void {
    report(node, id, what, options);
  }

  private undecided(node: CfnResource, id: RuleId, what: string): void {
    annotate(node, id, 'warning', `[${id}] ${what} Check it by hand, or acknowledge it with TrustedIdentityChecks.acknowledge(). Fix if needed: ${RULES[id].fix}`);
  }

  private annotate(node: CfnResource, id: RuleId, level: Level, message: string): void {
    annotate(node, id, level, message);
  }
}

/** Reports a finding of rule `id` on `node`: the message starts with `[id]` and ends with the rule's fix. */
function report(node: CfnResource, id: RuleId, what: string, options: { level?: Level; why?: string; fix?: string } = {}): void {
  const rule: Rule = RULES[id];
  annotate(node, id, options.level ?? rule.level, `[${id}] ${what} ${options.why ?? rule.why} Fix: ${options.fix ?? rule.fix}`);
}

function annotate(node: CfnResource, id: RuleId, level: Level, message: string): void {
  const reason = acknowledgementOf(node, id);
  if (reason !== undefined) {
    // Recorded in the template, where the audit command (and anyone reading the template) finds it.
    const recorded = node.getMetadata(TrustedIdentityChecks.METADATA_KEY);
    if (recorded?.[id] !== reason) node.addMetadata(TrustedIdentityChecks.METADATA_KEY, { ...recorded, [id]: reason });
    Annotations.of(node).addInfo(`${message} Acknowledged: ${reason}`);
  } else if (level === 'error') {
    Annotations.of(node).addError(message);
  } else {
    warn(node, id, message);
  }
}

/**
 * The reason given for `id` on the node or its closest scope with `acknowledge()`, or in the resource's template
 * metadata, if any.
 */
function acknowledgementOf(node: CfnResource, id: string): string | undefined {
  const recorded = node.getMetadata(TrustedIdentityChecks.METADATA_KEY)?.[id];
  if (typeof recorded === 'string' && recorded.trim().length > 0) return recorded;
  for (const scope of [...node.node.scopes].reverse()) {
    const reason = (scope as any)[ACKS]?.get(id);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

type Verdict = 'yes' | 'no' | 'maybe';

/** One condition operator and key of a statement, parsed. */
interface Block {
  /** As written, e.g. `ForAllValues:StringLikeIfExists`. */
  readonly operator: string;
  /** Without set prefix and `IfExists`, e.g. `StringLike`. */
  readonly base: string;
  readonly set?: 'ForAllValues' | 'ForAnyValue';
  readonly ifExists: boolean;
  readonly key: string;
  /** The key's issuer part (before the last `:`), e.g. `token.actions.githubusercontent.com`. */
  readonly prefix: string;
  /** The claim (after the last `:`), lower case, e.g. `sub`. */
  readonly claim: string;
  /** Whether the key is an OIDC claim of an issuer (`<host>:<claim>`), not a global or service key. */
  readonly claimKey: boolean;
  /** The values rendered as strings (unresolved parts as a placeholder), or `undefined` for a list token. */
  readonly values?: string[];
}

interface Conditions {
  readonly blocks: Block[];
  /** Some part of the condition is only known at deploy time (an operator's block or the whole condition). */
  readonly unresolved: boolean;
}

/** Parses a resolved `Condition`, expanding `CfnJson` blocks (how `OidcProvider.principal()` renders token issuers). */
function conditionsOf(checks: TrustedIdentityChecks, scope: CfnResource, condition: unknown): Conditions {
  if (condition === undefined) return { blocks: [], unresolved: false };
  if (!isPlainObject(condition) || isIntrinsic(condition)) return { blocks: [], unresolved: true };
  const blocks: Block[] = [];
  let unresolved = false;
  for (const [operator, raw] of Object.entries(condition)) {
    let block: unknown = raw;
    if (isIntrinsic(block)) block = expandCfnJson(checks, scope, block);
    if (!isPlainObject(block) || isIntrinsic(block)) {
      unresolved = true;
      continue;
    }
    const m = /^(?:(ForAllValues|ForAnyValue):)?(.*?)(IfExists)?$/.exec(operator)!;
    for (const [key, value] of Object.entries(block)) {
      const colon = key.lastIndexOf(':');
      const prefix = colon < 0 ? '' : key.slice(0, colon);
      const values = Array.isArray(value) ? value.map(render) : isIntrinsic(value) && !('Fn::Join' in value) && !('Fn::Sub' in value) ? undefined : [render(value)];
      blocks.push({
        operator,
        base: m[2],
        set: m[1] as Block['set'],
        ifExists: m[3] !== undefined,
        key,
        prefix,
        claim: key.slice(colon + 1).toLowerCase(),
        claimKey: prefix.includes('.') || prefix.includes(TOKEN),
        values,
      });
    }
  }
  return { blocks, unresolved };
}

/** `{ "Fn::GetAtt": [<CfnJson resource>, "Value"] }` → the JSON it holds, with unresolved parts as placeholders. */
function expandCfnJson(checks: TrustedIdentityChecks, scope: CfnResource, value: any): unknown {
  const target = referenceTarget(value, 'Value');
  const res = target ? checks._lookup(scope, target) : undefined;
  if (!res || res.cfnResourceType !== CFN_JSON) return value;
  try {
    return JSON.parse(render(propertyOf(res, 'Value')));
  } catch {
    return value;
  }
}

/** Operators that require the claim to match one of the values (the others negate, test presence or compare numbers). */
const POSITIVE_OPERATORS = ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike'];

/**
 * Claims every web identity token carries, so that `ForAllValues:` and `...IfExists` on them still require the values:
 * OpenID Connect Core 1.0, "ID Token" (`iss`, `sub`, `aud` are REQUIRED), and IAM's `app_id` audience key of Login
 * with Amazon and Facebook. Other claims (GitHub's `repository_owner_id`, ...) may be absent from the request: STS
 * sets only the claims IAM maps for the issuer, and a set operator or IfExists is then true.
 */
const ALWAYS_PRESENT_CLAIMS = ['iss', 'sub', 'aud', 'app_id'];

/** Whether a positive block still requires its values: on a claim every token carries, or without ForAllValues:/IfExists. */
function effective(b: Block): boolean {
  return POSITIVE_OPERATORS.includes(b.base) && (ALWAYS_PRESENT_CLAIMS.includes(b.claim) || (b.set !== 'ForAllValues' && !b.ifExists));
}

/** The operator, key and values of a block as written, for messages. */
function describe(b: Block): string {
  const values = b.values === undefined ? 'values only known at deploy time' : b.values.map(v => JSON.stringify(v)).join(', ');
  return `${b.operator} on "${b.key}" (${values})`;
}

/** What the conditions of a statement do for the tenant, for one (candidate) multi-tenant issuer. */
interface TenantAnalysis {
  readonly profile: IssuerProfile;
  /** The issuer as condition keys name it; `undefined` when only known at deploy time. */
  readonly keyIssuer?: string;
  /** Whether the issuer is known (from the provider or the condition keys). */
  readonly decided: boolean;
  readonly verdict: Verdict;
  /** Allowed subject or tenant-claim values that name no single tenant. */
  readonly open: Array<{ value: string; why: 'wildcard' | 'neutral' }>;
  /** ForAllValues:/IfExists blocks on claims tokens may lack that would otherwise pin the tenant. */
  readonly vacuous: Block[];
  /** Negated and other non-positive blocks on the subject or a tenant claim. */
  readonly other: Block[];
  /** `...IfExists` blocks on `sub` that are the only pins (the subject is still required: a warning). */
  readonly weakOnly: Block[];
}

/**
 * The tenant analysis of a web identity statement for each candidate issuer: the issuer's profile when it is a
 * multi-tenant one; for an issuer only known at deploy time, the multi-tenant issuers its condition keys name, or all
 * of them (undecided) when they name none.
 */
function tenantAnalyses(issuer: string | undefined, c: Conditions): TenantAnalysis[] {
  const candidates: Array<{ profile: IssuerProfile; issuer?: string }> = [];
  let decided = true;
  if (issuer !== undefined) {
    const p = profileOf(issuer);
    if (p?.multiTenant) candidates.push({ profile: p, issuer });
  } else {
    // The provider is a token: its condition keys usually still name the issuer.
    const named = [...new Set(c.blocks.filter(b => b.claimKey && !b.prefix.includes(TOKEN)).map(b => b.prefix))];
    for (const prefix of named) {
      const p = profileOf(prefix);
      if (p?.multiTenant) candidates.push({ profile: p, issuer: prefix });
    }
    if (named.length === 0) {
      decided = false;
      candidates.push(...multiTenantProfiles().map(profile => ({ profile })));
    }
  }
  return candidates.map(({ profile, issuer: keyIssuer }) => {
    let verdict = 'no' as Verdict;
    let strong = false;
    const open: TenantAnalysis['open'] = [];
    const vacuous: Block[] = [];
    const other: Block[] = [];
    const weak: Block[] = [];
    for (const b of c.blocks) {
      if (!keyMayBeFor(b, keyIssuer)) continue;
      const segment = b.claim === 'sub' ? undefined : profile.tenantClaims[b.claim];
      if (b.claim !== 'sub' && !segment) continue;
      if (!POSITIVE_OPERATORS.includes(b.base)) {
        other.push(b);
        continue;
      }
      const v = blockPinsTenant(b, profile, segment);
      if (!effective(b)) {
        if (v !== 'no') vacuous.push(b);
        continue;
      }
      if (v === 'no' && b.values) {
        for (const x of b.values) {
          const why = valuePinsTenant(x, b, profile, segment) === 'no' ? openValue(x, b, profile, segment) : undefined;
          if (why) open.push({ value: x, why });
        }
      }
      if (v === 'yes') {
        if (b.ifExists) weak.push(b);
        else strong = true;
      }
      verdict = v === 'yes' || verdict === 'yes' ? 'yes' : v === 'maybe' ? 'maybe' : verdict;
    }
    return { profile, keyIssuer, decided, verdict, open, vacuous, other, weakOnly: strong ? [] : weak };
  });
}

/**
 * The level of a missing or wildcard audience, by the severity policy: a warning when something else bounds the
 * trust to the owner's tenant (an issuer whose subject or URL is the boundary, or a pinned subject), an error when the
 * audience is the only boundary (Google, Cognito identity pools, Login with Amazon, Facebook and unknown issuers,
 * without a pinned subject); `undecided` when that depends on what is only known at deploy time.
 */
function audienceLevel(issuer: string | undefined, c: Conditions): Level | 'undecided' {
  let profile = issuer !== undefined ? profileOf(issuer) : undefined;
  if (issuer === undefined) {
    const named = [...new Set(c.blocks.filter(b => b.claimKey && !b.prefix.includes(TOKEN)).map(b => b.prefix))];
    profile = named.map(profileOf).find(p => p !== undefined);
  }
  if (profile && profile.boundary !== 'audience') return 'warning';
  const pinned = subjectPinned(issuer, c);
  if (pinned === 'yes') return 'warning';
  return pinned === 'maybe' || issuer === undefined || c.unresolved ? 'undecided' : 'error';
}

/** What bounds a trust without an exact audience, for the message of a warning. */
function boundedBy(issuer: string | undefined, c: Conditions): string {
  const profile = issuer !== undefined ? profileOf(issuer) : undefined;
  if (profile?.boundary === 'issuer') return `The issuer belongs to one tenant (${profile.name}), so only your tenant's tokens are accepted.`;
  if (profile?.boundary === 'subject') return `${profile.name} issues tokens for any audience a workload asks for: the subject or a tenant claim bounds the trust, not the audience.`;
  if (subjectPinned(issuer, c) === 'yes') return 'A subject condition without wildcards bounds the trust to your tenant.';
  return 'The condition keys name an issuer whose subject or a tenant claim bounds the trust, not the audience.';
}

/** Whether a positive condition pins `sub` to values without wildcards (one principal of the issuer's tenant). */
function subjectPinned(issuer: string | undefined, c: Conditions): Verdict {
  let verdict = 'no' as Verdict;
  for (const b of c.blocks) {
    if (!keyMayBeFor(b, issuer) || b.claim !== 'sub' || !effective(b)) continue;
    if (b.values === undefined || b.values.some(v => v.includes(TOKEN))) {
      verdict = verdict === 'yes' ? 'yes' : 'maybe';
      continue;
    }
    if (b.values.length > 0 && b.values.every(v => v.length > 0 && !(b.base === 'StringLike' && hasWildcard(v)))) return 'yes';
  }
  return verdict;
}

/** Whether a block tests the audience claim of the issuer (`aud`; `app_id` for Login with Amazon and Facebook). */
function isAudienceKey(b: Block, issuer: string | undefined): boolean {
  return keyMayBeFor(b, issuer) && b.claim === audienceClaimOf(issuer ?? b.prefix);
}

/** Whether a condition key can be one of the issuer's (`<issuer>:<claim>`, case-insensitive as IAM compares keys). */
function keyMayBeFor(b: Block, issuer: string | undefined): boolean {
  if (!b.claimKey) return false;
  if (issuer === undefined || b.prefix.includes(TOKEN)) return true;
  return b.prefix.toLowerCase() === issuer.toLowerCase();
}

/** A block pins the tenant when every value it allows does. */
function blockPinsTenant(b: Block, profile: IssuerProfile, segment: TenantSegment | undefined): Verdict {
  if (b.values === undefined) return 'maybe';
  const verdicts = b.values.map(v => valuePinsTenant(v, b, profile, segment));
  if (verdicts.includes('no')) return 'no';
  return verdicts.includes('maybe') ? 'maybe' : 'yes';
}

/**
 * Whether one allowed value names one tenant: `sub` by the issuer's subject formats (default and custom templates,
 * see `subjectTenant`), other claims by their tenant segment.
 */
function valuePinsTenant(value: string, b: Block, profile: IssuerProfile, segment: TenantSegment | undefined): Verdict {
  if (undecidedValue(value, profile, segment)) return 'maybe';
  return openValue(value, b, profile, segment) ? 'no' : 'yes';
}

/** Whether an unresolved part of a value may decide which tenant it names. */
function undecidedValue(value: string, profile: IssuerProfile, segment: TenantSegment | undefined): boolean {
  if (segment) return tenantPart(value, segment).includes(TOKEN);
  if (value.startsWith(TOKEN)) return true;
  const tenant = subjectTenant(value, profile);
  if (tenant === 'unformatted') return false;
  // Only the part up to the tenant's name matters: `repo:my-org@${ownerId}/...` is decided (the owner name is literal);
  // a custom subject without a tenant claim may get one from an unresolved part.
  return tenant === undefined ? value.includes(TOKEN) : tenant.upTo.includes(TOKEN);
}

/**
 * Why a value names no single tenant: `wildcard`, a wildcard (`StringLike`) where the tenant's name is, or before it,
 * or an empty tenant; `neutral`, a custom subject without a tenant claim (any tenant can produce it); `undefined`
 * when it names one tenant (or, for values without the issuer's subject format, matches no token).
 */
function openValue(value: string, b: Block, profile: IssuerProfile, segment: TenantSegment | undefined): 'wildcard' | 'neutral' | undefined {
  const like = b.base === 'StringLike';
  if (segment) {
    const tenant = tenantPart(value, segment);
    return tenant.length === 0 || (like && hasWildcard(tenant)) ? 'wildcard' : undefined;
  }
  if (value.length === 0 || (like && /^[*?]/.test(value))) return 'wildcard';
  const tenant = subjectTenant(value, profile);
  if (tenant === 'unformatted') return undefined;
  if (tenant === undefined) return 'neutral';
  return tenant.name.length === 0 || (like && hasWildcard(tenant.upTo)) ? 'wildcard' : undefined;
}

/**
 * One property as CloudFormation will see it: resolved, with the resource's raw overrides merged in as `CfnResource`
 * does (`addPropertyOverride`, `addPropertyDeletionOverride`). Read from the resource's own properties (PascalCase on
 * a raw `CfnResource`, camelCase on an L1, whose nested structs stay camelCase: read them with `field()`), without
 * rendering all of them; a property with overrides is rendered the way the template is, so the merge is exact.
 */
function propertyOf(res: CfnResource, name: string, prune: (unresolved: any) => any = v => v): any {
  const r = res as any;
  const overrides = r.rawOverrides?.Properties;
  if (!isPlainObject(overrides) || !(name in overrides)) {
    const props = r.cfnProperties ?? {};
    return resolve(res, prune(renderPolicyDocuments(name in props ? props[name] : props[name.charAt(0).toLowerCase() + name.slice(1)])));
  }
  const value = resolve(res, renderPolicyDocuments((r.renderProperties(r.cfnProperties) ?? {})[name]));
  // Resolved like aws-cdk-lib does, keeping `undefined` (a deletion override).
  const override = Tokenization.resolve(overrides[name], { scope: res, resolver: new DefaultTokenResolver(new StringConcat()), removeEmpty: false });
  return deepMerge({ [name]: value }, { [name]: override })[name];
}

/**
 * Keeps the statements of an unresolved policy document that `keep` cannot rule out, so that only those are resolved
 * (resolving is most of the audit's cost; most roles trust a service and most policy statements are grants). A
 * document or statement list that is itself a token is kept whole.
 */
function pruneStatements(keep: (statement: any) => boolean): (doc: any) => any {
  return doc => {
    if (!isPlainObject(doc) || !Array.isArray(doc.Statement)) return doc;
    const kept = doc.Statement.filter((st: unknown) => !isPlainObject(st) || keep(st));
    return kept.length > 0 ? { ...doc, Statement: kept } : undefined;
  };
}

/** A trust statement that may allow a federated principal or `sts:SetContext` (tokens may be anything). */
function mayConcernTrust(st: any): boolean {
  if (st.Effect === 'Deny') return false;
  const principal = st.Principal;
  const federated = !isPlainObject(principal) || Token.isUnresolved(principal) || 'Federated' in principal;
  // NotAction allows every action it does not name: it may allow sts:SetContext (decided after resolving).
  return federated || st.NotAction !== undefined || someString(st.Action, a => actionMatches(a, SET_CONTEXT));
}

/**
 * Whether a resolved statement allows `action`: one of its `Action`s matches it, or it has a `NotAction` none of whose
 * entries matches it (NotAction allows everything else; IAM User Guide, "IAM JSON policy elements: NotAction").
 * `maybe` when an entry that could decide is only known at deploy time.
 */
function allows(st: any, action: string): Verdict {
  const negated = st.NotAction !== undefined;
  const entries = listOf(negated ? st.NotAction : st.Action);
  if (entries.some(a => typeof a === 'string' && actionMatches(a, action))) return negated ? 'no' : 'yes';
  if (entries.some(a => typeof a !== 'string')) return 'maybe';
  return negated ? 'yes' : 'no';
}

/** An identity-policy statement that may allow an `sso-oauth:` action. */
function mayConcernTokenExchange(st: any): boolean {
  return st.Effect !== 'Deny' && someString(st.Action, a => a.toLowerCase().startsWith('sso-oauth:'));
}

/** Whether a string or list of strings has an element that passes `test`, or may (a token). */
function someString(value: unknown, test: (s: string) => boolean): boolean {
  if (Token.isUnresolved(value)) return true;
  return listOf(value).some(v => typeof v !== 'string' || Token.isUnresolved(v) || test(v));
}

/** A member of a struct property, as CloudFormation (`ClientSecret`) or as an L1 (`clientSecret`) names it. */
function field(struct: any, name: string): any {
  if (!isPlainObject(struct)) return undefined;
  return struct[name] ?? struct[name.charAt(0).toLowerCase() + name.slice(1)];
}

/** aws-cdk-lib's merge of overrides: objects merge key by key (into arrays by index), `undefined` deletes. */
function deepMerge(target: any, source: any): any {
  for (const [key, value] of Object.entries(source)) {
    if (isPlainObject(value)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      deepMerge(target[key], value);
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
  return target;
}

/**
 * Resolves one property value. Only the properties a rule needs are resolved, so that the aspect does not freeze
 * (cache) lazy values of other properties before later aspects have run. `iam.PolicyDocument`s are rendered with
 * `toJSON()` first: resolving one directly freezes its statements and, with `@aws-cdk/aws-iam:minimizePolicies`,
 * merges them, which would change what later code may still add.
 */
function resolve(res: CfnResource, value: unknown): any {
  return value === undefined ? undefined : Stack.of(res).resolve(value);
}

/** Replaces `iam.PolicyDocument`s (in plain objects and arrays) by their rendering, which does not freeze them. */
function renderPolicyDocuments(value: any): any {
  if (Array.isArray(value)) return value.map(renderPolicyDocuments);
  if (typeof value !== 'object' || value === null) return value;
  if (typeof value.addStatements === 'function' && typeof value.toJSON === 'function' && typeof value.resolve === 'function') {
    return value.toJSON();
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderPolicyDocuments(v)]));
}

function statementsOf(doc: any): any[] {
  if (!isPlainObject(doc)) return [];
  return listOf((doc as any).Statement).filter(isPlainObject);
}

function listOf(value: unknown): any[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The logical id a `Ref` or `Fn::GetAtt` (of `attribute`, default `Arn`) points to. */
function referenceTarget(value: unknown, attribute = 'Arn'): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const v = value as any;
  if (typeof v.Ref === 'string' && !v.Ref.startsWith('AWS::')) return v.Ref;
  const att = typeof v['Fn::GetAtt'] === 'string' ? v['Fn::GetAtt'].split('.') : v['Fn::GetAtt'];
  if (Array.isArray(att) && att[1] === attribute && typeof att[0] === 'string') return att[0];
  return undefined;
}

function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntrinsic(value: unknown): value is { [key: string]: unknown } {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
function actionMatches(pattern: string, action: string): boolean {
  if (!hasWildcard(pattern)) return pattern.toLowerCase() === action.toLowerCase();
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(action);
}
