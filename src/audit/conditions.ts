import { CfnResource } from 'aws-cdk-lib';
import { Level } from './rules';
import { CFN_JSON, isIntrinsic, isPlainObject, propertyOf, referenceTarget } from './template';
import type { TrustedIdentityChecks } from './trusted-identity-checks';
import { audienceClaimOf, hasWildcard, IssuerProfile, multiTenantProfiles, profileOf, subjectTenant, TenantSegment, tenantPart } from '../private/issuers';
import { render, TOKEN } from '../private/render';

export type Verdict = 'yes' | 'no' | 'maybe';

/** One condition operator and key of a statement, parsed. */
export interface Block {
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

export interface Conditions {
  readonly blocks: Block[];
  /** Some part of the condition is only known at deploy time (an operator's block or the whole condition). */
  readonly unresolved: boolean;
}

/** Parses a resolved `Condition`, expanding `CfnJson` blocks (how `OidcProvider.principal()` renders token issuers). */
export function conditionsOf(checks: TrustedIdentityChecks, scope: CfnResource, condition: unknown): Conditions {
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
export function expandCfnJson(checks: TrustedIdentityChecks, scope: CfnResource, value: any): unknown {
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
export const POSITIVE_OPERATORS = ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike'];

/**
 * Claims every web identity token carries, so that `ForAllValues:` and `...IfExists` on them still require the values:
 * OpenID Connect Core 1.0, "ID Token" (`iss`, `sub`, `aud` are REQUIRED), and IAM's `app_id` audience key of Login
 * with Amazon and Facebook. Other claims (GitHub's `repository_owner_id`, ...) may be absent from the request: STS
 * sets only the claims IAM maps for the issuer, and a set operator or IfExists is then true.
 */
export const ALWAYS_PRESENT_CLAIMS = ['iss', 'sub', 'aud', 'app_id'];

/** Whether a positive block still requires its values: on a claim every token carries, or without ForAllValues:/IfExists. */
export function effective(b: Block): boolean {
  return POSITIVE_OPERATORS.includes(b.base) && (ALWAYS_PRESENT_CLAIMS.includes(b.claim) || (b.set !== 'ForAllValues' && !b.ifExists));
}

/** The operator, key and values of a block as written, for messages. */
export function describe(b: Block): string {
  const values = b.values === undefined ? 'values only known at deploy time' : b.values.map(v => JSON.stringify(v)).join(', ');
  return `${b.operator} on "${b.key}" (${values})`;
}

/** What the conditions of a statement do for the tenant, for one (candidate) multi-tenant issuer. */
export interface TenantAnalysis {
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
export function tenantAnalyses(issuer: string | undefined, c: Conditions): TenantAnalysis[] {
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
export function audienceLevel(issuer: string | undefined, c: Conditions): Level | 'undecided' {
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
export function boundedBy(issuer: string | undefined, c: Conditions): string {
  const profile = issuer !== undefined ? profileOf(issuer) : undefined;
  if (profile?.boundary === 'issuer') return `The issuer belongs to one tenant (${profile.name}), so only your tenant's tokens are accepted.`;
  if (profile?.boundary === 'subject') return `${profile.name} issues tokens for any audience a workload asks for: the subject or a tenant claim bounds the trust, not the audience.`;
  if (subjectPinned(issuer, c) === 'yes') return 'A subject condition without wildcards bounds the trust to your tenant.';
  return 'The condition keys name an issuer whose subject or a tenant claim bounds the trust, not the audience.';
}

/** Whether a positive condition pins `sub` to values without wildcards (one principal of the issuer's tenant). */
export function subjectPinned(issuer: string | undefined, c: Conditions): Verdict {
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
export function isAudienceKey(b: Block, issuer: string | undefined): boolean {
  return keyMayBeFor(b, issuer) && b.claim === audienceClaimOf(issuer ?? b.prefix);
}

/** Whether a condition key can be one of the issuer's (`<issuer>:<claim>`, case-insensitive as IAM compares keys). */
export function keyMayBeFor(b: Block, issuer: string | undefined): boolean {
  if (!b.claimKey) return false;
  if (issuer === undefined || b.prefix.includes(TOKEN)) return true;
  return b.prefix.toLowerCase() === issuer.toLowerCase();
}

/** A block pins the tenant when every value it allows does. */
export function blockPinsTenant(b: Block, profile: IssuerProfile, segment: TenantSegment | undefined): Verdict {
  if (b.values === undefined) return 'maybe';
  const verdicts = b.values.map(v => valuePinsTenant(v, b, profile, segment));
  if (verdicts.includes('no')) return 'no';
  return verdicts.includes('maybe') ? 'maybe' : 'yes';
}

/**
 * Whether one allowed value names one tenant: `sub` by the issuer's subject formats (default and custom templates,
 * see `subjectTenant`), other claims by their tenant segment.
 */
export function valuePinsTenant(value: string, b: Block, profile: IssuerProfile, segment: TenantSegment | undefined): Verdict {
  if (undecidedValue(value, profile, segment)) return 'maybe';
  return openValue(value, b, profile, segment) ? 'no' : 'yes';
}

/** Whether an unresolved part of a value may decide which tenant it names. */
export function undecidedValue(value: string, profile: IssuerProfile, segment: TenantSegment | undefined): boolean {
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
export function openValue(value: string, b: Block, profile: IssuerProfile, segment: TenantSegment | undefined): 'wildcard' | 'neutral' | undefined {
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
