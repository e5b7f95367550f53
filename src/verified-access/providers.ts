import { SecretValue, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { RenderedTrustProvider, TrustProviderRenderOptions } from '../private/rendered';
import { requireSecretValue, requireString, requireStruct } from '../private/required';
import { classifySecret } from '../private/secrets';
import { checkUrl, VERIFIED_ACCESS_ENDPOINT, VERIFIED_ACCESS_ISSUER } from '../private/urls';
import { fail, TrustedIdentityValidationError, warn } from '../private/validation';

const TYPE = 'AWS::EC2::VerifiedAccessTrustProvider';
const SECRET_EXPECTED = 'the client secret as SecretValue.secretsManager(...) or a secretsmanager.ISecret\'s secretValue (a plain string would be written into the template)';
const ENDPOINT_EXPECTED = 'an "https://" URL of the identity provider';

/**
 * The type of a Verified Access trust provider: it vouches for the user or for the device.
 */
export enum TrustProviderType {
  /** A user-identity trust provider (IAM Identity Center or an OpenID Connect provider). */
  USER = 'user',
  /** A device-identity trust provider (Jamf, CrowdStrike, JumpCloud). */
  DEVICE = 'device',
}

/**
 * The kind of a user-identity trust provider.
 */
export enum UserTrustProviderType {
  /** AWS IAM Identity Center. */
  IAM_IDENTITY_CENTER = 'iam-identity-center',
  /** An OpenID Connect-compatible identity provider. */
  OIDC = 'oidc',
}

/**
 * The kind of a device-identity trust provider.
 */
export enum DeviceTrustProviderType {
  /** Jamf (macOS devices). */
  JAMF = 'jamf',
  /** CrowdStrike (Windows devices). */
  CROWDSTRIKE = 'crowdstrike',
  /** JumpCloud (Windows and macOS devices). */
  JUMPCLOUD = 'jumpcloud',
}

/**
 * Options for `TrustProvider.oidc()`: an OpenID Connect-compatible user-identity trust provider.
 *
 * Verified Access is a confidential client of the identity provider (authorization code flow): register an application
 * for it at the provider and copy the endpoints from the provider's `/.well-known/openid-configuration`.
 * These options update in place (CloudFormation `OidcOptions` is not create-only).
 */
export interface OidcTrustProviderOptions {
  /**
   * The OIDC issuer: exactly the `iss` claim of the provider's tokens, an `https://` URL without query or fragment.
   */
  readonly issuer: string;

  /** The OIDC authorization endpoint (`https://`). */
  readonly authorizationEndpoint: string;

  /** The OIDC token endpoint (`https://`). */
  readonly tokenEndpoint: string;

  /** The OIDC user info endpoint (`https://`). */
  readonly userInfoEndpoint: string;

  /** The client identifier of the application registered for Verified Access. */
  readonly clientId: string;

  /**
   * The client secret of that application. It reaches the template only as a CloudFormation dynamic reference:
   * use `SecretValue.secretsManager(...)` or a `secretsmanager.ISecret`'s `secretValue`. A secret that resolves to a
   * literal string is a synth error unless the trust provider sets `allowPlainTextSecret`.
   */
  readonly clientSecret: SecretValue;

  /**
   * The OpenID Connect scopes requested, separated by spaces. Without `openid` the provider returns no ID token
   * (synth warns).
   *
   * @default 'openid'
   */
  readonly scope?: string;

  /**
   * OIDC settings for native applications: the AWS Verified Access Connectivity Client, which reaches non-HTTP(S)
   * (TCP) endpoints, signs users in with its own client registration at the same identity provider.
   *
   * @default - no native application settings (browser access to HTTP(S) endpoints only)
   */
  readonly nativeApplication?: NativeApplicationOidcOptions;
}

/**
 * The OIDC settings Verified Access uses for native applications (the Connectivity Client). Sent as
 * `NativeApplicationOidcOptions` beside the provider's `OidcOptions`; they update in place.
 */
export interface NativeApplicationOidcOptions {
  /** The OAuth 2.0 client identifier of the native application registered at the identity provider. */
  readonly clientId: string;

  /**
   * The OAuth 2.0 client secret of the native application, under the same rules as `OidcTrustProviderOptions.clientSecret`.
   */
  readonly clientSecret: SecretValue;

  /** The public signing key endpoint (the provider's JWKS URI, `https://`). */
  readonly publicSigningKeyEndpoint: string;

  /**
   * The OIDC issuer identifier of the IdP.
   *
   * @default - the trust provider's `issuer`
   */
  readonly issuer?: string;

  /**
   * The authorization endpoint of the IdP.
   *
   * @default - the trust provider's `authorizationEndpoint`
   */
  readonly authorizationEndpoint?: string;

  /**
   * The token endpoint of the IdP.
   *
   * @default - the trust provider's `tokenEndpoint`
   */
  readonly tokenEndpoint?: string;

  /**
   * The user info endpoint of the IdP.
   *
   * @default - the trust provider's `userInfoEndpoint`
   */
  readonly userInfoEndpoint?: string;

  /**
   * The set of user claims to be requested from the IdP, separated by spaces.
   *
   * @default - the trust provider's `scope`
   */
  readonly scope?: string;
}

/**
 * Options for `TrustProvider.jamf()`.
 */
export interface JamfTrustProviderOptions {
  /** The ID of the tenant application with Jamf (from the Jamf console's Verified Access integration). */
  readonly tenantId: string;
}

/**
 * Options for `TrustProvider.crowdStrike()`.
 */
export interface CrowdStrikeTrustProviderOptions {
  /** The ID of the tenant application with CrowdStrike. */
  readonly tenantId: string;
}

/**
 * Options for `TrustProvider.jumpCloud()`.
 */
export interface JumpCloudTrustProviderOptions {
  /** The ID of the tenant application with JumpCloud. */
  readonly tenantId: string;

  /** The URL Verified Access uses to verify the authenticity of JumpCloud's device tokens (`https://`). */
  readonly publicSigningKeyUrl: string;
}

/**
 * The identity a Verified Access trust provider vouches for: one factory per kind the service supports. The factory
 * decides `TrustProviderType`, the user or device type and the option blocks sent, so that an impossible combination
 * cannot be written.
 */
export abstract class TrustProvider {
  /**
   * AWS IAM Identity Center as the user-identity trust provider. The Identity Center instance must be an organization
   * instance enabled in the stack's region (Verified Access user guide, "Using IAM Identity Center as a trust provider").
   */
  public static iamIdentityCenter(): TrustProvider {
    return new IamIdentityCenterTrustProvider();
  }

  /**
   * An OpenID Connect-compatible user-identity trust provider (Okta, Microsoft Entra ID, Amazon Cognito, Ping, ...).
   */
  public static oidc(options: OidcTrustProviderOptions): TrustProvider {
    const at = 'TrustProvider.oidc';
    requireStruct(at, 'options', options, 'OidcTrustProviderOptions, an object with issuer, authorizationEndpoint, tokenEndpoint, userInfoEndpoint, clientId and clientSecret');
    requireString(at, 'issuer', options.issuer, 'the OIDC issuer, exactly the "iss" claim of the tokens, e.g. "https://example.okta.com"');
    requireString(at, 'authorizationEndpoint', options.authorizationEndpoint, `the OIDC authorization endpoint, ${ENDPOINT_EXPECTED}`);
    requireString(at, 'tokenEndpoint', options.tokenEndpoint, `the OIDC token endpoint, ${ENDPOINT_EXPECTED}`);
    requireString(at, 'userInfoEndpoint', options.userInfoEndpoint, `the OIDC user info endpoint, ${ENDPOINT_EXPECTED}`);
    requireString(at, 'clientId', options.clientId, 'the client identifier of the application registered for Verified Access');
    requireSecretValue(at, 'clientSecret', options.clientSecret, SECRET_EXPECTED);
    requireString(at, 'scope', options.scope, 'OpenID Connect scopes separated by spaces, e.g. "openid email"', { optional: true });
    const n = options.nativeApplication;
    requireStruct(at, 'nativeApplication', n, 'NativeApplicationOidcOptions, an object with clientId, clientSecret and publicSigningKeyEndpoint', { optional: true });
    if (n !== undefined) {
      requireString(at, 'nativeApplication.clientId', n.clientId, 'the client identifier of the native application registered at the identity provider');
      requireSecretValue(at, 'nativeApplication.clientSecret', n.clientSecret, SECRET_EXPECTED);
      requireString(at, 'nativeApplication.publicSigningKeyEndpoint', n.publicSigningKeyEndpoint, `the provider's JWKS URI, ${ENDPOINT_EXPECTED}`);
      for (const name of ['issuer', 'authorizationEndpoint', 'tokenEndpoint', 'userInfoEndpoint'] as const) {
        requireString(at, `nativeApplication.${name}`, n[name], `${ENDPOINT_EXPECTED} (defaults to the trust provider's ${name})`, { optional: true });
      }
      requireString(at, 'nativeApplication.scope', n.scope, 'OpenID Connect scopes separated by spaces (defaults to the trust provider\'s scope)', { optional: true });
    }
    return new OidcUserTrustProvider(options);
  }

  /**
   * Jamf as a device-identity trust provider.
   */
  public static jamf(options: JamfTrustProviderOptions): TrustProvider {
    requireTenant('TrustProvider.jamf', options, 'Jamf');
    return new DeviceTrustProvider(DeviceTrustProviderType.JAMF, options.tenantId, undefined);
  }

  /**
   * CrowdStrike as a device-identity trust provider.
   */
  public static crowdStrike(options: CrowdStrikeTrustProviderOptions): TrustProvider {
    requireTenant('TrustProvider.crowdStrike', options, 'CrowdStrike');
    return new DeviceTrustProvider(DeviceTrustProviderType.CROWDSTRIKE, options.tenantId, undefined);
  }

  /**
   * JumpCloud as a device-identity trust provider.
   */
  public static jumpCloud(options: JumpCloudTrustProviderOptions): TrustProvider {
    requireTenant('TrustProvider.jumpCloud', options, 'JumpCloud', ' and publicSigningKeyUrl');
    requireString('TrustProvider.jumpCloud', 'publicSigningKeyUrl', options.publicSigningKeyUrl, 'the URL that verifies JumpCloud\'s device tokens, "https://..."');
    return new DeviceTrustProvider(DeviceTrustProviderType.JUMPCLOUD, options.tenantId, options.publicSigningKeyUrl);
  }

  /** Whether this provider vouches for users or devices. */
  public abstract readonly trustProviderType: TrustProviderType;

  /** The kind of user-identity provider (for user providers). */
  public abstract readonly userTrustProviderType?: UserTrustProviderType;

  /** The kind of device-identity provider (for device providers). */
  public abstract readonly deviceTrustProviderType?: DeviceTrustProviderType;

  /**
   * Validates and renders the provider for `scope`.
   *
   * @internal
   */
  public abstract _render(scope: IConstruct, options: TrustProviderRenderOptions): RenderedTrustProvider;
}

/** The options of a device trust provider's factory: an object with a string `tenantId`. */
function requireTenant(factory: string, options: { tenantId: string }, vendor: string, more = ''): void {
  requireStruct(factory, 'options', options, `an object with tenantId${more}`);
  requireString(factory, 'tenantId', options.tenantId, `the ID of the tenant application with ${vendor}`);
}

class IamIdentityCenterTrustProvider extends TrustProvider {
  public readonly trustProviderType = TrustProviderType.USER;
  public readonly userTrustProviderType = UserTrustProviderType.IAM_IDENTITY_CENTER;
  public readonly deviceTrustProviderType = undefined;

  public _render(_scope: IConstruct): RenderedTrustProvider {
    return { trustProviderType: this.trustProviderType, userTrustProviderType: this.userTrustProviderType };
  }
}

class OidcUserTrustProvider extends TrustProvider {
  public readonly trustProviderType = TrustProviderType.USER;
  public readonly userTrustProviderType = UserTrustProviderType.OIDC;
  public readonly deviceTrustProviderType = undefined;

  constructor(private readonly options: OidcTrustProviderOptions) {
    super();
  }

  public _render(scope: IConstruct, render: TrustProviderRenderOptions): RenderedTrustProvider {
    const o = this.options;
    const scopes = o.scope ?? 'openid';
    checkEndpoints(scope, '', o);
    checkNotEmpty(scope, 'clientId', o.clientId);
    checkScope(scope, 'scope', scopes);
    const oidcOptions: ec2.CfnVerifiedAccessTrustProvider.OidcOptionsProperty = {
      issuer: o.issuer,
      authorizationEndpoint: o.authorizationEndpoint,
      tokenEndpoint: o.tokenEndpoint,
      userInfoEndpoint: o.userInfoEndpoint,
      clientId: o.clientId,
      clientSecret: renderSecret(scope, 'clientSecret', o.clientSecret, render.allowPlainTextSecret),
      scope: scopes,
    };

    let native: ec2.CfnVerifiedAccessTrustProvider.NativeApplicationOidcOptionsProperty | undefined;
    const n = o.nativeApplication;
    if (n) {
      const endpoints = {
        issuer: n.issuer ?? o.issuer,
        authorizationEndpoint: n.authorizationEndpoint ?? o.authorizationEndpoint,
        tokenEndpoint: n.tokenEndpoint ?? o.tokenEndpoint,
        userInfoEndpoint: n.userInfoEndpoint ?? o.userInfoEndpoint,
        publicSigningKeyEndpoint: n.publicSigningKeyEndpoint,
      };
      checkEndpoints(scope, 'nativeApplication.', endpoints);
      checkNotEmpty(scope, 'nativeApplication.clientId', n.clientId);
      const nativeScope = n.scope ?? scopes;
      if (n.scope !== undefined) checkScope(scope, 'nativeApplication.scope', nativeScope);
      native = {
        ...endpoints,
        clientId: n.clientId,
        clientSecret: renderSecret(scope, 'nativeApplication.clientSecret', n.clientSecret, render.allowPlainTextSecret),
        scope: nativeScope,
      };
    }
    return {
      trustProviderType: this.trustProviderType,
      userTrustProviderType: this.userTrustProviderType,
      oidcOptions,
      nativeApplicationOidcOptions: native,
    };
  }
}

class DeviceTrustProvider extends TrustProvider {
  public readonly trustProviderType = TrustProviderType.DEVICE;
  public readonly userTrustProviderType = undefined;

  constructor(
    public readonly deviceTrustProviderType: DeviceTrustProviderType,
    private readonly tenantId: string,
    private readonly publicSigningKeyUrl: string | undefined,
  ) {
    super();
  }

  public _render(scope: IConstruct): RenderedTrustProvider {
    checkNotEmpty(scope, 'tenantId', this.tenantId);
    if (this.publicSigningKeyUrl !== undefined) checkHttpsUrl(scope, 'publicSigningKeyUrl', this.publicSigningKeyUrl, false);
    return {
      trustProviderType: this.trustProviderType,
      deviceTrustProviderType: this.deviceTrustProviderType,
      deviceOptions: { tenantId: this.tenantId, publicSigningKeyUrl: this.publicSigningKeyUrl },
    };
  }
}

function checkNotEmpty(scope: IConstruct, prop: string, value: string): void {
  if (!Token.isUnresolved(value) && value.trim().length === 0) fail(scope, prop, value, 'must not be empty');
}

/** OpenID Connect needs the `openid` scope for an ID token (OpenID Connect Core 1.0, 3.1.2.1). */
function checkScope(scope: IConstruct, prop: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  if (!value.split(/\s+/).includes('openid')) {
    warn(scope, 'verifiedAccessScopeWithoutOpenid', `${prop} "${value}" does not include "openid": the identity provider then returns no ID token and Verified Access cannot sign users in. Scopes are separated by spaces, e.g. "openid email profile".`);
  }
}

interface Endpoints {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly userInfoEndpoint: string;
  readonly publicSigningKeyEndpoint?: string;
}

/**
 * Every endpoint is an absolute `https://` URL without a fragment (OAuth 2.0, RFC 6749 3.1/3.2: "The endpoint URI
 * MUST NOT include a fragment component"); the issuer also has no query (OpenID Connect Core 1.0, 2: iss is "a case
 * sensitive URL using the https scheme ... and no query or fragment components"). An endpoint on another host than the
 * issuer is a warning: most providers serve all endpoints from the issuer's host, but some split them.
 */
function checkEndpoints(scope: IConstruct, prefix: string, e: Endpoints): void {
  const issuerHost = checkHttpsUrl(scope, `${prefix}issuer`, e.issuer, true);
  const others: Array<[string, string | undefined]> = [
    ['authorizationEndpoint', e.authorizationEndpoint],
    ['tokenEndpoint', e.tokenEndpoint],
    ['userInfoEndpoint', e.userInfoEndpoint],
    ['publicSigningKeyEndpoint', e.publicSigningKeyEndpoint],
  ];
  for (const [name, url] of others) {
    if (url === undefined) continue;
    const host = checkHttpsUrl(scope, `${prefix}${name}`, url, false);
    if (issuerHost !== undefined && host !== undefined && host !== issuerHost) {
      warn(scope, 'verifiedAccessEndpointHost', `${prefix}${name} "${url}" is not on the issuer's host "${issuerHost}". Most identity providers serve every endpoint from the issuer's host; check the provider's /.well-known/openid-configuration.`);
    }
  }
}

/** Validates a literal URL (`private/urls`); returns its host (lower case), or undefined for a token. */
function checkHttpsUrl(scope: IConstruct, prop: string, url: string, isIssuer: boolean): string | undefined {
  return checkUrl(scope, prop, url, isIssuer ? VERIFIED_ACCESS_ISSUER : VERIFIED_ACCESS_ENDPOINT)?.host.toLowerCase();
}

/**
 * Renders a client secret. Only a Secrets Manager dynamic reference (or a value known only at deploy time, such as a
 * `NoEcho` parameter) may reach the template unless `allowPlainTextSecret` is set; a reference to a parameter without
 * `NoEcho` counts as plain text (the console shows its value), and so does literal text joined with deploy-time values.
 * `ssm-secure` references are rejected: CloudFormation resolves them only for the resource properties listed under
 * "Resources that support dynamic parameter patterns for secure strings" (CloudFormation user guide), and
 * `AWS::EC2::VerifiedAccessTrustProvider` is not among them. Messages never contain the secret. The classification is
 * the audit's (`classifySecret`).
 */
function renderSecret(scope: IConstruct, prop: string, secret: SecretValue, allowPlainText: boolean): string {
  // unsafeUnwrap() only gives the token that stands for the value; resolving it shows what the template will hold.
  const value = secret.unsafeUnwrap();
  const c = classifySecret(Stack.of(scope), Stack.of(scope).resolve(value));
  let what: string;
  let where = 'the template, the cloud assembly and the CloudFormation console';
  switch (c.kind) {
    case 'secretsmanager':
    case 'deploy-time':
      return value;
    case 'ssm-secure':
      throw new TrustedIdentityValidationError(scope, `${prop} is an ssm-secure dynamic reference, which CloudFormation does not resolve for ${TYPE} (only for the resource properties listed under "Resources that support dynamic parameter patterns for secure strings"): the deploy would fail. Store the secret in Secrets Manager and pass SecretValue.secretsManager(...) or secret.secretValue`);
    case 'parameter':
      what = `a reference to the CloudFormation parameter "${c.parameter}", which is not NoEcho`;
      where = 'the CloudFormation console and the DescribeStacks API';
      break;
    case 'ssm':
      what = 'a reference to a plain-text SSM parameter';
      break;
    case 'undecided':
      what = 'literal text joined with values known only at deploy time (value not shown)';
      break;
    default:
      what = 'a plain-text string (value not shown)';
  }
  if (!allowPlainText) {
    throw new TrustedIdentityValidationError(scope, `${prop} resolves to ${what}: the secret would be readable in ${where}. Store it in Secrets Manager and pass SecretValue.secretsManager(...) or secret.secretValue, or set allowPlainTextSecret: true to accept this`);
  }
  warn(scope, 'verifiedAccessPlainTextSecret', `${prop} resolves to ${what} and allowPlainTextSecret is set: the secret is readable in ${where}.`);
  return value;
}
