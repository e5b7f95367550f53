import {
  AspectPriority, Aspects, CfnResource, IResource, ITaggableV2, Lazy, Names, RemovalPolicy, Resource, Stack, TagManager, TagType, Token,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSdkCall, PhysicalResourceId, PhysicalResourceIdReference } from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { TrustedTokenIssuerConfiguration } from './issuer-configuration';
import { acknowledgeNewerType } from '../private/acknowledgements';
import { checkImportedArn, instanceArnOfChild, partitionOf, resourcePathOf, SSO_ARN_EXPECTED, ssoChildrenArn } from '../private/arn';
import { fallbackResource, FallbackPermission, PermissionKind } from '../private/aws-custom-resource';
import { createOnlyValues, SSO_TRUSTED_TOKEN_ISSUER } from '../private/cfn-types';
import { expressionHash } from '../private/hash';
import { RenderedTrustedTokenIssuerConfiguration } from '../private/rendered';
import {
  requireEnum, requireGrantable, requireInstanceOf, requireString, requireStringList, requireStringMap, requireStruct,
} from '../private/required';
import { issuerCleanupPermission } from '../private/sso-cleanup';
import { checkStrictest, strictestConstraint, strictestTagLimits } from '../private/strictest';
import { checkTags, TagRules } from '../private/tags';
import { apiConstraint, checkString, fail, warn } from '../private/validation';

const CREATE = 'sso-admin:CreateTrustedTokenIssuer';
const SERVICE = 'SSOAdmin';
const RESOURCE_TYPE = 'Custom::TrustedTokenIssuer';
const TAG_RESOURCE_TYPE = 'Custom::TrustedTokenIssuerTag';
/** The guide's section for stacks that hold a custom-resource issuer (linked from the fallback's warning). */
const MIGRATION_DOC = 'https://github.com/cdk-trusted-identity/cdk-trusted-identity/blob/main/docs/trusted-token-issuer.md#migrating-a-custom-resource-issuer-to-the-native-type';
/** Never blocks a delete: the issuer (or its tag) is already gone, which is what a delete wants. */
const NOT_FOUND = 'ResourceNotFoundException';


const INSTANCE_ARN_EXPECTED = SSO_ARN_EXPECTED.instance;
const ISSUER_ARN_EXPECTED = SSO_ARN_EXPECTED.trustedTokenIssuer;

/** Runs after every `Tags.of()` aspect (priority MUTATING = 200, or DEFAULT = 500 without the priorities flag). */
const RENDER_TAGS_PRIORITY = AspectPriority.DEFAULT + 100;
/** The tag rules of each implementation and the name's constraint, the same for every issuer: looked up once. */
const TAG_LIMITS = strictestTagLimits(SSO_TRUSTED_TOKEN_ISSUER.type);
const NATIVE_TAG_RULES: TagRules = { resourceType: SSO_TRUSTED_TOKEN_ISSUER.type, limits: TAG_LIMITS };
const CUSTOM_RESOURCE_TAG_RULES: TagRules = { resourceType: RESOURCE_TYPE, limits: TAG_LIMITS };
const NAME_CONSTRAINT = strictestConstraint(SSO_TRUSTED_TOKEN_ISSUER.type, 'Name');

/**
 * How a `TrustedTokenIssuer` is deployed.
 */
export enum TrustedTokenIssuerImplementation {
  /**
   * The native CloudFormation resource `AWS::SSO::TrustedTokenIssuer`: no Lambda function, no IAM role; CloudFormation
   * owns create, update, replacement, tags, drift detection and `cdk import`.
   */
  CLOUDFORMATION = 'CLOUDFORMATION',

  /**
   * An `AwsCustomResource` (`Custom::TrustedTokenIssuer`, one `Custom::TrustedTokenIssuerTag` per tag key) that calls
   * the SSO Admin API. For partitions and regions where `AWS::SSO::TrustedTokenIssuer` is not available yet, and for
   * stacks that already hold issuers deployed this way (switching replaces the issuer: see the migration
   * section of docs/trusted-token-issuer.md).
   */
  CUSTOM_RESOURCE = 'CUSTOM_RESOURCE',
}

/**
 * An IAM Identity Center trusted token issuer.
 */
export interface ITrustedTokenIssuer extends IResource {
  /**
   * The ARN of the trusted token issuer.
   *
   * @attribute
   */
  readonly trustedTokenIssuerArn: string;

  /**
   * The ARN of the Identity Center instance the issuer belongs to.
   *
   * @attribute
   */
  readonly instanceArn: string;

  /**
   * Grants `actions` (e.g. `sso:DescribeTrustedTokenIssuer`) on this issuer to `grantee`.
   */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;

  /**
   * Grants `sso:DescribeTrustedTokenIssuer` on this issuer to `grantee`.
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;
}

/**
 * Properties of a `TrustedTokenIssuer`.
 */
export interface TrustedTokenIssuerProps {
  /**
   * The ARN of the IAM Identity Center instance, `arn:<partition>:sso:::instance/ssoins-<16 characters>`.
   *
   * Changing it replaces the trusted token issuer.
   */
  readonly instanceArn: string;

  /**
   * The name of the trusted token issuer: 1-255 letters, digits and `_ + = , . @ -`.
   *
   * Changing it updates the issuer in place. If you set it and change `instanceArn` or `issuerUrl`, change the name
   * too: the replacement issuer is created before the old one is deleted.
   *
   * @default - a name generated from the construct path and the create-only values (unique, stable across deploys)
   */
  readonly trustedTokenIssuerName?: string;

  /**
   * The configuration of the issuer, e.g. `TrustedTokenIssuerConfiguration.oidcJwt({...})`.
   */
  readonly configuration: TrustedTokenIssuerConfiguration;

  /**
   * Tags for the issuer (at most 75, counting tags applied with `Tags.of()`).
   *
   * @default - no tags other than those applied with `Tags.of()`
   */
  readonly tags?: { [key: string]: string };

  /**
   * What happens to the issuer when it is removed from the stack or the stack is deleted.
   * `RETAIN` leaves the issuer in Identity Center (with `CUSTOM_RESOURCE`, the tags managed by the stack are removed).
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * How the issuer is deployed: the native `AWS::SSO::TrustedTokenIssuer` resource, or the `AwsCustomResource`
   * fallback for partitions and regions that do not have that type yet. Changing it on a deployed stack replaces the
   * issuer, which Identity Center rejects while the old one exists (one issuer per URL per instance): follow the
   * migration section of docs/trusted-token-issuer.md.
   *
   * @default TrustedTokenIssuerImplementation.CLOUDFORMATION
   */
  readonly implementation?: TrustedTokenIssuerImplementation;
}

abstract class TrustedTokenIssuerBase extends Resource implements ITrustedTokenIssuer {
  public abstract readonly trustedTokenIssuerArn: string;
  public abstract readonly instanceArn: string;

  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    requireGrantable(this, 'grantee', grantee, 'the principal to grant to, e.g. a role or a Lambda function');
    requireStringList(this, 'actions', actions, 'IAM actions, e.g. "sso:DescribeTrustedTokenIssuer"');
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.trustedTokenIssuerArn] });
  }

  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, 'sso:DescribeTrustedTokenIssuer');
  }
}

/** Issuer URL + instance pairs per app (the app is the construct tree's root). */
const ISSUERS_BY_APP = new WeakMap<IConstruct, Map<string, IConstruct>>();

/**
 * An IAM Identity Center trusted token issuer: lets Identity Center accept JWTs of an external OpenID Connect
 * provider for trusted identity propagation.
 *
 * By default it is the native `AWS::SSO::TrustedTokenIssuer` resource: `Name`, the claim and identity-store attribute
 * paths, the JWKS retrieval option and tags update in place; a new `instanceArn` or `issuerUrl` replaces the issuer.
 *
 * With `implementation: TrustedTokenIssuerImplementation.CUSTOM_RESOURCE` it is an `AwsCustomResource`
 * (`Custom::TrustedTokenIssuer`) that behaves the same way: the custom resource's construct id is derived from the
 * create-only values, so CloudFormation creates a new issuer and then deletes the old one; tags are kept exactly as
 * declared by one `Custom::TrustedTokenIssuerTag` per tag key. All custom resources of the stack share one Lambda
 * function and one IAM policy (one pair of statements per Identity Center instance).
 *
 * @resource AWS::SSO::TrustedTokenIssuer
 */
export class TrustedTokenIssuer extends TrustedTokenIssuerBase implements ITaggableV2 {
  /**
   * Imports an existing trusted token issuer by ARN. The instance ARN is derived from the issuer ARN (token-safe).
   */
  public static fromTrustedTokenIssuerArn(scope: Construct, id: string, trustedTokenIssuerArn: string): ITrustedTokenIssuer {
    const at = 'TrustedTokenIssuer.fromTrustedTokenIssuerArn';
    requireString(at, 'trustedTokenIssuerArn', trustedTokenIssuerArn, ISSUER_ARN_EXPECTED);
    // What the API accepts: an ARN it rejects would fail only at deploy, in the first grant that names it.
    checkImportedArn(at, 'trustedTokenIssuerArn', trustedTokenIssuerArn, apiConstraint('sso-admin:DescribeTrustedTokenIssuer', 'TrustedTokenIssuerArn'), ISSUER_ARN_EXPECTED);
    const instanceArn = instanceArnOfChild(scope, 'trustedTokenIssuerArn', trustedTokenIssuerArn, 'trustedTokenIssuer');
    class Import extends TrustedTokenIssuerBase {
      public readonly trustedTokenIssuerArn = trustedTokenIssuerArn;
      public readonly instanceArn = instanceArn;
    }
    // The issuer's account (possibly not the stack's) is the one in its ARN.
    return new Import(scope, id, { environmentFromArn: trustedTokenIssuerArn });
  }

  /**
   * The ARN of the trusted token issuer (`Fn::GetAtt TrustedTokenIssuerArn`; with `CUSTOM_RESOURCE`, the custom
   * resource's physical id).
   *
   * @attribute
   */
  public get trustedTokenIssuerArn(): string {
    return this.arn();
  }

  /**
   * The name of the trusted token issuer.
   *
   * @attribute
   */
  public readonly trustedTokenIssuerName: string;

  /**
   * The ARN of the Identity Center instance.
   *
   * @attribute
   */
  public readonly instanceArn: string;

  /**
   * How the issuer is deployed.
   */
  public readonly implementation: TrustedTokenIssuerImplementation;

  /**
   * Tags of the issuer (`Tags.of()` and the `tags` prop): the native resource's `Tags`; with `CUSTOM_RESOURCE`, one
   * `Custom::TrustedTokenIssuerTag` per key (adding a key tags the issuer, changing a value re-tags it, removing a key
   * untags it). Either way the issuer is not replaced.
   */
  public readonly cdkTagManager: TagManager;

  private tagsRendered = false;
  /**
   * The ARN's token, made on first use, as aws-cdk-lib's L2s do (`iam.OidcProviderNative`): an issuer that nothing
   * references does not pay for it. The same token string on every call (aws-cdk-lib caches the reference and its
   * string).
   */
  private readonly arn: () => string;

  constructor(scope: Construct, id: string, props: TrustedTokenIssuerProps) {
    super(scope, id);

    requireStruct(this, 'props', props, 'TrustedTokenIssuerProps, an object with instanceArn and configuration');
    requireString(this, 'instanceArn', props.instanceArn, INSTANCE_ARN_EXPECTED);
    requireString(this, 'trustedTokenIssuerName', props.trustedTokenIssuerName, 'the name of the issuer, 1-255 letters, digits and _ + = , . @ -', { optional: true });
    requireInstanceOf(this, 'configuration', props.configuration, TrustedTokenIssuerConfiguration,
      'the configuration of the issuer, TrustedTokenIssuerConfiguration.oidcJwt({ issuerUrl, claimAttributePath, identityStoreAttributePath })');
    requireStringMap(this, 'tags', props.tags, 'tag values by key, e.g. { team: "identity" }', { optional: true });
    requireEnum(this, 'removalPolicy', props.removalPolicy, RemovalPolicy, 'RemovalPolicy', { optional: true, literal: true });
    requireEnum(this, 'implementation', props.implementation, TrustedTokenIssuerImplementation, 'TrustedTokenIssuerImplementation', { optional: true, literal: true });
    const tagRules = props.implementation === TrustedTokenIssuerImplementation.CUSTOM_RESOURCE ? CUSTOM_RESOURCE_TAG_RULES : NATIVE_TAG_RULES;

    checkString(this, 'instanceArn', props.instanceArn, apiConstraint(CREATE, 'InstanceArn'), { describe: INSTANCE_ARN_EXPECTED });
    checkStrictest(this, 'trustedTokenIssuerName', props.trustedTokenIssuerName, NAME_CONSTRAINT, {
      describe: '1-255 letters, digits and _ + = , . @ -',
    });
    // The tag manager is missing only if construction failed after this line (a caught error): nothing to check then.
    checkTags(this, 'tags', props.tags, tagRules, () => this.cdkTagManager?.tagValues());
    if (props.removalPolicy === RemovalPolicy.SNAPSHOT) {
      fail(this, 'removalPolicy', 'SNAPSHOT', 'must be DESTROY or RETAIN: a trusted token issuer has no snapshots');
    }
    const config = props.configuration._render(this);
    this.registerIssuerUrl(props.instanceArn, config.issuerUrl);

    // The values whose change replaces the issuer (the type's create-only properties): in the generated name, so that a
    // replacement never collides with the issuer it replaces.
    const createOnly = createOnlyValues(SSO_TRUSTED_TOKEN_ISSUER, {
      InstanceArn: props.instanceArn,
      TrustedTokenIssuerType: config.type,
      TrustedTokenIssuerConfiguration: config.create,
    });
    const hash = expressionHash(this, Object.values(createOnly));

    this.implementation = props.implementation ?? TrustedTokenIssuerImplementation.CLOUDFORMATION;
    this.instanceArn = props.instanceArn;
    this.trustedTokenIssuerName = props.trustedTokenIssuerName ?? `${Names.uniqueResourceName(this, { maxLength: 255 - 9, separator: '-' })}-${hash}`;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;

    if (this.implementation === TrustedTokenIssuerImplementation.CUSTOM_RESOURCE) {
      warn(this, 'nativeTypeAvailable', `implementation CUSTOM_RESOURCE: CloudFormation now has the native type ${SSO_TRUSTED_TOKEN_ISSUER.type} (no Lambda function, no IAM role). Keep the custom resource only where that type is not available yet; to move a deployed issuer, see ${MIGRATION_DOC}`);
      for (const [prop, v] of Object.entries(createOnly)) {
        if (Token.isUnresolved(v)) {
          warn(this, 'createOnlyToken', `${prop} is a token: the issuer is replaced when its CloudFormation expression changes, not when only its deployed value does (e.g. a new parameter value or a replaced user pool).`);
        }
      }
      this.cdkTagManager = new TagManager(TagType.MAP, RESOURCE_TYPE, props.tags);
      const issuer = this.renderCustomResource(hash, config, removalPolicy);
      this.node.defaultChild = issuer.cfnResource;
      this.arn = () => issuer.resource.ref;
    } else {
      // A standard (CfnTag list) tag manager takes its initial tags as {key, value} pairs.
      const initialTags = Object.entries(props.tags ?? {}).map(([key, value]) => ({ key, value }));
      this.cdkTagManager = new TagManager(TagType.STANDARD, SSO_TRUSTED_TOKEN_ISSUER.type, initialTags);
      const issuer = new CfnTrustedTokenIssuerResource(this, 'Resource', {
        InstanceArn: props.instanceArn,
        Name: this.trustedTokenIssuerName,
        TrustedTokenIssuerType: config.type,
        TrustedTokenIssuerConfiguration: config.create,
      }, this.cdkTagManager);
      issuer.applyRemovalPolicy(removalPolicy);
      acknowledgeNewerType(issuer);
      this.node.defaultChild = issuer;
      this.arn = () => issuer.getAtt(SSO_TRUSTED_TOKEN_ISSUER.arnAttribute).toString();
    }
  }

  /**
   * The `CUSTOM_RESOURCE` implementation: the issuer (construct id `Resource-<hash of the create-only values>`) and,
   * once `Tags.of()` aspects have run, one tag resource per key.
   */
  private renderCustomResource(hash: string, config: RenderedTrustedTokenIssuerConfiguration, removalPolicy: RemovalPolicy) {
    const permission = issuerPermission(this, this.instanceArn);
    const retain = removalPolicy === RemovalPolicy.RETAIN;
    const issuer = fallbackResource(this, `Resource-${hash}`, {
      resourceType: RESOURCE_TYPE,
      kind: PermissionKind.ISSUER,
      onCreate: {
        service: SERVICE,
        action: 'CreateTrustedTokenIssuer',
        parameters: {
          InstanceArn: this.instanceArn,
          Name: this.trustedTokenIssuerName,
          TrustedTokenIssuerType: config.type,
          TrustedTokenIssuerConfiguration: config.create,
          Tags: Lazy.any({ produce: () => renderTagList(this.cdkTagManager.tagValues()) }),
        },
        physicalResourceId: PhysicalResourceId.fromResponse('TrustedTokenIssuerArn'),
      },
      onUpdate: {
        service: SERVICE,
        action: 'UpdateTrustedTokenIssuer',
        parameters: {
          TrustedTokenIssuerArn: new PhysicalResourceIdReference(),
          Name: this.trustedTokenIssuerName,
          TrustedTokenIssuerConfiguration: config.update,
        },
      },
      onDelete: retain ? undefined : {
        service: SERVICE,
        action: 'DeleteTrustedTokenIssuer',
        parameters: { TrustedTokenIssuerArn: new PhysicalResourceIdReference() },
        ignoreErrorCodesMatching: NOT_FOUND,
      },
      permissions: [permission, issuerCleanupPermission(this)],
      removalPolicy,
    });

    // Tags applied with Tags.of() are known only once their aspects ran: the tag resources are made after them.
    Aspects.of(this).add({
      visit: (node: IConstruct) => { if (node === this) this.renderTagResources(issuer.resource.ref, permission); },
    }, { priority: RENDER_TAGS_PRIORITY });
    return issuer;
  }

  /** One child per tag key: create/update → TagResource of that key, delete → UntagResource of that key. */
  private renderTagResources(issuerArn: string, permission: FallbackPermission): void {
    if (this.tagsRendered) return;
    this.tagsRendered = true;
    for (const [key, value] of Object.entries(this.cdkTagManager.tagValues())) {
      if (Token.isUnresolved(key)) {
        fail(this, 'tags key', key, 'must be a literal string: each tag key names a child resource');
      }
      const target = { InstanceArn: this.instanceArn, ResourceArn: issuerArn };
      const tag: AwsSdkCall = {
        service: SERVICE,
        action: 'TagResource',
        parameters: { ...target, Tags: [{ Key: key, Value: value }] },
        // Constant per key: a new value is an update of the same tag, never a replacement (which would untag).
        physicalResourceId: PhysicalResourceId.of(key),
      };
      fallbackResource(this, `Tag[${key.replace(/\//g, '|')}]`, {
        resourceType: TAG_RESOURCE_TYPE,
        kind: PermissionKind.ISSUER,
        onCreate: tag,
        onUpdate: tag,
        onDelete: {
          service: SERVICE,
          action: 'UntagResource',
          parameters: { ...target, TagKeys: [key] },
          ignoreErrorCodesMatching: NOT_FOUND,
        },
        permissions: [permission, issuerCleanupPermission(this)],
      });
    }
  }

  /** Identity Center allows one issuer per issuer URL per instance: two in one app are an error. */
  private registerIssuerUrl(instanceArn: string, issuerUrl: string): void {
    if (Token.isUnresolved(instanceArn) || Token.isUnresolved(issuerUrl)) return;
    const root = this.node.root;
    const seen = ISSUERS_BY_APP.get(root) ?? new Map<string, IConstruct>();
    ISSUERS_BY_APP.set(root, seen);
    const key = `${instanceArn} ${issuerUrl}`;
    const other = seen.get(key);
    if (other !== undefined) {
      fail(this, 'issuerUrl', issuerUrl, `is already used by ${other.node.path} for instance ${instanceArn}: Identity Center allows one trusted token issuer per issuer URL per instance`);
    }
    seen.set(key, this);
  }
}

/** The issuer policy's statements for issuers of one Identity Center instance (added once per stack and instance). */
function issuerPermission(scope: IConstruct, instanceArn: string): FallbackPermission {
  return {
    key: `sso:trustedTokenIssuer:${instanceArn}`,
    wildcardReason: 'Trusted token issuer ids (tti-...) are generated by Identity Center when the issuer is created: the ARN is scoped to the account and the Identity Center instance, the issuer id cannot be known in advance.',
    statements: () => {
      const partition = partitionOf(instanceArn);
      const instanceId = resourcePathOf(scope, 'instanceArn', instanceArn, 'instance');
      const issuers = ssoChildrenArn(partition, Stack.of(scope).account, 'trustedTokenIssuer', instanceId);
      return [
        // The Service Authorization Reference lists both the instance and the (new) issuer as required resources.
        new iam.PolicyStatement({ actions: ['sso:CreateTrustedTokenIssuer'], resources: [instanceArn, issuers] }),
        // TagResource also authorizes the tags of CreateTrustedTokenIssuer. The delete-side calls are in the issuer
        // policy's cleanup statement (issuerCleanupPermission), which outlives this instance's statements.
        new iam.PolicyStatement({
          actions: ['sso:UpdateTrustedTokenIssuer', 'sso:TagResource'],
          resources: [issuers],
        }),
      ];
    },
  };
}

/**
 * The native issuer. Its `Tags` are rendered from the construct's tag manager when the template is made, as
 * aws-cdk-lib's L1s render theirs, in CloudFormation's `{Key, Value}` form: `CfnResource` passes properties through as
 * they are, and a `TagManager` renders CfnTag's `{key, value}`.
 */
class CfnTrustedTokenIssuerResource extends CfnResource {
  constructor(scope: Construct, id: string, private readonly issuerProperties: { [key: string]: any }, private readonly tagManager: TagManager) {
    super(scope, id, { type: SSO_TRUSTED_TOKEN_ISSUER.type, properties: issuerProperties });
  }

  protected get cfnProperties(): { [key: string]: any } {
    return { ...this.issuerProperties, Tags: renderTagList(this.tagManager.tagValues()) };
  }
}

function renderTagList(tags: { [key: string]: string }): Array<{ Key: string; Value: string }> | undefined {
  const entries = Object.entries(tags);
  return entries.length === 0 ? undefined : entries.map(([Key, Value]) => ({ Key, Value }));
}
