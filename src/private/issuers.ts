import { Token } from 'aws-cdk-lib';

/**
 * The delimiter between a name and its immutable ID in GitHub's immutable subject claims
 * (`repo:OWNER@OWNER-ID/REPO@REPO-ID:...`); `@` cannot appear in GitHub names. Which repositories send this form,
 * and the sources: docs/design/issuer-knowledge.md
 */
export const GITHUB_ID_DELIMITER = '@';

/**
 * What bounds a trust to the owner's tenant, by issuer (the severity policy of `TrustedIdentityChecks` is built on it):
 * `subject` (only a subject or claim naming the tenant), `audience` (the owner's client ID, or a pinned subject; also
 * unknown issuers) or `issuer` (the issuer URL belongs to one tenant). Why: docs/design/issuer-knowledge.md
 */
export type TenantBoundary = 'subject' | 'audience' | 'issuer';

/**
 * What the library knows about well-known OIDC issuers, by host: who may get tokens from them, the audience AWS
 * guides configure, how their `sub` claim names the tenant, and which other claims pin a tenant.
 *
 * Used by `OidcProvider.principal()` (to refuse open trust policies) and by `TrustedIdentityChecks` (to find them in
 * trust policies written by anyone).
 */
export interface IssuerProfile {
  readonly name: string;
  /** What bounds a trust of this issuer to one tenant (see `TenantBoundary`). */
  readonly boundary: TenantBoundary;
  /** Anyone can get tokens from this issuer: a missing or wildcard subject opens the role to the world (`boundary` is `subject`). */
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
  /**
   * For issuers whose owners may replace the default `sub` by a template of `<claim>:<value>` pairs joined by `:`
   * (GitHub): the claim keys that name a tenant in such a subject, with where the tenant's name is in their value. A
   * custom subject that has none of them (only `repo_property_*`, `job_workflow_ref`, `context`, `environment`, ...)
   * names no tenant: any tenant can configure the same template and produce the same value.
   */
  readonly customSubjectTenantKeys?: { readonly [key: string]: TenantSegment };
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

/** GitHub's claims that name a tenant: an owner, a repository (`owner/repo`) or an enterprise, by name or ID. */
const GITHUB_TENANT_CLAIMS: { [claim: string]: TenantSegment } = {
  repository_owner: { prefix: '' },
  repository_owner_id: { prefix: '' },
  repository: { prefix: '', separator: '/' },
  repository_id: { prefix: '' },
  enterprise: { prefix: '' },
  enterprise_id: { prefix: '' },
};

const GITHUB_ACTIONS: IssuerProfile = {
  name: 'GitHub Actions',
  boundary: 'subject',
  multiTenant: true,
  defaultAudience: 'sts.amazonaws.com',
  tenantPrefixes: [{ prefix: 'repo:', separator: '/', idDelimiter: GITHUB_ID_DELIMITER }],
  tenantClaims: GITHUB_TENANT_CLAIMS,
  // A custom `sub` joins the template's claim keys as `<key>:<value>` pairs; only the keys below name a tenant (custom
  // properties and `job_workflow_ref` do not). Sources and a limitation: docs/design/issuer-knowledge.md
  customSubjectTenantKeys: {
    repo: { prefix: '', separator: '/', idDelimiter: GITHUB_ID_DELIMITER },
    ...GITHUB_TENANT_CLAIMS,
  },
};

/**
 * The profiles of well-known issuers, by host, with the claims of the issuers' token references. The one
 * tenant-specific issuer URL on these hosts (GitHub Enterprise Cloud's enterprise issuer) is handled by `profileOf`.
 * Sources, and why the other hosts have none: docs/design/issuer-knowledge.md
 */
const ISSUER_PROFILES: { [issuer: string]: IssuerProfile } = {
  'token.actions.githubusercontent.com': GITHUB_ACTIONS,
  'gitlab.com': {
    name: 'GitLab.com',
    boundary: 'subject',
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
  'app.terraform.io': hcpTerraform('HCP Terraform'),
  'app.eu.terraform.io': hcpTerraform('HCP Terraform Europe'),
  // IAM User Guide, "Available keys for AWS web identity federation": anyone can sign in to these and get a token for
  // any client; the app or pool ID (the audience) is what names the owner's client.
  'accounts.google.com': audienceBound('Google'),
  'cognito-identity.amazonaws.com': audienceBound('Amazon Cognito identity pools'),
  'www.amazon.com': audienceBound('Login with Amazon'),
  'graph.facebook.com': audienceBound('Facebook'),
};

function hcpTerraform(name: string): IssuerProfile {
  return {
    name,
    boundary: 'subject',
    multiTenant: true,
    defaultAudience: 'aws.workload.identity',
    tenantPrefixes: [{ prefix: 'organization:', separator: ':' }],
    tenantClaims: {
      terraform_organization_id: { prefix: '' },
      terraform_organization_name: { prefix: '' },
    },
  };
}

function audienceBound(name: string): IssuerProfile {
  return { name, boundary: 'audience', multiTenant: false, tenantPrefixes: [], tenantClaims: {} };
}

/**
 * Issuer URLs that belong to one tenant by their form. Amazon EKS: "https://oidc.eks.<region>.amazonaws.com/id/<ID>",
 * one per cluster (EKS User Guide, "Create an IAM OIDC provider for your cluster",
 * https://docs.aws.amazon.com/eks/latest/userguide/enable-iam-roles-for-service-accounts.html).
 */
const SINGLE_TENANT_ISSUERS: Array<{ pattern: RegExp; name: (issuer: string) => string }> = [
  { pattern: /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[^/]+$/i, name: () => 'an Amazon EKS cluster' },
];

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

/**
 * The issuers of `OidcProvider`'s presets, by host (a key of the profiles above): each preset's default URL is
 * `https://<host>` and its default audience the profile's `defaultAudience`, so that a URL and an audience have one home.
 */
const PRESET_ISSUERS = {
  gitHubActions: 'token.actions.githubusercontent.com',
  gitLab: 'gitlab.com',
  terraformCloud: 'app.terraform.io',
};

/** The default issuer URL and audience of an `OidcProvider` preset, read from its issuer's profile. */
export function presetDefaults(preset: keyof typeof PRESET_ISSUERS): { readonly url: string; readonly audience: string } {
  const host = PRESET_ISSUERS[preset];
  const audience = ISSUER_PROFILES[host].defaultAudience;
  if (audience === undefined) throw new Error(`issuer profile ${host} has no default audience`);
  return { url: `https://${host}`, audience };
}

/** The claim (lower case, after `<issuer>:`) that holds the audience of `issuer`'s tokens in IAM conditions. */
export function audienceClaimOf(issuer: string): string {
  return AUDIENCE_CLAIMS[issuer.toLowerCase()] ?? 'aud';
}

/**
 * The profile of an issuer (`host/path`, no scheme), or `undefined` for unknown issuers and tokens. GitHub Enterprise
 * Cloud's enterprise issuer (`token.actions.githubusercontent.com/<enterprise-slug>`) gets GitHub's profile as a
 * single-tenant issuer: the URL pins the enterprise.
 */
export function profileOf(issuer: string): IssuerProfile | undefined {
  if (Token.isUnresolved(issuer)) return undefined;
  const [host, ...path] = issuer.split('/');
  const profile = ISSUER_PROFILES[host.toLowerCase()];
  if (profile === GITHUB_ACTIONS && path.join('/').length > 0) {
    return { ...GITHUB_ACTIONS, name: `GitHub Enterprise Cloud (enterprise issuer "${issuer}")`, boundary: 'issuer', multiTenant: false };
  }
  if (profile) return profile;
  const single = SINGLE_TENANT_ISSUERS.find(s => s.pattern.test(issuer));
  return single ? { name: single.name(issuer), boundary: 'issuer', multiTenant: false, tenantPrefixes: [], tenantClaims: {} } : undefined;
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
 * Where a subject names its tenant: `upTo`, the subject up to the end of the tenant's name (everything a pattern must
 * match literally for the subject to name one tenant), and `name`. `undefined` when it names no tenant (a custom
 * subject of tenant-neutral claims only); `'unformatted'` when it does not have the issuer's format (no token of the
 * issuer can match it unless it starts with a wildcard).
 */
export function subjectTenant(subject: string, profile: IssuerProfile): { upTo: string; name: string } | undefined | 'unformatted' {
  const segment = profile.tenantPrefixes.find(s => subject.startsWith(s.prefix));
  if (segment) {
    const name = tenantNamePart(tenantPart(subject, segment), segment);
    return { upTo: segment.prefix + name, name };
  }
  const keys = profile.customSubjectTenantKeys;
  if (!keys) return 'unformatted';
  // The first `<key>:` at the start or after a `:` whose key names a tenant.
  const re = new RegExp(`(?:^|:)(${Object.keys(keys).join('|')}):`, 'g');
  const m = re.exec(subject);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  const seg = keys[m[1]];
  // The name ends at the claim's own separator or at the next key, whichever comes first.
  const rest = subject.slice(start);
  const colon = rest.indexOf(':');
  const value = colon < 0 ? rest : rest.slice(0, colon);
  const name = tenantNamePart(tenantPart(value, seg), seg);
  return { upTo: subject.slice(0, start) + name, name };
}

/**
 * Whether a subject pattern (`StringLike`) can match tokens of other tenants: it starts with a wildcard, the tenant
 * segment after a tenant prefix (`repo:<owner>/`, `project_path:<group>/`, `organization:<org>:`) has one
 * (`repo:octo*` also matches `repo:octo-evil/...`), a custom subject has one before the tenant's name, or a custom
 * subject names no tenant at all (`job_workflow_ref:...`, `repo_property_team:...`).
 */
export function matchesAnyTenant(subject: string, profile: IssuerProfile): boolean {
  if (/^[*?]/.test(subject)) return true;
  const tenant = subjectTenant(subject, profile);
  if (tenant === 'unformatted') return false;
  return tenant === undefined || tenant.name.length === 0 || hasWildcard(tenant.upTo);
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
