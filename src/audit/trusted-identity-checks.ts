import { Annotations, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ALWAYS_PRESENT_CLAIMS, audienceLevel, Block, boundedBy, Conditions, conditionsOf, describe, isAudienceKey, POSITIVE_OPERATORS, tenantAnalyses, TenantAnalysis, Verdict } from './conditions';
import { Level, Rule, RuleId, RULES } from './rules';
import { actionMatches, allows, CFN_JSON, SET_CONTEXT, field, isPlainObject, listOf, mayConcernTokenExchange, mayConcernTrust, propertyOf, pruneStatements, referenceTarget, statementsOf } from './template';
import { stripHttps } from '../private/arn';
import { audienceClaimOf, hasWildcard } from '../private/issuers';
import { render, TOKEN } from '../private/render';
import { requireConstruct, requireString } from '../private/required';
import { classifySecret } from '../private/secrets';
import { CONTEXT_SESSION_RULE, contextSessionFinding } from '../private/session';
import { fail, warn } from '../private/validation';

const ACKS = Symbol.for('cdk-trusted-identity.TrustedIdentityChecks.acknowledgements');
const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
const TOKEN_EXCHANGE = 'sso-oauth:CreateTokenWithIAM';
/** Claims documented as multi-valued, where set operators are right (Cognito identity pools' `amr`). */
const MULTI_VALUED_CLAIMS = ['amr'];
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
