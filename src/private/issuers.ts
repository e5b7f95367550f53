import { Token } from 'aws-cdk-lib';

/**
 * The delimiter between a name and its immutable ID in GitHub's immutable subject claims, the default `sub` of
 * repositories created (or renamed or transferred) on github.com after July 15, 2026 and of repositories whose owner
 * opted in: `repo:OWNER@OWNER-ID/REPO@REPO-ID:ref:refs/heads/BRANCH` (also `:ref:refs/tags/TAG`, `:environment:NAME`,
 * `:pull_request`; custom `sub` templates keep the IDs in their `repo` segment). "The `@` separator is used between
 * names and IDs because `@` cannot appear in GitHub usernames or repository names." GitHub Enterprise Server keeps
 * the name-based form. Source: GitHub Docs, "OpenID Connect reference", section "Immutable subject claims",
 * https://docs.github.com/en/actions/reference/security/oidc#immutable-subject-claims (the changelog of 2026-04-23
 * announced `OWNER-ID` with `-` and June 18, 2026; the reference revised both).
 */
export const GITHUB_ID_DELIMITER = '@';

/**
 * What the library knows about well-known OIDC issuers, by host: who may get tokens from them, the audience AWS
 * guides configure, how their `sub` claim names the tenant, and which other claims pin a tenant.
 *
 * Used by `OidcProvider.principal()` (to refuse open trust policies) and by `TrustedIdentityChecks` (to find them in
 * trust policies written by anyone).
 */
export interface IssuerProfile {
  readonly name: string;
  /** Anyone can get tokens from this issuer: a missing or wildcard subject opens the role to the world. */
  readonly multiTenant: boolean;
  /** The documented default audience for AWS. */
  readonly defaultAudience?: string;
  /** Subject prefixes followed by the tenant's name up to `separator`, so that `repo:*` is recognised as "any tenant". */
  readonly tenantPrefixes: ReadonlyArray<TenantSegment>;
  /**
   * Claims other than `sub` whose value names the tenant (an owner, namespace or organization, by id or name):
   * a trust policy that pins one of them (no wildcard in the tenant part) is restricted to one tenant.
   * `separator` is set when the value continues after the tenant (`repository` is `owner/repo`).
   */
  readonly tenantClaims: { readonly [claim: string]: TenantSegment };
}

/** Where the tenant's name is in a claim value: after `prefix`, up to `separator` (or the end). */
export interface TenantSegment {
  readonly prefix: string;
  readonly separator?: string;
  /**
   * The issuer may append the tenant's immutable ID to its name with this delimiter, a character that names cannot
   * contain (GitHub's immutable subjects: `repo:OWNER@OWNER-ID/REPO@REPO-ID:...`). A literal name followed by the
   * delimiter then pins the tenant whatever follows (`repo:my-org@*` can only match an owner named `my-org`); a
   * wildcard before the delimiter still matches every tenant (`repo:*@123456/*` matches `repo:evil@1/x@2:ref:refs/heads/a@123456/b`,
   * as `*` spans any characters and branch names may contain `@` and `/`).
   */
  readonly idDelimiter?: string;
}

/**
 * Claims from the issuers' token references: GitHub "OpenID Connect reference" (sub `repo:OWNER/REPO:...`, or for
 * repositories with immutable subject claims `repo:OWNER@OWNER-ID/REPO@REPO-ID:...`, see `GITHUB_ID_DELIMITER`;
 * `repository_owner`, `repository_owner_id`, `repository`, `repository_id`, `enterprise`, `enterprise_id`), GitLab "ID
 * token authentication" (sub `project_path:GROUP/PROJECT:...`, `namespace_id`, `namespace_path`, `project_id`,
 * `project_path`), HCP Terraform "Workload identity tokens" (sub `organization:ORG:project:...`,
 * `terraform_organization_id`, `terraform_organization_name`).
 */
const ISSUER_PROFILES: { [issuer: string]: IssuerProfile } = {
  'token.actions.githubusercontent.com': {
    name: 'GitHub Actions',
    multiTenant: true,
    defaultAudience: 'sts.amazonaws.com',
    tenantPrefixes: [{ prefix: 'repo:', separator: '/', idDelimiter: GITHUB_ID_DELIMITER }],
    tenantClaims: {
      repository_owner: { prefix: '' },
      repository_owner_id: { prefix: '' },
      repository: { prefix: '', separator: '/' },
      repository_id: { prefix: '' },
      enterprise: { prefix: '' },
      enterprise_id: { prefix: '' },
    },
  },
  'gitlab.com': {
    name: 'GitLab.com',
    multiTenant: true,
    defaultAudience: 'https://gitlab.com',
    tenantPrefixes: [{ prefix: 'project_path:', separator: '/' }],
    tenantClaims: {
      namespace_id: { prefix: '' },
      namespace_path: { prefix: '', separator: '/' },
      project_id: { prefix: '' },
      project_path: { prefix: '', separator: '/' },
    },
  },
  'app.terraform.io': {
    name: 'HCP Terraform',
    multiTenant: true,
    defaultAudience: 'aws.workload.identity',
    tenantPrefixes: [{ prefix: 'organization:', separator: ':' }],
    tenantClaims: {
      terraform_organization_id: { prefix: '' },
      terraform_organization_name: { prefix: '' },
    },
  },
};

/**
 * The claim IAM evaluates as the audience (the app or client ID) of web identity tokens, for the issuers whose key is
 * not `<issuer>:aud`. IAM User Guide, "Available keys for AWS web identity federation" / "Creating a role for web
 * identity": Login with Amazon `www.amazon.com:app_id`, Facebook `graph.facebook.com:app_id`; Google
 * (`accounts.google.com:aud`), Cognito identity pools (`cognito-identity.amazonaws.com:aud`) and every OIDC provider
 * (`<host/path>:aud`) use `aud`.
 */
const AUDIENCE_CLAIMS: { [issuer: string]: string } = {
  'www.amazon.com': 'app_id',
  'graph.facebook.com': 'app_id',
};

/** The claim (lower case, after `<issuer>:`) that holds the audience of `issuer`'s tokens in IAM conditions. */
export function audienceClaimOf(issuer: string): string {
  return AUDIENCE_CLAIMS[issuer.toLowerCase()] ?? 'aud';
}

/** The profile of an issuer (`host/path`, no scheme), or `undefined` for unknown issuers and tokens. */
export function profileOf(issuer: string): IssuerProfile | undefined {
  if (Token.isUnresolved(issuer)) return undefined;
  // GitHub Enterprise Cloud with a unique issuer URL: token.actions.githubusercontent.com/<enterprise>.
  const host = issuer.split('/')[0];
  return ISSUER_PROFILES[host];
}

/** The profiles of all multi-tenant issuers (for trust policies whose issuer is only known at deploy time). */
export function multiTenantProfiles(): IssuerProfile[] {
  return Object.values(ISSUER_PROFILES).filter(p => p.multiTenant);
}

/** `*` and `?`: the wildcards of `StringLike`. */
export function hasWildcard(value: string): boolean {
  return /[*?]/.test(value);
}

/**
 * Whether a subject pattern can match tokens of other tenants: it starts with a wildcard, or the tenant segment
 * after a tenant prefix (`repo:<owner>/`, `project_path:<group>/`, `organization:<org>:`) has one
 * (`repo:octo*` also matches `repo:octo-evil/...`).
 */
export function matchesAnyTenant(subject: string, profile: IssuerProfile): boolean {
  if (/^[*?]/.test(subject)) return true;
  return profile.tenantPrefixes.some(segment =>
    subject.startsWith(segment.prefix) && hasWildcard(tenantNamePart(tenantPart(subject, segment), segment)));
}

/** The tenant part of a value that starts with `segment.prefix`. */
export function tenantPart(value: string, segment: TenantSegment): string {
  const rest = value.slice(segment.prefix.length);
  const end = segment.separator ? rest.indexOf(segment.separator) : -1;
  return end < 0 ? rest : rest.slice(0, end);
}

/**
 * The part of a tenant segment (from `tenantPart`) that decides which tenant it names, and so must have no wildcard
 * (and no unresolved part) for the value to pin one tenant: the whole segment, or, when the issuer appends an immutable
 * ID (`segment.idDelimiter`) and the segment has a non-empty name before the delimiter, that name (`my-org` of
 * `my-org@123456` or `my-org@*`). An owner-ID pin (`my-org@123456`) thus counts like an owner-name pin (`my-org`),
 * and a wildcard owner (`*@123456`, `*@*`, `*`) matches every tenant in both forms.
 */
export function tenantNamePart(tenant: string, segment: TenantSegment): string {
  if (!segment.idDelimiter) return tenant;
  const at = tenant.indexOf(segment.idDelimiter);
  return at > 0 ? tenant.slice(0, at) : tenant;
}
