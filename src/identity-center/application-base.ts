import { Aws, Lazy, RemovalPolicy, Resource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sso from 'aws-cdk-lib/aws-sso';
import { AwsSdkCall, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';
import type { IIdentityCenterApplication } from './application';
import { ApplicationGrant } from './grants';
import { AccessScope, AccessScopeOptions } from './scopes';
import { ChildArnParts, partitionOf, resourcePathOf, SSO_ARN_FORMS, ssoChildrenArn } from '../private/arn';
import { fallbackResource, FallbackPermission, FallbackResource, PermissionKind } from '../private/aws-custom-resource';
import { GRANT_MEMBER } from '../private/grant-members';
import { requireGrantable, requireInstanceOf, requireString, requireStringList, requireStruct } from '../private/required';
import { applicationCleanupPermission, CleanupAccount } from '../private/sso-cleanup';
import { apiConstraint, cfnConstraint, checkList, checkString, fail, show, warn } from '../private/validation';

const SERVICE = 'SSOAdmin';
const PUT_GRANT = 'sso-admin:PutApplicationGrant';
const PUT_SCOPE = 'sso-admin:PutApplicationAccessScope';
/** Never blocks a delete: the application (or its grant, scope, method) is already gone, which is what a delete wants. */
const NOT_FOUND = 'ResourceNotFoundException';

/**
 * Grants, scopes, the authentication method and assignments: what both a new and an imported application can do.
 *
 * @internal a hidden base class: its members are part of `IdentityCenterApplication` and the imported applications
 */
export abstract class IdentityCenterApplicationBase extends Resource implements IIdentityCenterApplication {
  public abstract readonly applicationArn: string;
  public abstract readonly instanceArn: string;

  /**
   * Removal policy of the custom resources that configure the application (follows the application's).
   *
   * @internal
   */
  protected _configurationRemovalPolicy = RemovalPolicy.DESTROY;
  private readonly grantTypes = new Set<string>();
  private readonly scopes = new Set<string>();
  /**
   * Assigned principals, `USER:<id>` / `GROUP:<id>`.
   *
   * @internal
   */
  protected readonly _assignments = new Set<string>();
  private readonly actors: string[] = [];
  private authenticationMethod?: FallbackResource;
  /** The last configuration custom resource: the next one waits for it (one write at a time per application). */
  private lastConfiguration?: IConstruct;

  /**
   * Where the application lives (a new application: the stack's account, the instance's partition).
   *
   * @internal
   */
  public _owner(): ApplicationOwner {
    const instanceArn = this.instanceArn;
    return {
      key: instanceArn,
      cleanup: { key: 'stack', parts: () => ({ partition: Aws.PARTITION, account: Stack.of(this).account }) },
      parts: () => ({
        partition: partitionOf(instanceArn),
        account: Stack.of(this).account,
        instanceId: resourcePathOf(this, 'instanceArn', instanceArn, 'instance'),
      }),
    };
  }

  public addGrant(grant: ApplicationGrant): IConstruct {
    requireInstanceOf(this, 'grant', grant, ApplicationGrant,
      'ApplicationGrant.jwtBearer({...}), ApplicationGrant.authorizationCode({...}), ApplicationGrant.refreshToken() or ApplicationGrant.tokenExchange()');
    const id = `Grant[${GRANT_MEMBER[grant.grantType] ?? grant.grantType}]`;
    const rendered = grant._render(this);
    checkString(this, 'grantType', rendered.grantType, apiConstraint(PUT_GRANT, 'GrantType'));
    const members = Object.keys(rendered.grant);
    if (members.length !== 1 || members[0] !== GRANT_MEMBER[rendered.grantType]) {
      fail(this, 'grant', members, `must be exactly the ${JSON.stringify(GRANT_MEMBER[rendered.grantType])} body for grant type ${rendered.grantType}`);
    }
    if (this.grantTypes.has(rendered.grantType)) {
      fail(this, 'grantType', rendered.grantType, 'is already granted: an application has one grant per grant type (list every issuer in one jwtBearer grant)');
    }
    for (const issuer of rendered.issuers) this.checkSameInstance('trustedTokenIssuer', issuer.instanceArn);
    this.grantTypes.add(rendered.grantType);

    const key = { ApplicationArn: this.applicationArn, GrantType: rendered.grantType };
    const put: AwsSdkCall = {
      service: SERVICE,
      action: 'PutApplicationGrant',
      parameters: { ...key, Grant: rendered.grant },
      physicalResourceId: this.configurationId(`grant ${rendered.grantType}`),
    };
    const cr = this._configuration(id, 'Custom::IdentityCenterApplicationGrant', put, {
      service: SERVICE, action: 'DeleteApplicationGrant', parameters: key, ignoreErrorCodesMatching: NOT_FOUND,
    }, applicationPermission(this, 'Grant', ['sso:PutApplicationGrant']));
    // No explicit dependency on the issuers: the grant's calls reference each issuer's ARN (Ref or Fn::GetAtt of the
    // custom-resource or native issuer), so CloudFormation creates the grant after the issuer, updates it to a
    // replacement issuer's ARN before the old issuer is deleted, and deletes it before the issuer (an explicit
    // DependsOn would only repeat that: cfn-lint W3005). Imported issuers are literal ARNs with nothing to order.
    return cr.construct;
  }

  public addAccessScope(scope: AccessScope, options: AccessScopeOptions = {}): IConstruct {
    requireInstanceOf(this, 'scope', scope, AccessScope, 'an AccessScope constant such as AccessScope.STS_IDENTITY_CONTEXT, or AccessScope.custom(name)');
    requireStruct(this, 'options', options, 'AccessScopeOptions, e.g. { authorizedTargets: [...] }', { optional: true });
    requireStringList(this, 'authorizedTargets', options.authorizedTargets, 'Identity Center application or instance ARNs', { optional: true });
    checkString(this, 'scope', scope.name, apiConstraint(PUT_SCOPE, 'Scope'), {
      describe: 'one to three names of 1-50 letters, digits or "_" joined by ":", e.g. "sts:identity_context"',
    });
    const targets = options.authorizedTargets;
    checkList(this, 'authorizedTargets', targets, apiConstraint(PUT_SCOPE, 'AuthorizedTargets'), apiConstraint(PUT_SCOPE, 'AuthorizedTargets[]'), {
      describe: `an Identity Center application ARN (${SSO_ARN_FORMS.application}) or instance ARN (${SSO_ARN_FORMS.instance})`,
      unique: true,
    });
    if (Token.isUnresolved(scope.name)) {
      fail(this, 'scope', scope.name, 'must be a literal string: each scope names a child resource');
    }
    if (this.scopes.has(scope.name)) {
      fail(this, 'scope', scope.name, 'is already added: add each access scope once (with all its authorized targets)');
    }
    this.scopes.add(scope.name);
    const key = { ApplicationArn: this.applicationArn, Scope: scope.name };
    return this._configuration(`AccessScope[${scope.name}]`, 'Custom::IdentityCenterApplicationAccessScope', {
      service: SERVICE,
      action: 'PutApplicationAccessScope',
      parameters: { ...key, AuthorizedTargets: targets },
      physicalResourceId: this.configurationId(`scope ${scope.name}`),
    }, {
      service: SERVICE, action: 'DeleteApplicationAccessScope', parameters: key, ignoreErrorCodesMatching: NOT_FOUND,
    }, applicationPermission(this, 'AccessScope', ['sso:PutApplicationAccessScope'])).construct;
  }

  public grantCreateTokenWithIam(grantee: iam.IGrantable): iam.Grant {
    requireGrantable(this, 'grantee', grantee, 'the IAM role or user that calls CreateTokenWithIAM, e.g. a Lambda function or its role');
    for (const arn of actorArns(this, grantee)) {
      if (!this.actors.includes(arn)) this.actors.push(arn);
    }
    if (!this.authenticationMethod) {
      const key = { ApplicationArn: this.applicationArn, AuthenticationMethodType: 'IAM' };
      this.authenticationMethod = this._configuration('AuthenticationMethod[IAM]', 'Custom::IdentityCenterApplicationAuthenticationMethod', {
        service: SERVICE,
        action: 'PutApplicationAuthenticationMethod',
        parameters: {
          ...key,
          AuthenticationMethod: { Iam: { ActorPolicy: Lazy.any({ produce: () => this.actorPolicy() }) } },
        },
        physicalResourceId: this.configurationId('authenticationMethod IAM'),
      }, {
        service: SERVICE, action: 'DeleteApplicationAuthenticationMethod', parameters: key, ignoreErrorCodesMatching: NOT_FOUND,
      }, applicationPermission(this, 'AuthenticationMethod', ['sso:PutApplicationAuthenticationMethod']));
    }
    // The Service Authorization Reference lists the application as the resource of sso-oauth:CreateTokenWithIAM.
    return iam.Grant.addToPrincipal({ grantee, actions: ['sso-oauth:CreateTokenWithIAM'], resourceArns: [this.applicationArn] });
  }

  public assignUser(userId: string): sso.CfnApplicationAssignment {
    return this.assign('USER', 'userId', userId);
  }

  public assignGroup(groupId: string): sso.CfnApplicationAssignment {
    return this.assign('GROUP', 'groupId', groupId);
  }

  private assign(principalType: string, prop: string, principalId: string): sso.CfnApplicationAssignment {
    requireString(this, prop, principalId, `the identity store ID of the ${principalType.toLowerCase()}`);
    checkString(this, prop, principalId, cfnConstraint('AWS::SSO::ApplicationAssignment:PrincipalId'), {
      describe: 'an identity store ID: a UUID, optionally prefixed with 10 hex digits and "-" (e.g. "906745f8b1-0a1b2c3d-...")',
    });
    if (Token.isUnresolved(principalId)) {
      fail(this, prop, principalId, 'must be a literal string: each assignment names a child resource');
    }
    const key = `${principalType}:${principalId}`;
    if (this._assignments.has(key)) fail(this, prop, principalId, 'is already assigned');
    this._assignments.add(key);
    const assignment = new sso.CfnApplicationAssignment(this, `Assignment[${key}]`, {
      applicationArn: this.applicationArn,
      principalType,
      principalId,
    });
    assignment.applyRemovalPolicy(this._configurationRemovalPolicy);
    return assignment;
  }

  /** The actor policy of the IAM authentication method: exactly the granted principals may call CreateTokenWithIAM. */
  private actorPolicy(): any {
    // IAM Identity Center user guide, "Resource-based policy example for IAM Identity Center": Version 2012-10-17, and
    // every statement has Effect, Principal, Action and Resource ("*": the policy is attached to the application).
    return {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: this.actors }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }],
    };
  }

  /**
   * One custom resource that configures one aspect of the application (keyed by application + type): create and
   * update are the same upsert `Put*` call; delete removes exactly that aspect and ignores an application that is
   * already gone.
   *
   * @internal
   */
  protected _configuration(
    id: string, resourceType: string, put: AwsSdkCall, del: AwsSdkCall | undefined, permission: FallbackPermission,
    kind: PermissionKind = PermissionKind.APPLICATION,
  ): FallbackResource {
    const retain = this._configurationRemovalPolicy === RemovalPolicy.RETAIN;
    const cleanup = kind === PermissionKind.APPLICATION ? [applicationCleanupPermission(this._owner().cleanup)] : [];
    const cr = fallbackResource(this, id, {
      resourceType,
      kind,
      onCreate: put,
      onUpdate: put,
      onDelete: retain ? undefined : del,
      permissions: [permission, ...cleanup],
      removalPolicy: this._configurationRemovalPolicy,
    });
    // Identity Center answers concurrent writes to one application with ConflictException ("a conflict with a previous
    // successful write"): the application's custom resources run one after the other.
    if (this.lastConfiguration) cr.construct.node.addDependency(this.lastConfiguration);
    this.lastConfiguration = cr.construct;
    return cr;
  }

  /**
   * The physical id: application ARN + what is configured. A replaced application has a new ARN, so CloudFormation
   * sees a new physical id, configures the new application, then sends a delete for the old one (not found: ignored).
   */
  private configurationId(what: string): PhysicalResourceId {
    return PhysicalResourceId.of(`${this.applicationArn}|${what}`);
  }

  private checkSameInstance(prop: string, otherInstanceArn: string): void {
    if (Token.isUnresolved(otherInstanceArn) || Token.isUnresolved(this.instanceArn)) return;
    if (otherInstanceArn !== this.instanceArn) {
      fail(this, prop, otherInstanceArn, `must belong to the application's Identity Center instance ${this.instanceArn}`);
    }
  }
}

/**
 * The principal ARNs of `grantee` for an actor policy: IAM roles, users and accounts named by ARN. Anything else (a
 * service principal, a federated principal, a principal with conditions, an unresolvable principal) cannot be named.
 */
function actorArns(scope: IConstruct, grantee: iam.IGrantable): string[] {
  const principal = grantee.grantPrincipal;
  const allowed = 'must be an IAM role or user (e.g. a Lambda function or its role, or iam.Role.fromRoleArn(...)): the actor policy of the application names IAM principals by ARN';
  let fragment: iam.PrincipalPolicyFragment;
  try {
    fragment = principal.policyFragment;
  } catch {
    return fail(scope, 'grantee', principal.toString(), `cannot be named in an actor policy: ${allowed}`);
  }
  const json = fragment.principalJson;
  const kinds = Object.keys(json);
  if (kinds.length !== 1 || kinds[0] !== 'AWS' || Object.keys(fragment.conditions ?? {}).length > 0) {
    fail(scope, 'grantee', principal.toString(), `cannot be named in an actor policy (${show(json)}${Object.keys(fragment.conditions ?? {}).length ? ' with conditions' : ''}): ${allowed}`);
  }
  const arns = json.AWS;
  if (arns.some(a => a === '*')) fail(scope, 'grantee', principal.toString(), `must not be every principal ("*"): ${allowed}`);
  // An account principal: `arn:<partition>:iam::<account>:root` (rendered with a partition token) or a bare account id.
  if (arns.some(a => /:iam::\d{12}:root"|^"\d{12}"$/.test(JSON.stringify(Stack.of(scope).resolve(a))))) {
    warn(scope, 'actorPolicyAccount', `grantee ${principal.toString()} is a whole account: every principal of that account that is allowed sso-oauth:CreateTokenWithIAM can then exchange tokens for this application. Pass the role or user that calls CreateTokenWithIAM instead.`);
  }
  return arns;
}

/**
 * The application policy's statement for one kind of application configuration on one Identity Center instance
 * (added once per stack, instance and kind). The Service Authorization Reference lists the application
 * (`arn:${Partition}:sso::${Account}:application/${InstanceId}/${ApplicationId}`) as the only resource of every
 * `Put*`/`Delete*` call used here.
 */
export function applicationPermission(app: IdentityCenterApplicationBase, kind: string, actions: string[]): FallbackPermission {
  const owner = app._owner();
  return {
    key: `sso:application${kind}:${owner.key}`,
    wildcardReason: 'Application ids (apl-...) are generated by Identity Center; the statements are scoped to the applications of one account and instance (not each application) so that the policy grows with instances, not applications, and stays within IAM\'s 10,240-character limit.',
    statements: () => {
      const { partition, account, instanceId } = owner.parts();
      return [new iam.PolicyStatement({
        actions,
        resources: [ssoChildrenArn(partition, account, 'application', instanceId)],
      })];
    },
  };
}

/**
 * Where the application lives: its partition, account and instance (for statements), and a key naming them (statements
 * are shared per key). Imported applications may live in another account than the stack's.
 *
 * @internal
 */
export interface ApplicationOwner {
  readonly key: string;
  /** The account whose applications the delete-side statement names (the stack's, or an imported application's). */
  readonly cleanup: CleanupAccount;
  /** Called when the statements are made. */
  parts(): ChildArnParts;
}
