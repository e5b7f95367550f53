import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import type { FallbackPermission } from './aws-custom-resource';

/*
 * The delete-side calls of the SSO Admin fallback resources, one statement per kind of resource, in that kind's
 * policy (see `PermissionKind`): on the trusted token issuers, or the applications, of an account in every instance,
 * so that deletes in CloudFormation's cleanup phase stay allowed. Why: docs/design/custom-resource-permissions.md
 */

/** Trusted token issuers (`CUSTOM_RESOURCE`) and their tags: the delete and untag calls, on the stack account's issuers. */
export function issuerCleanupPermission(scope: IConstruct): FallbackPermission {
  return {
    key: 'cleanup',
    wildcardReason: 'Delete-side calls only (DeleteTrustedTokenIssuer, UntagResource) on the trusted token issuers of this account: they must keep working in the cleanup phase, after the per-instance statements have left the policy.',
    statements: () => [new iam.PolicyStatement({
      actions: ['sso:DeleteTrustedTokenIssuer', 'sso:UntagResource'],
      resources: [`arn:${Aws.PARTITION}:sso::${Stack.of(scope).account}:trustedTokenIssuer/*`],
    })],
  };
}

/** Where the applications of a cleanup statement live: the stack's account, or an imported application's. */
export interface CleanupAccount {
  /** Statements are shared per key. */
  readonly key: string;
  /** Called when the statement is made. */
  parts(): { readonly partition: string; readonly account: string };
}

/** Application configuration (grants, access scopes, the IAM authentication method): the delete calls on an account's applications. */
export function applicationCleanupPermission(where: CleanupAccount): FallbackPermission {
  return {
    key: `cleanup:${where.key}`,
    wildcardReason: 'Delete-side calls only (DeleteApplicationGrant/AccessScope/AuthenticationMethod) on the applications of this account: they must keep working in the cleanup phase, after the per-instance statements have left the policy.',
    statements: () => {
      const { partition, account } = where.parts();
      return [new iam.PolicyStatement({
        actions: ['sso:DeleteApplicationGrant', 'sso:DeleteApplicationAccessScope', 'sso:DeleteApplicationAuthenticationMethod'],
        resources: [`arn:${partition}:sso::${account}:application/*`],
      })];
    },
  };
}

/**
 * User background sessions (only applications that set `userBackgroundSessions`): one call both configures and, on
 * delete, resets (`DISABLED`), so the statement is the account-wide one that survives the cleanup phase.
 */
export function sessionPermission(scope: IConstruct): FallbackPermission {
  return {
    key: 'session',
    wildcardReason: 'PutApplicationSessionConfiguration on the applications of this account, present only while an application of the stack sets userBackgroundSessions: the same call resets the setting when the application leaves the stack or moves to another instance, in the cleanup phase, after per-instance statements would be gone.',
    statements: () => [new iam.PolicyStatement({
      actions: ['sso:PutApplicationSessionConfiguration'],
      resources: [`arn:${Aws.PARTITION}:sso::${Stack.of(scope).account}:application/*`],
    })],
  };
}
