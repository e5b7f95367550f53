import { IResource, RemovalPolicy, Resource, SecretValue, Stack, Tags, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IConstruct } from 'constructs';
import {
  requireBoolean, requireEnum, requireInstanceOf, requireResource, requireSecretValue, requireString, requireStringMap, requireStruct,
} from '../private/required';
import { classifySecret } from '../private/secrets';
import { checkTagsAtSynth, checkTagsProp, TagRules } from '../private/tags';
import { checkUrl, VERIFIED_ACCESS_ENDPOINT, VERIFIED_ACCESS_ISSUER } from '../private/urls';
import { checkString, cfnConstraint, fail, TrustedIdentityValidationError, warn } from '../private/validation';

const TYPE = 'AWS::EC2::VerifiedAccessTrustProvider';

/**
 * Tag limits of EC2 resources. The CloudFormation schema allows keys of 1-128 and values of 0-256 characters; the EC2
 * API model's documentation says keys accept at most 127 Unicode characters ("Tag keys are case-sensitive and accept a
 * maximum of 127 Unicode characters", Tag.Key) and may not begin with `aws:`; the EC2 user guide ("Tag restrictions")
 * allows at most 50 user tags per resource. Neither the model nor the schema has a pattern: any Unicode is allowed.
 */
const EC2_TAGS: TagRules = {
  resourceType: TYPE,
  limits: {
    maxItems: 50,
    key: { ...cfnConstraint(`${TYPE}:Tags[].Key`), maxLength: 127 },
    value: cfnConstraint(`${TYPE}:Tags[].Value`),
  },
};

const SECRET_EXPECTED = 'the client secret as SecretValue.secretsManager(...) or a secretsmanager.ISecret\'s secretValue (a plain string would be written into the template)';
const ENDPOINT_EXPECTED = 'an "https://" URL of the identity provider';

/**
 * Words Cedar reserves: they are not identifiers, so `context.<word>` does not parse (Cedar language reference,
 * grammar: `IDENT ::= ['_''a'-'z''A'-'Z']['_''a'-'z''A'-'Z''0'-'9']* - RESERVED`).
 */
const CEDAR_RESERVED = ['true', 'false', 'if', 'then', 'else', 'in', 'is', 'like', 'has', '__cedar'];

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
 * Options passed to `TrustProvider._render()` (library-internal).
 *
 * @internal
 */
export interface TrustProviderRenderOptions {
  /** Accept client secrets that resolve to plain text. */
  readonly allowPlainTextSecret: boolean;
}

/**
 * What a trust provider renders to (library-internal): CloudFormation property values.
 *
 * @internal
 */
export interface RenderedTrustProvider {
  readonly trustProviderType: string;
  readonly userTrustProviderType?: string;
  readonly deviceTrustProviderType?: string;
  readonly oidcOptions?: ec2.CfnVerifiedAccessTrustProvider.OidcOptionsProperty;
  readonly nativeApplicationOidcOptions?: ec2.CfnVerifiedAccessTrustProvider.NativeApplicationOidcOptionsProperty;
  readonly deviceOptions?: ec2.CfnVerifiedAccessTrustProvider.DeviceOptionsProperty;
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

/**
 * A Verified Access trust provider: an identity provider or a device management service that Verified Access
 * consults before it lets a request through.
 */
export interface IVerifiedAccessTrustProvider extends IResource, ec2.IVerifiedAccessTrustProviderRef {
  /**
   * The ID of the trust provider (`vatp-...`).
   *
   * @attribute
   */
  readonly verifiedAccessTrustProviderId: string;

  /**
   * The ARN of the trust provider.
   *
   * @attribute
   */
  readonly verifiedAccessTrustProviderArn: string;

  /**
   * The key under which Verified Access policies read this provider's claims: `context.<policyReferenceName>`.
   * Reading it from an import that was not given it is an error.
   */
  readonly policyReferenceName: string;
}

/**
 * Attributes of an existing trust provider, for `VerifiedAccessTrustProvider.fromVerifiedAccessTrustProviderAttributes()`.
 */
export interface VerifiedAccessTrustProviderAttributes {
  /** The ID of the trust provider (`vatp-...`). */
  readonly verifiedAccessTrustProviderId: string;

  /**
   * The provider's policy reference name, if policies built in this app need it.
   *
   * @default - unknown: reading `policyReferenceName` of the import is an error
   */
  readonly policyReferenceName?: string;
}

/**
 * Properties of a `VerifiedAccessTrustProvider`.
 */
export interface VerifiedAccessTrustProviderProps {
  /**
   * The identifier Verified Access policies use for this provider's claims: `context.<policyReferenceName>`.
   * A Cedar identifier: letters, digits and `_`, not starting with a digit.
   *
   * Changing it replaces the trust provider.
   */
  readonly policyReferenceName: string;

  /**
   * What the provider vouches for and how: `TrustProvider.iamIdentityCenter()`, `TrustProvider.oidc({...})`,
   * `TrustProvider.jamf({...})`, `TrustProvider.crowdStrike({...})` or `TrustProvider.jumpCloud({...})`.
   *
   * Changing the kind, or a device provider's options, replaces the trust provider; OIDC options update in place.
   */
  readonly provider: TrustProvider;

  /**
   * A description for the trust provider.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * A customer managed KMS key (symmetric) that Verified Access uses for a second layer of encryption of the data it
   * stores for this provider. The key's policy is extended so that Verified Access can use it on behalf of this account;
   * for an imported key, edit its policy yourself (synth warns).
   *
   * @default - an AWS owned key
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Accept client secrets that resolve to a plain-text string (e.g. `SecretValue.unsafePlainText(...)`, or a
   * `{{resolve:ssm:...}}` reference to a plain String parameter) or to a CloudFormation parameter without `NoEcho`.
   * The secret is then readable by anyone who can read the template, the cloud assembly or the stack in the
   * CloudFormation console. Synth warns when this is used, and the `TrustedIdentityChecks` aspect reports a literal
   * secret in the template as an error unless acknowledged.
   *
   * @default false - a client secret must be a Secrets Manager dynamic reference (or a `NoEcho` parameter)
   */
  readonly allowPlainTextSecret?: boolean;

  /**
   * What happens to the trust provider when it is removed from the stack or the stack is deleted.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Tags for the trust provider (at most 50, counting tags applied with `Tags.of()`).
   *
   * @default - no tags other than those applied with `Tags.of()`
   */
  readonly tags?: { [key: string]: string };
}

/** What imported and created trust providers share. */
abstract class VerifiedAccessTrustProviderBase extends Resource implements IVerifiedAccessTrustProvider {
  public abstract readonly verifiedAccessTrustProviderId: string;
  public abstract readonly policyReferenceName: string;

  /** `arn:<partition>:ec2:<region>:<account>:verified-access-trust-provider/<id>` (the schema's ARN template). */
  public get verifiedAccessTrustProviderArn(): string {
    return Stack.of(this).formatArn({ service: 'ec2', resource: 'verified-access-trust-provider', resourceName: this.verifiedAccessTrustProviderId });
  }

  /** A reference to this trust provider for aws-cdk-lib APIs that take an `ec2.IVerifiedAccessTrustProviderRef`. */
  public get verifiedAccessTrustProviderRef(): ec2.VerifiedAccessTrustProviderReference {
    return { verifiedAccessTrustProviderId: this.verifiedAccessTrustProviderId };
  }
}

/**
 * An AWS Verified Access trust provider, backed by the native `AWS::EC2::VerifiedAccessTrustProvider` (no custom
 * resource).
 *
 * Validates the policy reference name, endpoints, client secrets, description and tags at synth time, renders client
 * secrets only as CloudFormation dynamic references, and grants Verified Access the use of a customer managed key.
 *
 * @resource AWS::EC2::VerifiedAccessTrustProvider
 */
export class VerifiedAccessTrustProvider extends VerifiedAccessTrustProviderBase {
  /**
   * Imports an existing trust provider. Give `policyReferenceName` if policies built in this app need it.
   */
  public static fromVerifiedAccessTrustProviderAttributes(
    scope: Construct,
    id: string,
    attrs: VerifiedAccessTrustProviderAttributes,
  ): IVerifiedAccessTrustProvider {
    const at = 'VerifiedAccessTrustProvider.fromVerifiedAccessTrustProviderAttributes';
    requireStruct(at, 'attrs', attrs, 'VerifiedAccessTrustProviderAttributes, an object with verifiedAccessTrustProviderId');
    requireString(at, 'verifiedAccessTrustProviderId', attrs.verifiedAccessTrustProviderId, 'the ID of the trust provider, "vatp-..."');
    requireString(at, 'policyReferenceName', attrs.policyReferenceName, 'the provider\'s policy reference name', { optional: true });
    const imported = new ImportedVerifiedAccessTrustProvider(scope, id, attrs);
    // The EC2 model gives the ID no pattern; EC2 IDs are the prefix and hexadecimal digits. A wrong literal would
    // otherwise fail only at deploy, in the first resource that names it.
    const providerId = attrs.verifiedAccessTrustProviderId;
    if (!Token.isUnresolved(providerId) && !/^vatp-[0-9a-f]+$/.test(providerId)) {
      fail(imported, 'verifiedAccessTrustProviderId', providerId, 'must be a Verified Access trust provider ID, "vatp-" and hexadecimal digits (e.g. "vatp-0123456789abcdef0")');
    }
    if (attrs.policyReferenceName !== undefined) checkPolicyReferenceName(imported, attrs.policyReferenceName);
    return imported;
  }

  /** The key under which Verified Access policies read this provider's claims: `context.<policyReferenceName>`. */
  public readonly policyReferenceName: string;

  /** Whether the provider vouches for users or devices. */
  public readonly trustProviderType: TrustProviderType;

  /** The kind of user-identity provider, for user providers. */
  public readonly userTrustProviderType?: UserTrustProviderType;

  /** The kind of device-identity provider, for device providers. */
  public readonly deviceTrustProviderType?: DeviceTrustProviderType;

  private readonly resource: ec2.CfnVerifiedAccessTrustProvider;
  private idAttribute?: string;

  constructor(scope: Construct, id: string, props: VerifiedAccessTrustProviderProps) {
    super(scope, id);

    requireStruct(this, 'props', props, 'VerifiedAccessTrustProviderProps, an object with policyReferenceName and provider');
    requireString(this, 'policyReferenceName', props.policyReferenceName, 'the identifier Verified Access policies use for this provider\'s claims, a Cedar identifier such as "idp"');
    requireInstanceOf(this, 'provider', props.provider, TrustProvider,
      'TrustProvider.iamIdentityCenter(), TrustProvider.oidc({...}), TrustProvider.jamf({...}), TrustProvider.crowdStrike({...}) or TrustProvider.jumpCloud({...})');
    requireString(this, 'description', props.description, 'a description of the trust provider', { optional: true });
    requireResource(this, 'encryptionKey', props.encryptionKey, { kind: 'a kms.IKey', attributes: ['keyArn'], methods: ['addToResourcePolicy'] },
      'a customer managed KMS key, e.g. new kms.Key(...) or kms.Key.fromKeyArn(...)', { optional: true });
    requireBoolean(this, 'allowPlainTextSecret', props.allowPlainTextSecret, 'whether client secrets may resolve to plain text', { optional: true });
    requireEnum(this, 'removalPolicy', props.removalPolicy, RemovalPolicy, 'RemovalPolicy', { optional: true, literal: true });
    requireStringMap(this, 'tags', props.tags, 'tag values by key, e.g. { team: "identity" }', { optional: true });
    checkPolicyReferenceName(this, props.policyReferenceName);
    checkString(this, 'description', props.description, cfnConstraint(`${TYPE}:Description`));
    checkTagsProp(this, 'tags', props.tags, EC2_TAGS);
    const allowPlainTextSecret = props.allowPlainTextSecret ?? false;
    const r = props.provider._render(this, { allowPlainTextSecret });

    this.resource = new ec2.CfnVerifiedAccessTrustProvider(this, 'Resource', {
      policyReferenceName: props.policyReferenceName,
      trustProviderType: r.trustProviderType,
      userTrustProviderType: r.userTrustProviderType,
      deviceTrustProviderType: r.deviceTrustProviderType,
      oidcOptions: r.oidcOptions,
      nativeApplicationOidcOptions: r.nativeApplicationOidcOptions,
      deviceOptions: r.deviceOptions,
      description: props.description,
      sseSpecification: props.encryptionKey
        ? { customerManagedKeyEnabled: true, kmsKeyArn: props.encryptionKey.keyArn }
        : undefined,
    });
    if (props.removalPolicy) {
      this.resource.applyRemovalPolicy(props.removalPolicy);
    }
    for (const [k, v] of Object.entries(props.tags ?? {})) {
      Tags.of(this).add(k, v);
    }
    if (props.encryptionKey) {
      grantVerifiedAccessKeyUse(this, props.encryptionKey);
    }

    this.policyReferenceName = props.policyReferenceName;
    this.trustProviderType = props.provider.trustProviderType;
    this.userTrustProviderType = props.provider.userTrustProviderType;
    this.deviceTrustProviderType = props.provider.deviceTrustProviderType;

    // Tags applied later with Tags.of() count too: checked once all aspects have run.
    checkTagsAtSynth(this, 'tags', props.tags, EC2_TAGS, () => this.resource.tags.tagValues());
  }

  /**
   * The ID of the trust provider (`vatp-...`).
   *
   * @attribute
   */
  public get verifiedAccessTrustProviderId(): string {
    // Created on first read, so that a stack of many providers does not pay for tokens nobody reads.
    this.idAttribute ??= this.resource.attrVerifiedAccessTrustProviderId;
    return this.idAttribute;
  }
}

class ImportedVerifiedAccessTrustProvider extends VerifiedAccessTrustProviderBase {
  public readonly verifiedAccessTrustProviderId: string;
  private readonly knownPolicyReferenceName?: string;

  constructor(scope: Construct, id: string, attrs: VerifiedAccessTrustProviderAttributes) {
    super(scope, id);
    this.verifiedAccessTrustProviderId = attrs.verifiedAccessTrustProviderId;
    this.knownPolicyReferenceName = attrs.policyReferenceName;
  }

  public get policyReferenceName(): string {
    if (this.knownPolicyReferenceName === undefined) {
      throw new TrustedIdentityValidationError(this, 'policyReferenceName is unknown: pass it to VerifiedAccessTrustProvider.fromVerifiedAccessTrustProviderAttributes() to build policies that read this provider\'s claims');
    }
    return this.knownPolicyReferenceName;
  }
}

/**
 * The policy reference name is how Cedar policies reach the provider's claims: `context.<name>.<claim>` (Verified Access
 * user guide, "Trust data": "if you configure the policy reference name as idp123, the context key will be
 * context.idp123"). CloudFormation and the API accept any string, but only a Cedar identifier can follow the dot.
 */
function checkPolicyReferenceName(scope: IConstruct, name: string): void {
  if (Token.isUnresolved(name)) return;
  const why = 'Verified Access policies read this provider\'s claims as context.<policyReferenceName>';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    const example = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_') || 'idp';
    fail(scope, 'policyReferenceName', name, `must be a Cedar identifier (letters, digits and "_", not starting with a digit): ${why}, and context.${name} is not valid Cedar, so the name deploys but no policy can refer to it with dot notation. Use e.g. "${example}"`);
  }
  if (CEDAR_RESERVED.includes(name)) {
    fail(scope, 'policyReferenceName', name, `is a word Cedar reserves (${CEDAR_RESERVED.join(', ')}): ${why}, and context.${name} does not parse`);
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

/**
 * Lets Verified Access use the key for this account's resources. The Verified Access user guide ("Data encryption at
 * rest" → "Using customer managed keys with Verified Access", https://docs.aws.amazon.com/verified-access/latest/ug/encryption-at-rest.html)
 * gives one statement: `kms:DescribeKey`, `kms:CreateGrant`, `kms:GenerateDataKey` and `kms:Decrypt` for principal `*`
 * narrowed to principals of this account (`kms:CallerAccount`) calling through Verified Access in this region
 * (`kms:ViaService: verified-access.<region>.amazonaws.com`); Verified Access then works through grants it creates
 * ("How AWS Verified Access uses grants in AWS KMS"). We tighten it: `kms:CreateGrant` is a statement of its own that
 * also requires `kms:GrantIsForAWSResource: true` ("Allows principals to call CreateGrant, ListGrants, or RevokeGrant
 * only when an AWS service that is integrated with AWS KMS sends the request on the principal's behalf", AWS KMS
 * developer guide, "Controlling access to grants"), so nobody in the account can mint a grant on the key by calling
 * KMS directly. No `kms:EncryptionContext:` condition: one naming this provider's id would make the key policy depend on
 * the provider that depends on the key (a circular dependency), and the copies of the guide we could read do not show
 * which encryption context key Verified Access sends (unverified). Naming the account root instead of `*` would add
 * nothing to a key whose default policy already delegates to IAM. In a key policy `Resource: "*"` means "this key".
 */
function grantVerifiedAccessKeyUse(scope: Construct, key: kms.IKey): void {
  const stack = Stack.of(scope);
  const viaVerifiedAccess = {
    'kms:ViaService': `verified-access.${stack.region}.amazonaws.com`,
    'kms:CallerAccount': stack.account,
  };
  const statements = [
    new iam.PolicyStatement({
      actions: ['kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Decrypt'],
      principals: [new iam.AnyPrincipal()],
      resources: ['*'],
      conditions: { StringEquals: viaVerifiedAccess },
    }),
    new iam.PolicyStatement({
      actions: ['kms:CreateGrant'],
      principals: [new iam.AnyPrincipal()],
      resources: ['*'],
      conditions: { StringEquals: viaVerifiedAccess, Bool: { 'kms:GrantIsForAWSResource': true } },
    }),
  ];
  const added = statements.map(st => key.addToResourcePolicy(st, /* allowNoOp */ true).statementAdded);
  if (!added.every(a => a)) {
    warn(scope, 'verifiedAccessImportedKey', 'encryptionKey is imported, so its key policy cannot be changed here: allow kms:DescribeKey, kms:GenerateDataKey and kms:Decrypt, and kms:CreateGrant with kms:GrantIsForAWSResource "true", to this account (kms:CallerAccount) with kms:ViaService "verified-access.<region>.amazonaws.com" in the key\'s policy yourself, or the deploy fails.');
  }
}
