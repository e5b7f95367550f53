import { Aspects, IResource, Names, RemovalPolicy, Stack, TagManager, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sso from 'aws-cdk-lib/aws-sso';
import { PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { applicationPermission, ApplicationOwner, IdentityCenterApplicationBase } from './application-base';
import { ApplicationGrant } from './grants';
import { AccessScope, AccessScopeOptions } from './scopes';
import { checkImportedArn, childArnParts, instanceArnOfChild, partitionOf, SSO_ARN_EXPECTED } from '../private/arn';
import { PermissionKind } from '../private/aws-custom-resource';
import { expressionHash } from '../private/hash';
import { requireBoolean, requireEnum, requireString, requireStringMap, requireStruct } from '../private/required';
import { sessionPermission } from '../private/sso-cleanup';
import { checkStrictest, strictestConstraint, strictestTagLimits } from '../private/strictest';
import { checkTags, TagRules } from '../private/tags';
import { apiConstraint, cfnConstraint, checkString, fail, warn } from '../private/validation';

const SERVICE = 'SSOAdmin';
const PUT_GRANT = 'sso-admin:PutApplicationGrant';
const CFN_APP = 'AWS::SSO::Application';
/** Never blocks a delete: the application (or its grant, scope, method) is already gone, which is what a delete wants. */
const NOT_FOUND = 'ResourceNotFoundException';
const INSTANCE_ARN_EXPECTED = SSO_ARN_EXPECTED.instance;
const APPLICATION_ARN_EXPECTED = SSO_ARN_EXPECTED.application;
/** Application names: CloudFormation allows 255 characters, CreateApplication and UpdateApplication 100. */
const APPLICATION_NAME_EXPECTED = '1-100 letters, digits and _ + = , . @ -';
/**
 * Tags of `AWS::SSO::Application`: the strictest of its CloudFormation schema (no spaces, ":" or "/") and the API's
 * CreateApplication/TagResource (no ","), so letters, digits and _ + = . @ -.
 */
const APP_TAGS: TagRules = {
  resourceType: CFN_APP,
  limits: strictestTagLimits(CFN_APP, 'letters, digits and _ + = . @ - (keys 1-128, values 1-256 characters)'),
};

/**
 * The customer managed OAuth 2.0 application provider (IAM Identity Center user guide, "Set up customer managed
 * OAuth 2.0 applications for trusted identity propagation"; `aws sso-admin list-application-providers`).
 */
const CUSTOM_APPLICATION_PROVIDER = 'applicationProvider/custom';

/**
 * An IAM Identity Center application.
 */
export interface IIdentityCenterApplication extends IResource {
  /**
   * The ARN of the application (the `clientId` of `CreateTokenWithIAM`).
   *
   * @attribute
   */
  readonly applicationArn: string;

  /**
   * The ARN of the Identity Center instance of the application.
   *
   * @attribute
   */
  readonly instanceArn: string;

  /**
   * Adds an OAuth 2.0 grant (one per grant type).
   *
   * @returns the construct that puts the grant: a dependency for resources that need it in place
   * (`resource.node.addDependency(grant)`)
   */
  addGrant(grant: ApplicationGrant): IConstruct;

  /**
   * Adds an access scope (each scope once).
   *
   * @returns the construct that puts the scope: a dependency for resources that need it in place
   */
  addAccessScope(scope: AccessScope, options?: AccessScopeOptions): IConstruct;

  /**
   * Lets `grantee` call `CreateTokenWithIAM` for this application: names its principal in the application's actor
   * policy (IAM authentication method) and allows `sso-oauth:CreateTokenWithIAM` on this application in its identity
   * policy.
   */
  grantCreateTokenWithIam(grantee: iam.IGrantable): iam.Grant;

  /**
   * Assigns an Identity Center user (its identity store user ID) to the application.
   *
   * @returns the `AWS::SSO::ApplicationAssignment` it creates
   */
  assignUser(userId: string): sso.CfnApplicationAssignment;

  /**
   * Assigns an Identity Center group (its identity store group ID) to the application.
   *
   * @returns the `AWS::SSO::ApplicationAssignment` it creates
   */
  assignGroup(groupId: string): sso.CfnApplicationAssignment;
}

/** Whether the application appears in the AWS access portal. */
export enum ApplicationVisibility {
  /** The application appears in the AWS access portal. */
  ENABLED = 'ENABLED',
  /** The application does not appear in the AWS access portal. */
  DISABLED = 'DISABLED',
}

/** How Identity Center navigates a user who opens the application from the access portal. */
export enum SignInOrigin {
  /** Identity Center signs the user in (identity-provider initiated). */
  IDENTITY_CENTER = 'IDENTITY_CENTER',
  /** Identity Center redirects the user to the `applicationUrl`. */
  APPLICATION = 'APPLICATION',
}

/** The status of an Identity Center application. */
export enum ApplicationStatus {
  /** The application can be used. */
  ENABLED = 'ENABLED',
  /** The application is disabled: tokens are not issued for it. */
  DISABLED = 'DISABLED',
}

/**
 * Access portal options of an application (`PortalOptions` of `AWS::SSO::Application`).
 */
export interface ApplicationPortalOptions {
  /**
   * Whether the application appears in the access portal.
   *
   * @default - Identity Center's default
   */
  readonly visibility?: ApplicationVisibility;

  /**
   * How Identity Center navigates the user to the application.
   *
   * @default - no sign-in options
   */
  readonly signInOrigin?: SignInOrigin;

  /**
   * The URL that accepts authentication requests for the application (1–512 characters, http(s)). Required when
   * `signInOrigin` is `APPLICATION`.
   *
   * @default - none
   */
  readonly applicationUrl?: string;
}

/**
 * Properties of an `IdentityCenterApplication`.
 */
export interface IdentityCenterApplicationProps {
  /**
   * The ARN of the IAM Identity Center instance, `arn:<partition>:sso:::instance/ssoins-<16 characters>`.
   *
   * Changing it replaces the application.
   */
  readonly instanceArn: string;

  /**
   * Whether users must be assigned (`assignUser`, `assignGroup`) before they can use the application.
   *
   * Required, no default: Identity Center creates customer managed applications with assignment required and no
   * assignees, and then every token exchange fails with an `AccessDeniedException` that names neither. Set through
   * `PutApplicationAssignmentConfiguration`; when the application leaves the stack, the setting is not changed.
   */
  readonly assignmentRequired: boolean;

  /**
   * The name of the application: 1–100 letters, digits and `_ + = , . @ -` (CloudFormation allows 255 characters,
   * the SSO Admin API 100).
   *
   * @default - a name generated from the construct path (unique, stable across deploys)
   */
  readonly applicationName?: string;

  /**
   * The application provider.
   *
   * Changing it replaces the application.
   *
   * @default - the customer managed OAuth 2.0 application provider, `arn:<partition>:sso::aws:applicationProvider/custom`
   */
  readonly applicationProviderArn?: string;

  /**
   * A description of the application (1–128 characters).
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * The status of the application.
   *
   * @default ApplicationStatus.ENABLED
   */
  readonly status?: ApplicationStatus;

  /**
   * Access portal options.
   *
   * @default - Identity Center's defaults
   */
  readonly portalOptions?: ApplicationPortalOptions;

  /**
   * Whether user background sessions (jobs that run on a user's behalf after the user signs out) are enabled
   * (`PutApplicationSessionConfiguration`, `UserBackgroundSessionApplicationStatus`). When the prop is removed, the
   * application returns to `DISABLED`.
   *
   * @default - not managed by the stack (Identity Center's default: disabled)
   */
  readonly userBackgroundSessions?: boolean;

  /**
   * Tags of the application (at most 75, counting `Tags.of()`).
   *
   * @default - no tags other than those applied with `Tags.of()`
   */
  readonly tags?: { [key: string]: string };

  /**
   * What happens to the application, and its grants, scopes and authentication method, when it leaves the stack.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An IAM Identity Center customer managed application for trusted identity propagation: the native
 * `AWS::SSO::Application`, plus what CloudFormation has no type for (grants, access scopes, the IAM authentication
 * method, the assignment and session configuration) as custom resources that behave like native ones.
 *
 * @resource AWS::SSO::Application
 */
export class IdentityCenterApplication extends IdentityCenterApplicationBase {
  /**
   * Imports an existing application by ARN. The instance ARN is derived from the application ARN (token-safe).
   * Grants, access scopes, `grantCreateTokenWithIam` and assignments work on imported applications too.
   */
  public static fromApplicationArn(scope: Construct, id: string, applicationArn: string): IIdentityCenterApplication {
    const at = 'IdentityCenterApplication.fromApplicationArn';
    requireString(at, 'applicationArn', applicationArn, APPLICATION_ARN_EXPECTED);
    // What the API accepts: an ARN it rejects would fail only at deploy, in the first grant or scope.
    checkImportedArn(at, 'applicationArn', applicationArn, apiConstraint(PUT_GRANT, 'ApplicationArn'), APPLICATION_ARN_EXPECTED);
    const instanceArn = instanceArnOfChild(scope, 'applicationArn', applicationArn, 'application');
    // Statements name the application's own account and partition (from its ARN), which need not be the stack's.
    const key = Token.isUnresolved(applicationArn) ? applicationArn : applicationArn.slice(0, applicationArn.lastIndexOf('/'));
    const parts = () => childArnParts(applicationArn);
    const owner: ApplicationOwner = { key, parts, cleanup: { key, parts } };
    class Import extends IdentityCenterApplicationBase {
      public readonly applicationArn = applicationArn;
      public readonly instanceArn = instanceArn;
      public _owner(): ApplicationOwner {
        return owner;
      }
    }
    return new Import(scope, id, { environmentFromArn: applicationArn });
  }

  /**
   * The ARN of the application.
   *
   * @attribute
   */
  public readonly applicationArn: string;

  /**
   * The ARN of the Identity Center instance.
   *
   * @attribute
   */
  public readonly instanceArn: string;

  /**
   * The name of the application.
   *
   * @attribute
   */
  public readonly applicationName: string;

  private warnedWithoutAssignees = false;

  constructor(scope: Construct, id: string, props: IdentityCenterApplicationProps) {
    super(scope, id);
    requireStruct(this, 'props', props, 'IdentityCenterApplicationProps, an object with instanceArn and assignmentRequired');
    requireString(this, 'instanceArn', props.instanceArn, INSTANCE_ARN_EXPECTED);
    // A boolean, never a token: a String parameter would reach PutApplicationAssignmentConfiguration as "true", which
    // the SDK's JSON protocol does not turn into a boolean.
    requireBoolean(this, 'assignmentRequired', props.assignmentRequired,
      'Identity Center creates applications with assignment required and no assignees, and the token exchange then fails with AccessDeniedException');
    requireString(this, 'applicationName', props.applicationName, `the name of the application, ${APPLICATION_NAME_EXPECTED}`, { optional: true });
    requireString(this, 'applicationProviderArn', props.applicationProviderArn, 'an application provider ARN', { optional: true });
    requireString(this, 'description', props.description, 'a description of the application', { optional: true });
    requireString(this, 'status', props.status, 'an ApplicationStatus, e.g. ApplicationStatus.ENABLED', { optional: true });
    requireStruct(this, 'portalOptions', props.portalOptions, 'ApplicationPortalOptions, e.g. { visibility: ApplicationVisibility.ENABLED }', { optional: true });
    requireBoolean(this, 'userBackgroundSessions', props.userBackgroundSessions, 'whether user background sessions are enabled', { optional: true });
    requireStringMap(this, 'tags', props.tags, 'tag values by key, e.g. { team: "identity" }', { optional: true });
    requireEnum(this, 'removalPolicy', props.removalPolicy, RemovalPolicy, 'RemovalPolicy', { optional: true, literal: true });
    checkString(this, 'instanceArn', props.instanceArn, cfnConstraint(`${CFN_APP}:InstanceArn`), { describe: INSTANCE_ARN_EXPECTED });
    checkStrictest(this, 'applicationName', props.applicationName, strictestConstraint(CFN_APP, 'Name'), { describe: APPLICATION_NAME_EXPECTED });
    checkString(this, 'applicationProviderArn', props.applicationProviderArn, cfnConstraint(`${CFN_APP}:ApplicationProviderArn`), {
      describe: 'an application provider ARN, arn:<partition>:sso::aws:applicationProvider/<id>',
    });
    checkStrictest(this, 'description', props.description, strictestConstraint(CFN_APP, 'Description'));
    checkString(this, 'status', props.status, cfnConstraint(`${CFN_APP}:Status`));
    if (props.removalPolicy === RemovalPolicy.SNAPSHOT) {
      fail(this, 'removalPolicy', 'SNAPSHOT', 'must be DESTROY or RETAIN: an application has no snapshots');
    }
    // Tags applied later with Tags.of() count too: checked once the aspects have run.
    checkTags(this, 'tags', props.tags, APP_TAGS, () => {
      const app = this.node.defaultChild; // missing only if construction failed after this line (a caught error)
      return app ? TagManager.of(app)?.tagValues() : undefined;
    });
    const portalOptions = renderPortalOptions(this, props.portalOptions);

    const partition = Token.isUnresolved(props.instanceArn) ? Stack.of(this).partition : partitionOf(props.instanceArn);
    const providerArn = props.applicationProviderArn ?? `arn:${partition}:sso::aws:${CUSTOM_APPLICATION_PROVIDER}`;
    const hash = expressionHash(this, [props.instanceArn, providerArn]);
    const maxName = strictestConstraint(CFN_APP, 'Name').maxLength!;
    this.applicationName = props.applicationName ?? `${Names.uniqueResourceName(this, { maxLength: maxName - 9, separator: '-' })}-${hash}`;
    this.instanceArn = props.instanceArn;
    this._configurationRemovalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;

    const app = new sso.CfnApplication(this, 'Resource', {
      instanceArn: props.instanceArn,
      applicationProviderArn: providerArn,
      name: this.applicationName,
      description: props.description,
      status: props.status,
      portalOptions,
      tags: props.tags ? Object.entries(props.tags).map(([key, value]) => ({ key, value })) : undefined,
    });
    app.applyRemovalPolicy(props.removalPolicy ?? RemovalPolicy.DESTROY);
    if (props.assignmentRequired === true) {
      Aspects.of(this).add({ visit: (node: IConstruct) => { if (node === this) this.warnWithoutAssignees(); } });
    }
    this.applicationArn = app.attrApplicationArn;

    // No delete call: when the resource leaves the stack, the application stays as last declared. Flipping it back to
    // "required" would lock every user out of a retained application; flipping it to "not required" would open it.
    this._configuration('AssignmentConfiguration', 'Custom::IdentityCenterApplicationAssignmentConfiguration', {
      service: SERVICE,
      action: 'PutApplicationAssignmentConfiguration',
      parameters: { ApplicationArn: this.applicationArn, AssignmentRequired: props.assignmentRequired },
      physicalResourceId: PhysicalResourceId.of(`${this.applicationArn}|assignmentConfiguration`),
    }, undefined, applicationPermission(this, 'AssignmentConfiguration', ['sso:PutApplicationAssignmentConfiguration']));

    if (props.userBackgroundSessions !== undefined) {
      const session = (status: string) => ({ ApplicationArn: this.applicationArn, UserBackgroundSessionApplicationStatus: status });
      this._configuration('SessionConfiguration', 'Custom::IdentityCenterApplicationSessionConfiguration', {
        service: SERVICE,
        action: 'PutApplicationSessionConfiguration',
        parameters: session(props.userBackgroundSessions ? 'ENABLED' : 'DISABLED'),
        physicalResourceId: PhysicalResourceId.of(`${this.applicationArn}|sessionConfiguration`),
      }, {
        service: SERVICE, action: 'PutApplicationSessionConfiguration', parameters: session('DISABLED'), ignoreErrorCodesMatching: NOT_FOUND,
      }, sessionPermission(this), PermissionKind.SESSION);
    }

  }

  private warnWithoutAssignees(): void {
    if (this.warnedWithoutAssignees || this._assignments.size > 0) return;
    this.warnedWithoutAssignees = true;
    warn(this, 'assignmentRequiredWithoutAssignees', 'assignmentRequired is true and no user or group is assigned (assignUser, assignGroup): '
      + 'CreateTokenWithIAM fails with AccessDeniedException for every user until one is. Acknowledge this warning if assignments are made outside this app.');
  }
}

function renderPortalOptions(
  scope: IConstruct, o: ApplicationPortalOptions | undefined,
): sso.CfnApplication.PortalOptionsConfigurationProperty | undefined {
  if (!o) return undefined;
  requireString(scope, 'portalOptions.visibility', o.visibility, 'an ApplicationVisibility, e.g. ApplicationVisibility.ENABLED', { optional: true });
  requireString(scope, 'portalOptions.signInOrigin', o.signInOrigin, 'a SignInOrigin, e.g. SignInOrigin.APPLICATION', { optional: true });
  requireString(scope, 'portalOptions.applicationUrl', o.applicationUrl, 'the URL that accepts authentication requests for the application', { optional: true });
  const base = `${CFN_APP}:PortalOptions`;
  checkString(scope, 'portalOptions.visibility', o.visibility, cfnConstraint(`${base}.Visibility`));
  checkString(scope, 'portalOptions.signInOrigin', o.signInOrigin, cfnConstraint(`${base}.SignInOptions.Origin`));
  checkString(scope, 'portalOptions.applicationUrl', o.applicationUrl, cfnConstraint(`${base}.SignInOptions.ApplicationUrl`), {
    describe: 'an http(s) URL of letters, digits and - + & @ # / % ? = ~ _ | ! : , . ; (1-512 characters)',
  });
  if (o.applicationUrl !== undefined && o.signInOrigin === undefined) {
    fail(scope, 'portalOptions.applicationUrl', o.applicationUrl, 'needs signInOrigin (SignInOrigin.APPLICATION): the URL is part of the sign-in options');
  }
  if (o.signInOrigin === SignInOrigin.APPLICATION && o.applicationUrl === undefined) {
    fail(scope, 'portalOptions.applicationUrl', undefined, 'is required when signInOrigin is APPLICATION (Identity Center redirects users to it)');
  }
  return {
    visibility: o.visibility,
    signInOptions: o.signInOrigin ? { origin: o.signInOrigin, applicationUrl: o.applicationUrl } : undefined,
  };
}
