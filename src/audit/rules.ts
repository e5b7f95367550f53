import { CONTEXT_SESSION_TEXT } from '../private/session';

/** How bad a finding is: an error fails `cdk synth`/`cdk deploy`, a warning is shown. */
export type Level = 'error' | 'warning';

/** One rule of the audit: its stable id, level and the fix shown with every finding. */
export interface Rule {
  readonly level: Level;
  readonly why: string;
  readonly fix: string;
}

/**
 * The rule table (also in docs/audit.md). Ids are public contract: they appear in messages and in `acknowledge()`.
 * Severity policy: error only when someone outside the owner's tenant can assume the role or obtain the token (or the
 * deploy surely fails), else a warning; `level` is a rule's usual case, `report()` takes the case's level.
 * Reasoning and sources: docs/design/audit-severity.md
 */
export const RULES = {
  OidcAudience: {
    level: 'error',
    why: 'Without an audience check the role accepts tokens the issuer minted for any other client, including ones anybody can obtain.',
    fix: 'add StringEquals on "<issuer>:aud" (Login with Amazon and Facebook: "<issuer>:app_id") with your client ID (e.g. sts.amazonaws.com for GitHub Actions), or use OidcProvider.principal().',
  },
  OidcTenantSubject: {
    level: 'error',
    why: 'The issuer mints tokens for anyone with an account: without a subject pinned to your organization, any of its users in the world can assume the role.',
    fix: 'add a "<issuer>:sub" condition naming your tenant without wildcards (e.g. repo:my-org/my-app:ref:refs/heads/main, or in GitHub\'s immutable form repo:my-org@123456/my-app@456789:ref:refs/heads/main; a custom subject must include repo, repository_owner or repository_owner_id), or pin a tenant claim (repository_owner_id, namespace_id, terraform_organization_name), or use OidcProvider.principal() with the subject helpers.',
  },
  OidcForAllValues: {
    level: 'warning',
    why: 'ForAllValues: is true when the claim is missing from the request, and the claim is single-valued, where the set operator has no use.',
    fix: 'use the plain operator (StringEquals / StringLike) without ForAllValues:.',
  },
  OidcForAnyValue: {
    level: 'warning',
    why: 'The claim is single-valued: ForAnyValue: behaves like the plain operator today but says something else, and invites a later switch to ForAllValues:.',
    fix: 'use the plain operator (StringEquals / StringLike) without ForAnyValue:.',
  },
  OidcSubjectStringEquals: {
    level: 'warning',
    why: 'StringEquals compares "*" and "?" literally, so this subject never matches the tokens the author meant.',
    fix: 'use StringLike for subjects with wildcards, or drop the wildcard.',
  },
  OidcAudienceWildcard: {
    level: 'warning',
    why: 'An audience with a wildcard accepts tokens minted for other clients.',
    fix: 'name the exact audience with StringEquals.',
  },
  VerifiedAccessPlaintextSecret: {
    level: 'error',
    why: 'The client secret is readable by anyone who can read the stack, its history or the cloud assembly (or the plain SSM parameter it references).',
    fix: 'store the secret in Secrets Manager and pass a {{resolve:secretsmanager:...}} reference: SecretValue.secretsManager(...) or secret.secretValue.',
  },
  VerifiedAccessOneUserProvider: {
    level: 'error',
    why: 'A Verified Access instance takes at most one user trust provider (and any number of device trust providers): the deploy fails when the second one is attached.',
    fix: 'attach one user trust provider per instance (put the other identity source behind it, or give it its own instance); device trust providers can be added next to it.',
  },
  SetContextProvider: {
    level: 'warning',
    why: 'Without a context-provider condition the caller may set identity context from any provider on the session.',
    fix: 'add a "sts:RequestContextProviders" condition naming arn:<partition>:iam::aws:contextProvider/IdentityCenter.',
  },
  SetContextSessionDuration: { level: 'warning', ...CONTEXT_SESSION_TEXT },
  TokenExchangeAnyResource: {
    level: 'warning',
    why: 'CreateTokenWithIAM on "*" lets the principal exchange tokens for every Identity Center application of the account, not just its own.',
    fix: 'name the application ARNs (arn:<partition>:sso::<account>:application/<instance id>/<application id>) as resources.',
  },
} satisfies { [id: string]: Rule };

export type RuleId = keyof typeof RULES;
