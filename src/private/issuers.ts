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
 * What bounds a trust to the owner's tenant, by issuer (the severity policy of `TrustedIdentityChecks` is built on it):
 * - `subject`: anyone with an account gets tokens from the issuer, for any audience they ask for (GitHub Actions:
 *   `core.getIDToken(audience)`; GitLab: `id_tokens: aud:`; HCP Terraform: `TFC_WORKLOAD_IDENTITY_AUDIENCE`), so only a
 *   subject or another claim naming the tenant bounds the trust; a missing audience only widens it within the tenant.
 * - `audience`: anyone gets tokens, but only for clients (apps, identity pools) registered by their owner: the
 *   audience (or a pinned subject, one user) bounds the trust (Google, Cognito identity pools, Login with Amazon,
 *   Facebook). Issuers the library does not know are treated this way: the audience is OIDC's client boundary.
 * - `issuer`: the issuer URL itself belongs to one tenant (GitHub Enterprise Cloud's enterprise issuer, an EKS
 *   cluster's issuer): every token comes from the owner's tenant, whatever the conditions.
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
  // "Customizing the subject claims for an organization or repository": the `sub` becomes the `include_claim_keys`
  // joined as `<key>:<value>` pairs (`repo:octo-org/octo-repo:environment:prod` for ["repo", "context"]); keys may be
  // any claim, custom properties included (`repo_property_<name>`, "Using repository custom properties as OIDC claims").
  // https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository
  // https://docs.github.com/en/actions/concepts/security/openid-connect#using-repository-custom-properties-as-oidc-claims
  // Only the keys below name a tenant: a repository's custom property values are chosen by its owner (any owner can set
  // `repo_property_team:platform`), and `job_workflow_ref` names the called workflow, which any repository may call when
  // it is public. Claim keys contain only letters, digits and `_` (REST API, "Set the customization template for an
  // OIDC subject claim", https://docs.github.com/en/rest/actions/oidc). A custom subject counts as pinned when a tenant
  // key's segment appears with no wildcard (or unresolved part) before the end of the tenant's name. Limitation: a value
  // another owner chooses (a custom property) that contains ":repository_owner:my-org" could imitate a later tenant
  // segment; GitHub does not document which characters property values may hold, so templates should put the tenant
  // claim first, where no other owner's subject can start the same way (owner and repository names have no ":").
  customSubjectTenantKeys: {
    repo: { prefix: '', separator: '/', idDelimiter: GITHUB_ID_DELIMITER },
    ...GITHUB_TENANT_CLAIMS,
  },
};

/**
 * Claims from the issuers' token references: GitHub "OpenID Connect reference" (sub `repo:OWNER/REPO:...`, or for
 * repositories with immutable subject claims `repo:OWNER@OWNER-ID/REPO@REPO-ID:...`, see `GITHUB_ID_DELIMITER`;
 * `repository_owner`, `repository_owner_id`, `repository`, `repository_id`, `enterprise`, `enterprise_id`), GitLab "ID
 * token authentication" (sub `project_path:GROUP/PROJECT:...`, `namespace_id`, `namespace_path`, `project_id`,
 * `project_path`), HCP Terraform "Workload identity tokens" (sub `organization:ORG:project:...`,
 * `terraform_organization_id`, `terraform_organization_name`).
 *
 * Tenant-specific issuer URLs on these hosts (checked against the vendors' current documentation):
 * - GitHub Enterprise Cloud: an enterprise may switch to a unique issuer, `https://token.actions.githubusercontent.com/<enterprise-slug>`
 *   (REST API "Set the GitHub Actions OIDC custom issuer policy for an enterprise", `include_enterprise_slug`,
 *   https://docs.github.com/en/enterprise-cloud@latest/rest/actions/oidc): only that enterprise's workflows get tokens
 *   with that `iss`, so a provider with that URL is single-tenant (`profileOf` below).
 * - GitLab: "iss: Issuer of the token, which is the domain of the GitLab instance"
 *   (https://docs.gitlab.com/ci/secrets/id_token_authentication): GitLab.com has no per-group issuer (GitLab Dedicated
 *   and self-managed instances have their own hosts, unknown here, hence not multi-tenant). A project may customize its
 *   `sub` (projects API, `ci_id_token_sub_claim_components`), but the first component must be `project_path`
 *   (https://gitlab.com/gitlab-org/gitlab/-/merge_requests/160562), so the `project_path:` prefix still names the tenant.
 * - HCP Terraform: the issuer is `https://app.terraform.io`, or `https://app.eu.terraform.io` for HCP Terraform Europe,
 *   shared by every organization (no per-organization issuer; Terraform Enterprise has its own host); the `sub` format
 *   is fixed. https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
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
