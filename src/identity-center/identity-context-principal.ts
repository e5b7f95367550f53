import { Aws, IResolvable, IResolveContext, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { TrustedIdentityChecks } from '../audit/trusted-identity-checks';
import { SSO_ARN_EXPECTED } from '../private/arn';
import type { MemberConstraint } from '../private/constraint-types';
import { requireBoolean, requirePrincipal, requireString, requireStruct } from '../private/required';
import { CONTEXT_SESSION_RULE, contextSessionFinding } from '../private/session';
import { apiConstraint, fail, matches } from '../private/validation';

/** Prefix of the context assertion's keys in the request context of AssumeRole. */
const REQUEST_CONTEXT = 'sts:RequestContext/';

/**
 * Options for `IdentityContextPrincipal`.
 */
export interface IdentityContextPrincipalOptions {
  /**
   * Only identity contexts of tokens issued for this Identity Center application
   * (`sts:RequestContext/identitycenter:ApplicationArn` in `ArnEquals` on `sts:SetContext`).
   *
   * @default - any application
   */
  readonly applicationArn?: string;

  /**
   * Only identity contexts of this Identity Center instance (`sts:RequestContext/identitycenter:InstanceArn` in `ArnEquals` on
   * `sts:SetContext`).
   *
   * @default - any instance
   */
  readonly instanceArn?: string;

  /**
   * Allow context providers other than Identity Center. By default `sts:SetContext` requires
   * `sts:RequestContextProviders` to be `arn:<partition>:iam::aws:contextProvider/IdentityCenter` only.
   *
   * With this option the principal does not check the role's maximum session duration either (that check runs when
   * the provider condition is rendered); the `TrustedIdentityChecks` aspect still reports it
   * (`SetContextSessionDuration`).
   *
   * @default false
   */
  readonly allowAnyContextProvider?: boolean;
}

/**
 * A principal that may assume a role with an IAM Identity Center identity context: an identity-enhanced session.
 *
 * It adds `sts:SetContext` next to `sts:AssumeRole` in the role's trust policy (as `withSessionTags()` adds
 * `sts:TagSession`). By default `sts:SetContext` is pinned with `ForAllValues:ArnEquals` on
 * `sts:RequestContextProviders` to the Identity Center context provider, and optionally to one application or
 * instance.
 *
 * The caller passes the context as `ProvidedContexts` (`ProviderArn` =
 * `IdentityContextPrincipal.IDENTITY_CENTER_CONTEXT_PROVIDER`, `ContextAssertion` = the `sts:identity_context` claim of
 * the Identity Center token from `CreateTokenWithIAM`). `ProvidedContexts` works only with `sts:AssumeRole`, not with
 * `AssumeRoleWithWebIdentity` or `AssumeRoleWithSAML`, so the wrapped principal must be one that assumes roles with
 * `sts:AssumeRole` (a role, user, account or service).
 *
 * Keep such sessions short: a user removed from Identity Center keeps the credentials until they expire. A role whose
 * maximum session duration is over 1 hour gets a synth warning, the `TrustedIdentityChecks` finding
 * `SetContextSessionDuration` (`cdk-trusted-identity:SetContextSessionDuration`), whether or not the aspect is applied.
 */
export class IdentityContextPrincipal extends iam.PrincipalBase {
  /** The ARN of the Identity Center context provider in the `aws` partition (`ProvidedContexts[].ProviderArn`). */
  public static readonly IDENTITY_CENTER_CONTEXT_PROVIDER = 'arn:aws:iam::aws:contextProvider/IdentityCenter';

  /** The ARN of the Identity Center context provider in the partition of the stack (a token). */
  public static identityCenterContextProvider(): string {
    return `arn:${Aws.PARTITION}:iam::aws:contextProvider/IdentityCenter`;
  }

  public readonly assumeRoleAction: string;
  public readonly principalAccount: string | undefined;

  constructor(private readonly wrapped: iam.IPrincipal, private readonly options: IdentityContextPrincipalOptions = {}) {
    super();
    const at = 'IdentityContextPrincipal';
    requirePrincipal(at, 'principal', wrapped, 'the IAM role or user that calls AssumeRole, e.g. a Lambda function\'s role');
    requireStruct(at, 'options', options, 'IdentityContextPrincipalOptions, e.g. { applicationArn }', { optional: true });
    requireString(at, 'applicationArn', options.applicationArn, 'an Identity Center application ARN', { optional: true });
    requireString(at, 'instanceArn', options.instanceArn, 'an Identity Center instance ARN', { optional: true });
    requireBoolean(at, 'allowAnyContextProvider', options.allowAnyContextProvider, 'whether context providers other than Identity Center are allowed', { optional: true });
    if (wrapped.assumeRoleAction !== 'sts:AssumeRole') {
      fail('IdentityContextPrincipal', 'principal', wrapped.toString(), `assumes roles with ${wrapped.assumeRoleAction}, `
        + 'but ProvidedContexts (the identity context) works only with sts:AssumeRole: wrap the IAM role or user that calls AssumeRole');
    }
    check('applicationArn', options.applicationArn, apiConstraint('sso-admin:PutApplicationGrant', 'ApplicationArn'),
      SSO_ARN_EXPECTED.application);
    check('instanceArn', options.instanceArn, apiConstraint('sso-admin:CreateTrustedTokenIssuer', 'InstanceArn'),
      SSO_ARN_EXPECTED.instance);
    this.assumeRoleAction = wrapped.assumeRoleAction;
    this.principalAccount = wrapped.principalAccount;
  }

  public get policyFragment(): iam.PrincipalPolicyFragment {
    return this.wrapped.policyFragment;
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    return this.wrapped.addToPrincipalPolicy(statement);
  }

  public addToAssumeRolePolicy(document: iam.PolicyDocument): void {
    const wrapped = this.wrapped as Partial<iam.IAssumeRolePrincipal>;
    if (typeof wrapped.addToAssumeRolePolicy === 'function') {
      wrapped.addToAssumeRolePolicy(document);
    } else {
      document.addStatements(new iam.PolicyStatement({ actions: [this.wrapped.assumeRoleAction], principals: [this.wrapped] }));
    }
    // The keys of a context assertion are in the request context of AssumeRole as sts:RequestContext/<key> (IAM user
    // guide, "sts:RequestContext/context-key"; IAM Identity Center user guide, "AWS STS condition context keys for IAM
    // Identity Center": identitycenter:ApplicationArn, identitycenter:InstanceArn).
    const arnEquals: { [key: string]: string } = {};
    if (this.options.applicationArn !== undefined) arnEquals[`${REQUEST_CONTEXT}identitycenter:ApplicationArn`] = this.options.applicationArn;
    if (this.options.instanceArn !== undefined) arnEquals[`${REQUEST_CONTEXT}identitycenter:InstanceArn`] = this.options.instanceArn;
    const conditions: { [operator: string]: any } = {};
    if (!this.options.allowAnyContextProvider) {
      // Resolved in the scope of the role: the role's maximum session duration is checked there.
      conditions['ForAllValues:ArnEquals'] = {
        'sts:RequestContextProviders': Token.asString(new CheckedContextProvider()),
      };
    }
    if (Object.keys(arnEquals).length > 0) conditions.ArnEquals = arnEquals;
    document.addStatements(new iam.PolicyStatement({ actions: ['sts:SetContext'], principals: [this.wrapped], conditions }));
  }

  public toString(): string {
    return `IdentityContextPrincipal(${this.wrapped.toString()})`;
  }

  public dedupeString(): string | undefined {
    const inner = iam.ComparablePrincipal.dedupeStringFor(this.wrapped);
    return inner === undefined ? undefined : `IdentityContextPrincipal:${inner}:${JSON.stringify(this.options)}`;
  }
}

/** The context provider ARN; resolving it in the scope of a role checks the role's maximum session duration. */
class CheckedContextProvider implements IResolvable {
  public readonly creationStack: string[] = [];

  public resolve(context: IResolveContext): any {
    warnOnLongSessions(context.scope);
    return IdentityContextPrincipal.identityCenterContextProvider();
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/** The principal has no construct path: its errors name the class, the option and the value. */
function check(option: string, value: string | undefined, c: MemberConstraint, allowed: string): void {
  if (value === undefined || Token.isUnresolved(value) || matches(value, c)) return;
  fail('IdentityContextPrincipal', option, value, `must be ${allowed}`);
}

const WARNED = new WeakSet<IConstruct>();

/**
 * Reports (once per role) the rule `SetContextSessionDuration` (src/private/session.ts) on the role whose trust policy
 * is being resolved, as the `TrustedIdentityChecks` aspect does: with the aspect applied, the finding appears once.
 * A duration only known at deploy time is left to the aspect.
 */
function warnOnLongSessions(scope: IConstruct): void {
  const role = scope as iam.CfnRole;
  if (WARNED.has(role) || !(role instanceof iam.CfnRole)) return;
  WARNED.add(role);
  const finding = contextSessionFinding(Stack.of(role).resolve(role.maxSessionDuration), false);
  if (finding?.decided) TrustedIdentityChecks._report(role, CONTEXT_SESSION_RULE, finding.what);
}
