import { CfnJson, IResource, RemovalPolicy, Resource, Stack, Tags, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { GitHubActionsOidcProviderProps, GitLabOidcProviderProps, TerraformCloudOidcProviderProps } from './presets';
import { claimPerAccount } from '../private/account-limits';
import { resourcePathOf, stripHttps } from '../private/arn';
import { hasWildcard, matchesAnyTenant, presetDefaults, profileOf } from '../private/issuers';
import { requireBoolean, requireEnum, requireString, requireStringList, requireStringMap, requireStruct } from '../private/required';
import { apiTagLimits, checkTags, TagRules } from '../private/tags';
import { checkUrl, IAM_OIDC_PROVIDER_URL } from '../private/urls';
import { apiConstraint, cfnConstraint, checkList, checkString, fail } from '../private/validation';

const CREATE = 'iam:CreateOpenIDConnectProvider';
/** "You cannot register more than 100 client IDs with a single IAM OIDC provider." (CreateOpenIDConnectProvider docs; not in the model). */
const MAX_CLIENT_IDS = 100;
const HEX40 = 'exactly 40 hexadecimal characters (the SHA-1 fingerprint of the CA certificate)';
const TAGS: TagRules = { resourceType: iam.CfnOIDCProvider.CFN_RESOURCE_TYPE_NAME, limits: apiTagLimits(CREATE, 'Tags') };
const URL_EXPECTED = 'the URL of the identity provider, "https://" followed by a host and an optional path, e.g. "https://token.actions.githubusercontent.com"';
const CLIENT_IDS_EXPECTED = 'the client IDs (audiences), e.g. ["sts.amazonaws.com"]';
const THUMBPRINTS_EXPECTED = `thumbprints of ${HEX40}`;
const TAGS_EXPECTED = 'tag values by key, e.g. { team: "identity" }';

/**
 * An IAM OpenID Connect provider.
 *
 * Usable wherever aws-cdk-lib takes an `iam.IOpenIdConnectProvider` (e.g. EKS) or an `IOIDCProviderRef`; an
 * `OidcProvider` is also an `iam.IOidcProvider`. (This interface does not extend `iam.IOidcProvider` itself: with both
 * bases, jsii-pacmak 1.122+ generates a Java proxy that does not compile, as the two declare the same attributes.)
 */
export interface IOidcProvider extends IResource, iam.IOpenIdConnectProvider {
  /**
   * The ARN of the provider (the same as `openIdConnectProviderArn`).
   *
   * @attribute
   */
  readonly oidcProviderArn: string;

  /**
   * The issuer: the provider's URL without `https://` (the same as `openIdConnectProviderIssuer`).
   *
   * @attribute
   */
  readonly oidcProviderIssuer: string;

  /**
   * A principal for role trust policies that lets web identities of this provider assume the role,
   * restricted by audience (`<issuer>:aud`) and subject (`<issuer>:sub`).
   *
   * For multi-tenant issuers (GitHub Actions, GitLab.com, HCP Terraform) a principal without a subject
   * restriction is an error unless `allowAnySubject` is set.
   *
   * When the issuer is only known at deploy time (a provider imported by a token ARN), the condition keys
   * are rendered with `CfnJson`, which adds aws-cdk-lib's small JSON custom resource to the stack.
   */
  principal(options?: OidcPrincipalOptions): iam.IPrincipal;
}

/**
 * Properties of an `OidcProvider`.
 */
export interface OidcProviderProps {
  /**
   * The URL of the identity provider: `https://` followed by a host and an optional path, exactly as the
   * tokens' `iss` claim says it (IAM does not normalize it). No query, fragment, user info or port.
   *
   * Changing it replaces the provider.
   *
   * IAM allows one provider per URL per account: a second `OidcProvider` with the same URL in a stack of the same
   * account (or both env-agnostic) fails synth. Import the existing one with `OidcProvider.fromIssuerUrl()`.
   */
  readonly url: string;

  /**
   * The client IDs (audiences) that may be used with this provider. Up to 100, each 1-255 characters.
   *
   * @default - no client IDs (a role's trust policy must then not rely on `<issuer>:aud`)
   */
  readonly clientIds?: string[];

  /**
   * Thumbprints (SHA-1, 40 hex characters) of the CA certificates of the provider's server. Up to 5.
   *
   * Since 2024 IAM obtains and maintains the thumbprint of the provider's certificate authority itself,
   * so you only need this for providers whose certificate is not trusted by IAM's library of CAs.
   *
   * @default - IAM retrieves the thumbprint itself
   */
  readonly thumbprints?: string[];

  /**
   * What happens to the provider when it is removed from the stack or the stack is deleted.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Tags for the provider (at most 50, counting tags applied with `Tags.of()`).
   *
   * @default - no tags other than those applied with `Tags.of()`
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Options for `OidcProvider.principal()`.
 */
export interface OidcPrincipalOptions {
  /**
   * The subjects (`sub` claim) allowed to assume the role. Values containing `*` or `?` are matched with
   * `StringLike`, the others with `StringEquals`.
   *
   * For GitHub Actions, GitLab and HCP Terraform use `GitHubActionsSubject`, `GitLabSubject` and
   * `TerraformCloudSubject` to build them.
   *
   * @default - no subject restriction: an error for multi-tenant issuers unless `allowAnySubject` is true
   */
  readonly subjects?: string[];

  /**
   * The audiences (`aud` claim) allowed. Matched with `StringEquals`.
   *
   * @default - the issuer's documented default audience for the presets (e.g. `sts.amazonaws.com` for GitHub
   * Actions), otherwise the provider's client IDs
   */
  readonly audiences?: string[];

  /**
   * Allow a principal without a subject restriction (or with subjects that match any tenant) for a
   * multi-tenant issuer such as GitHub Actions. Anyone with an account on that issuer could then assume the
   * role: only set this if other conditions restrict it.
   *
   * @default false
   */
  readonly allowAnySubject?: boolean;

  /**
   * More conditions to add to the trust policy, e.g. `{ StringEquals: { 'token.actions.githubusercontent.com:repository_owner_id': '123' } }`.
   * Conditions on `aud` and `sub` built from `audiences` and `subjects` are merged with these.
   *
   * @default - none
   */
  readonly conditions?: { [operator: string]: any };
}

abstract class OidcProviderBase extends Resource implements IOidcProvider, iam.IOidcProvider {
  public abstract readonly oidcProviderArn: string;
  public abstract readonly oidcProviderIssuer: string;

  private principalCount = 0;

  /** Audiences used by `principal()` when none are given. */
  protected abstract defaultAudiences(): string[] | undefined;

  public get openIdConnectProviderArn(): string {
    return this.oidcProviderArn;
  }

  public get openIdConnectProviderIssuer(): string {
    return this.oidcProviderIssuer;
  }

  public get oidcProviderRef(): iam.OIDCProviderReference {
    return { oidcProviderArn: this.oidcProviderArn };
  }

  public principal(options: OidcPrincipalOptions = {}): iam.IPrincipal {
    requireStruct(this, 'options', options, 'OidcPrincipalOptions, e.g. { subjects: [...] }', { optional: true });
    requireStringList(this, 'subjects', options.subjects, 'the subjects ("sub" claim) allowed to assume the role', { optional: true });
    requireStringList(this, 'audiences', options.audiences, 'the audiences ("aud" claim) allowed, e.g. ["sts.amazonaws.com"]', { optional: true });
    requireBoolean(this, 'allowAnySubject', options.allowAnySubject, 'whether a principal without a tenant-restricting subject is allowed', { optional: true });
    requireStruct(this, 'conditions', options.conditions, 'conditions by operator, e.g. { StringEquals: { "<issuer>:repository_owner_id": "123" } }', { optional: true });
    const issuer = this.oidcProviderIssuer;
    const profile = profileOf(issuer);
    const audiences = options.audiences ?? this.defaultAudiences();
    const subjects = options.subjects ?? [];

    if (!audiences || (!Token.isUnresolved(audiences) && audiences.length === 0)) {
      fail(this, 'audiences', options.audiences ?? [], 'must name at least one audience: pass `audiences`, or give the provider `clientIds`');
    }
    for (const [i, s] of subjects.entries()) {
      if (!Token.isUnresolved(s) && s.length === 0) fail(this, `subjects[${i}]`, s, 'must not be empty');
    }
    if (profile?.multiTenant && !options.allowAnySubject) {
      if (subjects.length === 0) {
        fail(this, 'subjects', subjects, `must restrict the subject: ${profile.name} is a multi-tenant issuer, so without a subject condition any ${profile.name} user could assume the role. Pass subjects (e.g. built with the subject helpers), or set allowAnySubject: true if other conditions restrict it`);
      }
      subjects.forEach((s, i) => {
        if (!Token.isUnresolved(s) && matchesAnyTenant(s, profile)) {
          fail(this, `subjects[${i}]`, s, `matches every ${profile.name} tenant: name the tenant without wildcards (e.g. "${profile.tenantPrefixes[0].prefix}my-org${profile.tenantPrefixes[0].separator}...") or set allowAnySubject: true if other conditions restrict it`);
        }
      });
    }

    const conditions: { [op: string]: { [key: string]: any } } = {};
    const add = (op: string, key: string, values: string[]) => {
      if (values.length === 0) return;
      // A list token must stay whole; a single literal value renders as a string, like aws-cdk-lib does.
      const value = values.length === 1 && !Token.isUnresolved(values) ? values[0] : values;
      conditions[op] = { ...(conditions[op] ?? {}), [`${issuer}:${key}`]: value };
    };
    add('StringEquals', 'aud', audiences);
    add('StringEquals', 'sub', subjects.filter(s => Token.isUnresolved(s) || !hasWildcard(s)));
    add('StringLike', 'sub', subjects.filter(s => !Token.isUnresolved(s) && hasWildcard(s)));
    for (const [op, block] of Object.entries(options.conditions ?? {})) {
      conditions[op] = { ...(conditions[op] ?? {}), ...block };
    }

    // Condition keys cannot hold tokens in a policy document; CfnJson renders them at deploy time.
    if (Token.isUnresolved(issuer)) {
      const rendered: { [op: string]: any } = {};
      for (const [op, block] of Object.entries(conditions)) {
        rendered[op] = new CfnJson(this, `PrincipalConditions${this.principalCount}${op}`, { value: block });
      }
      this.principalCount++;
      return new iam.OpenIdConnectPrincipal(this, rendered);
    }
    return new iam.OpenIdConnectPrincipal(this, conditions);
  }
}

/**
 * An IAM OpenID Connect identity provider, backed by the native `AWS::IAM::OIDCProvider` (no custom resource).
 *
 * Validates the URL, client IDs, thumbprints and tags against the IAM API model at synth time, and builds
 * role trust principals that guard against the usual multi-tenant mistakes.
 *
 * @resource AWS::IAM::OIDCProvider
 */
export class OidcProvider extends OidcProviderBase {
  /**
   * Imports an existing provider by ARN. The issuer is taken from the ARN (token-safe).
   */
  public static fromOidcProviderArn(scope: Construct, id: string, oidcProviderArn: string): IOidcProvider {
    requireString('OidcProvider.fromOidcProviderArn', 'oidcProviderArn', oidcProviderArn, 'an IAM OIDC provider ARN, arn:<partition>:iam::<account>:oidc-provider/<issuer>');
    return new ImportedOidcProvider(scope, id, oidcProviderArn, undefined);
  }

  /**
   * Imports an existing provider of this account by its issuer URL (e.g. `https://token.actions.githubusercontent.com`).
   * The ARN is built from the stack's partition and account (token-safe).
   */
  public static fromIssuerUrl(scope: Construct, id: string, url: string): IOidcProvider {
    requireString('OidcProvider.fromIssuerUrl', 'url', url, URL_EXPECTED);
    const issuer = stripHttps(url);
    const arn = Stack.of(scope).formatArn({ service: 'iam', region: '', resource: 'oidc-provider', resourceName: issuer });
    const imported = new ImportedOidcProvider(scope, id, arn, issuer);
    // The same rules as a new provider's url: the ARN is made of it, and IAM compares it byte for byte.
    validateUrl(imported, url);
    return imported;
  }

  /**
   * The GitHub Actions provider (`https://token.actions.githubusercontent.com`) with audience `sts.amazonaws.com`.
   * Build subjects with `GitHubActionsSubject`.
   */
  public static gitHubActions(scope: Construct, id: string, props: GitHubActionsOidcProviderProps = {}): OidcProvider {
    requireStruct('OidcProvider.gitHubActions', 'props', props, 'GitHubActionsOidcProviderProps, e.g. { url, clientIds }', { optional: true });
    const preset = presetDefaults('gitHubActions');
    return new OidcProvider(scope, id, { ...props, url: props.url ?? preset.url, clientIds: props.clientIds ?? [preset.audience] });
  }

  /**
   * A GitLab provider: GitLab.com (`https://gitlab.com`) by default, or a self-managed instance by `url`.
   * The audience defaults to the instance URL (what GitLab's AWS guide configures in `id_tokens`).
   * Build subjects with `GitLabSubject`.
   */
  public static gitLab(scope: Construct, id: string, props: GitLabOidcProviderProps = {}): OidcProvider {
    requireStruct('OidcProvider.gitLab', 'props', props, 'GitLabOidcProviderProps, e.g. { url: "https://gitlab.example.com" }', { optional: true });
    const preset = presetDefaults('gitLab');
    // GitLab's audience is the instance URL: GitLab.com's profile says so, a self-managed instance's is its own URL.
    const url = props.url ?? preset.url;
    return new OidcProvider(scope, id, { ...props, url, clientIds: props.clientIds ?? [props.url === undefined ? preset.audience : url] });
  }

  /**
   * The HCP Terraform provider (`https://app.terraform.io`) with audience `aws.workload.identity`.
   * Build subjects with `TerraformCloudSubject`.
   */
  public static terraformCloud(scope: Construct, id: string, props: TerraformCloudOidcProviderProps = {}): OidcProvider {
    requireStruct('OidcProvider.terraformCloud', 'props', props, 'TerraformCloudOidcProviderProps, e.g. { url, clientIds }', { optional: true });
    const preset = presetDefaults('terraformCloud');
    return new OidcProvider(scope, id, { ...props, url: props.url ?? preset.url, clientIds: props.clientIds ?? [preset.audience] });
  }

  /**
   * The ARN of the provider.
   *
   * @attribute
   */
  public get oidcProviderArn(): string {
    // The reference token is made on first use, as aws-cdk-lib's iam.OidcProviderNative does: made in the constructor,
    // it was a quarter of the constructor's own CPU time. The same token string on every call (aws-cdk-lib caches it).
    return this.resource.attrArn;
  }

  /**
   * The issuer (URL without `https://`).
   *
   * @attribute
   */
  public readonly oidcProviderIssuer: string;

  /** The URL of the provider as given. */
  public readonly url: string;

  private readonly resource: iam.CfnOIDCProvider;
  private readonly clientIds: string[] = [];
  private readonly thumbprints: string[] = [];
  private readonly clientIdsAreToken: boolean;
  private readonly thumbprintsAreToken: boolean;

  constructor(scope: Construct, id: string, props: OidcProviderProps) {
    super(scope, id);

    requireStruct(this, 'props', props, 'OidcProviderProps, an object with url');
    requireString(this, 'url', props.url, URL_EXPECTED);
    requireStringList(this, 'clientIds', props.clientIds, CLIENT_IDS_EXPECTED, { optional: true });
    requireStringList(this, 'thumbprints', props.thumbprints, THUMBPRINTS_EXPECTED, { optional: true });
    requireEnum(this, 'removalPolicy', props.removalPolicy, RemovalPolicy, 'RemovalPolicy', { optional: true, literal: true });
    requireStringMap(this, 'tags', props.tags, TAGS_EXPECTED, { optional: true });
    validateUrl(this, props.url);
    checkList(this, 'clientIds', props.clientIds, apiConstraint(CREATE, 'ClientIDList'), apiConstraint(CREATE, 'ClientIDList[]'), {
      maxItems: MAX_CLIENT_IDS,
      unique: true,
    });
    checkList(this, 'thumbprints', props.thumbprints, cfnConstraint('AWS::IAM::OIDCProvider:ThumbprintList'), cfnConstraint('AWS::IAM::OIDCProvider:ThumbprintList[]'), {
      unique: true,
      describe: HEX40,
    });
    // The resource is missing only if construction failed after this line (a caught error): nothing to check then.
    checkTags(this, 'tags', props.tags, TAGS, () => this.resource?.tags.tagValues());
    claimUrl(this, props.url);

    this.url = props.url;
    this.resource = new iam.CfnOIDCProvider(this, 'Resource', {
      url: props.url,
      clientIdList: props.clientIds && props.clientIds.length > 0 ? props.clientIds : undefined,
      thumbprintList: props.thumbprints && props.thumbprints.length > 0 ? props.thumbprints : undefined,
    });
    if (props.removalPolicy) {
      this.resource.applyRemovalPolicy(props.removalPolicy);
    }
    for (const [k, v] of Object.entries(props.tags ?? {})) {
      Tags.of(this).add(k, v);
    }

    // A list token (e.g. Fn.split) cannot be appended to: addClientId/addThumbprint then refuse.
    this.clientIdsAreToken = !!props.clientIds && Token.isUnresolved(props.clientIds);
    this.thumbprintsAreToken = !!props.thumbprints && Token.isUnresolved(props.thumbprints);
    if (!this.clientIdsAreToken) this.clientIds.push(...(props.clientIds ?? []));
    if (!this.thumbprintsAreToken) this.thumbprints.push(...(props.thumbprints ?? []));

    this.oidcProviderIssuer = Token.isUnresolved(props.url) ? resourcePathOf(this, 'url', this.oidcProviderArn, 'oidc-provider') : stripHttps(props.url);
  }

  /**
   * The client IDs (audiences) registered so far (literal values and tokens).
   */
  public get oidcProviderClientIds(): string[] {
    return this.clientIdsAreToken ? this.resource.clientIdList! : [...this.clientIds];
  }

  /**
   * The thumbprints registered so far.
   */
  public get oidcProviderThumbprints(): string[] {
    return this.thumbprintsAreToken ? this.resource.thumbprintList! : [...this.thumbprints];
  }

  /**
   * Adds a client ID (audience). Validated like `clientIds`.
   */
  public addClientId(clientId: string): void {
    requireString(this, 'clientId', clientId, 'a client ID (audience), e.g. "sts.amazonaws.com"');
    if (this.clientIdsAreToken) {
      fail(this, 'addClientId', clientId, 'cannot be used when clientIds was given as a list token');
    }
    const next = [...this.clientIds, clientId];
    checkList(this, 'clientIds', next, apiConstraint(CREATE, 'ClientIDList'), apiConstraint(CREATE, 'ClientIDList[]'), {
      maxItems: MAX_CLIENT_IDS,
      unique: true,
    });
    this.clientIds.push(clientId);
    this.resource.clientIdList = [...this.clientIds];
  }

  /**
   * Adds a thumbprint. Validated like `thumbprints`.
   */
  public addThumbprint(thumbprint: string): void {
    requireString(this, 'thumbprint', thumbprint, `a thumbprint of ${HEX40}`);
    if (this.thumbprintsAreToken) {
      fail(this, 'addThumbprint', thumbprint, 'cannot be used when thumbprints was given as a list token');
    }
    const next = [...this.thumbprints, thumbprint];
    checkList(this, 'thumbprints', next, cfnConstraint('AWS::IAM::OIDCProvider:ThumbprintList'), cfnConstraint('AWS::IAM::OIDCProvider:ThumbprintList[]'), {
      unique: true,
      describe: HEX40,
    });
    this.thumbprints.push(thumbprint);
    this.resource.thumbprintList = [...this.thumbprints];
  }

  protected defaultAudiences(): string[] | undefined {
    if (this.clientIdsAreToken) return this.resource.clientIdList;
    if (this.clientIds.length > 0) return [...this.clientIds];
    const profile = profileOf(this.oidcProviderIssuer);
    return profile?.defaultAudience ? [profile.defaultAudience] : undefined;
  }
}

class ImportedOidcProvider extends OidcProviderBase {
  public readonly oidcProviderArn: string;
  public readonly oidcProviderIssuer: string;

  constructor(scope: Construct, id: string, arn: string, issuer: string | undefined) {
    super(scope, id, { environmentFromArn: arn });
    if (issuer === undefined && !Token.isUnresolved(arn)) checkProviderArn(this, arn);
    this.oidcProviderArn = arn;
    this.oidcProviderIssuer = issuer ?? resourcePathOf(this, 'oidcProviderArn', arn, 'oidc-provider');
  }

  protected defaultAudiences(): string[] | undefined {
    const profile = profileOf(this.oidcProviderIssuer);
    return profile?.defaultAudience ? [profile.defaultAudience] : undefined;
  }
}

/**
 * A literal provider ARN: IAM's model gives `OpenIDConnectProviderArn` only a length (20-2048); the form is IAM's
 * `arn:<partition>:iam::<account>:oidc-provider/<URL without https://>`, the URL being a host and an optional path.
 */
function checkProviderArn(scope: IConstruct, arn: string): void {
  checkString(scope, 'oidcProviderArn', arn, apiConstraint('iam:GetOpenIDConnectProvider', 'OpenIDConnectProviderArn'));
  if (!/^arn:aws(-[a-z]+)*:iam::\d{12}:oidc-provider\/[A-Za-z0-9.-]+(\/[^\s?#]*)?$/.test(arn)) {
    fail(scope, 'oidcProviderArn', arn, 'must be an IAM OIDC provider ARN, arn:<partition>:iam::<12-digit account>:oidc-provider/<issuer host and path> (e.g. "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com")');
  }
}

/**
 * One provider per URL per account, app-wide. IAM names the provider by its URL without `https://` (the ARN is
 * `arn:<partition>:iam::<account>:oidc-provider/<host/path>`) and compares it as it is: the URL is not normalized
 * (a trailing slash or an upper-case host makes another provider, which tokens' `iss` then do not match; see
 * `validateUrl`'s warnings), so two URLs clash only when they are equal.
 */
function claimUrl(scope: IConstruct, url: string): void {
  claimPerAccount(scope, {
    resource: 'iam:oidc-provider',
    rule: 'IAM allows one OIDC provider per URL per account',
    prop: 'url',
    value: url,
    name: Token.isUnresolved(url) ? url : stripHttps(url),
    consequence: 'the second deploy fails with EntityAlreadyExists',
    fix: `import the provider instead of creating it: OidcProvider.fromIssuerUrl(scope, id, ${JSON.stringify(url)}) (a provider that another team, tool or the console created must be imported too)`,
  });
}

/** Validates an OIDC provider URL: at most 255 characters (the model), then IAM's URL rules (`private/urls`). */
function validateUrl(scope: IConstruct, url: string): void {
  checkString(scope, 'url', url, apiConstraint(CREATE, 'Url'));
  checkUrl(scope, 'url', url, IAM_OIDC_PROVIDER_URL);
}
