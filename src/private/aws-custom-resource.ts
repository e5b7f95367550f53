import { CfnResource, CustomResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsCustomResource, AwsSdkCall, Logging } from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeNag, nagFinding } from './acknowledgements';

/**
 * Construct id (under the stack) of the Lambda function that every `AwsCustomResource` of a stack shares:
 * `SingletonFunction` names it `lambdaPurpose` ("AWS") + the uuid without dashes.
 */
const PROVIDER_FUNCTION_ID = `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/[^a-zA-Z0-9]/g, '')}`;

/** Construct id (under the stack) of the library's shared role/policy. Public contract: it names two resources. */
const SHARED_ID = 'TrustedIdentityCustomResourceRole';

/**
 * The kinds of fallback resources: each kind has its own inline policy on the shared role, present only while the
 * stack contains a resource of that kind, and every custom resource depends on its kind's policy.
 * Why: docs/design/custom-resource-permissions.md
 */
export enum PermissionKind {
  /** Trusted token issuers (`CUSTOM_RESOURCE`) and their tags. */
  ISSUER = 'Issuer',
  /** Application configuration: assignment configuration, grants, access scopes, the IAM authentication method. */
  APPLICATION = 'Application',
  /** User background sessions of applications that set `userBackgroundSessions`. */
  SESSION = 'Session',
}

/**
 * The execution role of the stack's singleton `AwsCustomResource` Lambda function and one inline policy per
 * `PermissionKind` for the fallback resources of this library in the stack. Each resource declares its statements
 * under a key, added once, so the policies grow with the distinct keys, not the resources.
 * Why (IAM's 10,240-character limit): docs/design/custom-resource-permissions.md
 */
export class SharedCustomResourceRole extends Construct {
  /** The singleton of the stack of `scope`. */
  public static of(scope: IConstruct): SharedCustomResourceRole {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(SHARED_ID) as SharedCustomResourceRole | undefined;
    return existing ?? new SharedCustomResourceRole(stack, SHARED_ID);
  }

  /** The role the singleton function runs with. */
  public readonly role: iam.IRole;
  private readonly policies = new Map<PermissionKind, iam.Policy>();
  private readonly keys = new Set<string>();

  private constructor(scope: Stack, id: string) {
    super(scope, id);
    // If an AwsCustomResource of the app created the singleton function before us, it already has a role and ours
    // would be ignored: attach the policy to that role instead of creating an unused one.
    const fn = scope.node.tryFindChild(PROVIDER_FUNCTION_ID) as lambda.Function | undefined;
    if (fn?.role) {
      this.role = fn.role;
    } else {
      const basicExecution = iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole');
      const role = new iam.Role(this, 'Role', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        managedPolicies: [basicExecution],
      });
      acknowledgeNag(role.node.defaultChild as CfnResource, 'AwsSolutions-IAM4',
        'AWSLambdaBasicExecutionRole only lets the custom-resource function write its own CloudWatch logs; the log group is named after the function, which depends on this role, so a scoped inline statement would be circular.',
        [nagFinding(role, 'Policy', basicExecution.managedPolicyArn)]);
      this.role = role;
    }
  }

  /** The policy of `kind` (construct id `<Kind>Policy`), made when the first resource of that kind is. */
  public policy(kind: PermissionKind): iam.Policy {
    let policy = this.policies.get(kind);
    if (!policy) {
      policy = new iam.Policy(this, `${kind}Policy`, { roles: [this.role] });
      this.policies.set(kind, policy);
    }
    return policy;
  }

  /**
   * Adds the statements of `permission` to the policy of `kind` unless statements were already added there under its
   * key. Every resource ARN with a wildcard in them is acknowledged for cdk-nag's AwsSolutions-IAM5 with its
   * `wildcardReason`, finding by finding: a wildcard that anyone else adds to the policy is still reported.
   */
  public addPermission(kind: PermissionKind, permission: FallbackPermission): void {
    const { statements, wildcardReason } = permission;
    const key = `${kind} ${permission.key}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    const added = statements();
    const target = this.policy(kind);
    target.addStatements(...added);
    const wildcards = added.flatMap(s => s.resources).filter(r => r.includes('*'));
    if (wildcards.length === 0) return;
    if (wildcardReason === undefined) {
      throw new Error(`internal: permission ${key} has wildcard resources (${wildcards.join(', ')}) but no wildcardReason`);
    }
    const policy = target.node.defaultChild as CfnResource;
    acknowledgeNag(policy, 'AwsSolutions-IAM5', wildcardReason, wildcards.map(r => nagFinding(policy, 'Resource', r)));
  }
}

/** Permissions of one fallback resource: statements de-duplicated per stack and kind by `key`. */
export interface FallbackPermission {
  /** Resources with the same key share the statements (e.g. `sso:trustedTokenIssuer:<instance ARN>`). */
  readonly key: string;
  /** Built only the first time the key is seen. */
  readonly statements: () => iam.PolicyStatement[];
  /**
   * Why the wildcard resources of those statements are needed (acknowledged for cdk-nag's AwsSolutions-IAM5); required
   * when a statement has one.
   */
  readonly wildcardReason?: string;
}

/** Properties of `fallbackResource`. */
export interface FallbackResourceProps {
  /** `Custom::<Name>`. */
  readonly resourceType: string;
  /** The policy that carries `permissions`, and that the resource depends on. */
  readonly kind: PermissionKind;
  readonly onCreate?: AwsSdkCall;
  readonly onUpdate?: AwsSdkCall;
  readonly onDelete?: AwsSdkCall;
  readonly permissions: FallbackPermission[];
  /** @default - CloudFormation's default (delete) */
  readonly removalPolicy?: RemovalPolicy;
}

/** A fallback resource and its inner CloudFormation custom resource. */
export interface FallbackResource {
  readonly construct: AwsCustomResource;
  /** Read identifiers from here (`.ref` is the physical id), not from `getResponseField`. */
  readonly resource: CustomResource;
  readonly cfnResource: CfnResource;
}

/**
 * The one way this library makes an `AwsCustomResource`: `installLatestAwsSdk: false` (the Lambda runtime's SDK is
 * used; no npm install at deploy time), the given `Custom::` type, API responses kept out of the logs, the stack's
 * shared role, its kind's policy, and no per-resource policy.
 */
export function fallbackResource(scope: Construct, id: string, props: FallbackResourceProps): FallbackResource {
  const shared = SharedCustomResourceRole.of(scope);
  for (const p of props.permissions) shared.addPermission(props.kind, p);
  const hidden = (call: AwsSdkCall | undefined) => (call ? { logging: Logging.withDataHidden(), ...call } : undefined);
  const construct = new AwsCustomResource(scope, id, {
    resourceType: props.resourceType,
    installLatestAwsSdk: false,
    role: shared.role,
    onCreate: hidden(props.onCreate),
    onUpdate: hidden(props.onUpdate),
    onDelete: hidden(props.onDelete),
    removalPolicy: props.removalPolicy,
  });
  // Permissions must exist before the first call and until the last one (CloudFormation deletes in reverse order).
  construct.node.addDependency(shared.policy(props.kind));
  const fn = Stack.of(scope).node.tryFindChild(PROVIDER_FUNCTION_ID) as lambda.Function | undefined;
  if (fn) {
    acknowledgeNag(fn.node.defaultChild as CfnResource, 'AwsSolutions-L1',
      'The singleton function of aws-cdk-lib\'s AwsCustomResource: aws-cdk-lib chooses its runtime (the newest Node.js it supports), not this library.');
  }
  const resource = construct.node.defaultChild as CustomResource;
  return { construct, resource, cfnResource: resource.node.defaultChild as CfnResource };
}
