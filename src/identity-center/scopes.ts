import { requireString } from '../private/required';

/**
 * An access scope of an Identity Center application (`PutApplicationAccessScope`): what the application's tokens may
 * be used for. The constants are the scopes the IAM Identity Center user guide and the services' guides document;
 * `custom()` takes any other `name[:name[:name]]`.
 *
 * Sources: IAM Identity Center user guide (trusted identity propagation with customer managed applications:
 * `sts:identity_context`, `openid`, `aws`, `s3:access_grants:read_write`); Amazon Redshift, AWS Glue and Amazon Athena
 * guides (`redshift:connect`, `lakeformation:query`, `athena:workgroup:read_write`); Amazon Q Business guide
 * (`qbusiness:*`).
 */
export class AccessScope {
  /** `sts:identity_context`: the token may be turned into an identity context for `sts:AssumeRole` (`ProvidedContexts`). */
  public static readonly STS_IDENTITY_CONTEXT = new AccessScope('sts:identity_context');
  /** `s3:access_grants:read_write`: S3 Access Grants for the token's user. */
  public static readonly S3_ACCESS_GRANTS_READ_WRITE = new AccessScope('s3:access_grants:read_write');
  /** `openid`: OpenID Connect (an ID token with the user's identity). */
  public static readonly OPENID = new AccessScope('openid');
  /** `aws`: access to AWS services on the user's behalf. */
  public static readonly AWS = new AccessScope('aws');
  /** `redshift:connect`: Amazon Redshift with the user's identity. */
  public static readonly REDSHIFT_CONNECT = new AccessScope('redshift:connect');
  /** `lakeformation:query`: AWS Lake Formation permissions of the user (Athena, EMR, Redshift Spectrum). */
  public static readonly LAKE_FORMATION_QUERY = new AccessScope('lakeformation:query');
  /** `athena:workgroup:read_write`: Amazon Athena workgroups enabled for Identity Center. */
  public static readonly ATHENA_WORKGROUP_READ_WRITE = new AccessScope('athena:workgroup:read_write');
  /** `qbusiness:messages:access`: Amazon Q Business chat. */
  public static readonly QBUSINESS_MESSAGES_ACCESS = new AccessScope('qbusiness:messages:access');
  /** `qbusiness:messages:read_write`: Amazon Q Business chat (read and write). */
  public static readonly QBUSINESS_MESSAGES_READ_WRITE = new AccessScope('qbusiness:messages:read_write');
  /** `qbusiness:conversations:access`: Amazon Q Business conversations. */
  public static readonly QBUSINESS_CONVERSATIONS_ACCESS = new AccessScope('qbusiness:conversations:access');
  /** `qbusiness:conversations:read_write`: Amazon Q Business conversations (read and write). */
  public static readonly QBUSINESS_CONVERSATIONS_READ_WRITE = new AccessScope('qbusiness:conversations:read_write');
  /** `qbusiness:qapps:access`: Amazon Q Apps. */
  public static readonly QBUSINESS_QAPPS_ACCESS = new AccessScope('qbusiness:qapps:access');
  /** `qbusiness:content:access`: Amazon Q Business `SearchRelevantContent`. */
  public static readonly QBUSINESS_CONTENT_ACCESS = new AccessScope('qbusiness:content:access');

  /** Any other scope: one to three names of 1–50 letters, digits or `_`, joined by `:`. Validated when added. */
  public static custom(name: string): AccessScope {
    requireString('AccessScope.custom', 'name', name, 'one to three names of 1-50 letters, digits or "_" joined by ":", e.g. "redshift:connect"');
    return new AccessScope(name);
  }

  /**
   * @param name the scope, e.g. `sts:identity_context`
   */
  private constructor(public readonly name: string) {}
}

/**
 * Options for `addAccessScope()`.
 */
export interface AccessScopeOptions {
  /**
   * The Identity Center application or instance ARNs that may receive tokens with this scope (1–10).
   * Changing them updates the scope in place.
   *
   * @default - no authorized targets
   */
  readonly authorizedTargets?: string[];
}
