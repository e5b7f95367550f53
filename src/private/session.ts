/**
 * The one session-length rule: a role that receives identity context (`sts:SetContext`, an identity-enhanced session)
 * should allow sessions of at most 1 hour, because a user removed from Identity Center keeps the session until it
 * expires. Reported as `SetContextSessionDuration` by the `TrustedIdentityChecks` aspect (and the `audit` command) and
 * by `IdentityContextPrincipal` on the role it is the trust of.
 */

/** The rule's id: in messages, in the warning id `cdk-trusted-identity:<id>` and in `acknowledge()`. */
export const CONTEXT_SESSION_RULE = 'SetContextSessionDuration';

/** "MaxSessionDuration ... default 3600" (IAM CreateRole): longer sessions are an explicit choice. */
export const MAX_CONTEXT_SESSION = 3600;

/** The rule's reason and fix, as the rule table shows them. */
export const CONTEXT_SESSION_TEXT = {
  why: 'An identity-enhanced session outlives the user\'s access: a user removed from Identity Center keeps the session until it expires.',
  fix: 'keep maxSessionDuration at 1 hour (3,600 s) or less for roles that receive identity context.',
};

/** A finding of the rule: `decided` false when a value it needs is only known at deploy time. */
export interface ContextSessionFinding {
  readonly decided: boolean;
  readonly what: string;
}

/**
 * Judges a role's resolved `MaxSessionDuration` (`undefined`: the 3600 s default). `actionUnknown`: whether the role
 * receives identity context is only known at deploy time. `undefined` when there is nothing to report.
 */
export function contextSessionFinding(duration: unknown, actionUnknown: boolean): ContextSessionFinding | undefined {
  if (duration === undefined || (typeof duration === 'number' && duration <= MAX_CONTEXT_SESSION)) return undefined;
  if (typeof duration !== 'number') {
    return { decided: false, what: `Could not decide whether MaxSessionDuration is over ${MAX_CONTEXT_SESSION} s for a role that ${actionUnknown ? 'may receive' : 'receives'} identity context (sts:SetContext): it is only known at deploy time.` };
  }
  if (actionUnknown) {
    return { decided: false, what: `Could not decide whether the role receives identity context (sts:SetContext) with MaxSessionDuration ${duration} s (more than ${MAX_CONTEXT_SESSION} s): an action of its trust policy is only known at deploy time.` };
  }
  return { decided: true, what: `The role receives identity context (sts:SetContext) and has MaxSessionDuration ${duration} s (more than ${MAX_CONTEXT_SESSION} s).` };
}
