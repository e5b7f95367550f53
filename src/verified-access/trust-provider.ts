import { IResource, RemovalPolicy, Resource, Stack, Tags, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IConstruct } from 'constructs';
import { TrustProvider, TrustProviderType, UserTrustProviderType, DeviceTrustProviderType } from './providers';
import { requireBoolean, requireEnum, requireInstanceOf, requireResource, requireString, requireStringMap, requireStruct } from '../private/required';
import { checkTags, TagRules } from '../private/tags';
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

/**
 * Words Cedar reserves: they are not identifiers, so `context.<word>` does not parse (Cedar language reference,
 * grammar: `IDENT ::= ['_''a'-'z''A'-'Z']['_''a'-'z''A'-'Z''0'-'9']* - RESERVED`).
 */
const CEDAR_RESERVED = ['true', 'false', 'if', 'then', 'else', 'in', 'is', 'like', 'has', '__cedar'];

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
    // The resource is missing only if construction failed after this line (a caught error): nothing to check then.
    checkTags(this, 'tags', props.tags, EC2_TAGS, () => this.resource?.tags.tagValues());
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

/**
 * Lets Verified Access use the key for this account's resources: the user guide's key policy, for this account
 * through Verified Access in this region, with `kms:CreateGrant` in a statement of its own that also requires
 * `kms:GrantIsForAWSResource`. Sources and why: docs/design/verified-access-kms-key.md
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
