import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import type { FallbackPermission } from './aws-custom-resource';

/**
 * The delete-side calls of every SSO Admin fallback resource of the library (trusted token issuers and their tags,
 * application configuration): one statement per stack, on the trusted token issuers and applications of the stack's
 * account in every instance.
 *
 * Why not per instance, like the create/update statements: CloudFormation updates the shared policy in the update
 * phase and deletes removed custom resources only afterwards, in the cleanup phase. When the last resource of an
 * instance leaves the stack, or a resource moves to another instance (a replacement), the per-instance statements
 * are already gone when its delete call runs, which would then fail with AccessDeniedException and leave the old
 * issuer or configuration behind. This statement stays as long as any fallback resource of the library is in the
 * stack; when none is left, the policy itself is deleted in the cleanup phase, after them (they depend on it).
 */
export function ssoCleanupPermission(scope: IConstruct): FallbackPermission {
  return {
    key: 'sso:cleanup',
    wildcardReason: 'Delete-side calls only (DeleteTrustedTokenIssuer, UntagResource, DeleteApplicationGrant/AccessScope/AuthenticationMethod, the session configuration reset) on the trusted token issuers and applications of this account: they must keep working in the cleanup phase, after the per-instance statements have left the policy.',
    statements: () => {
      const account = Stack.of(scope).account;
      return [new iam.PolicyStatement({
        actions: [
          'sso:DeleteTrustedTokenIssuer',
          'sso:UntagResource',
          'sso:DeleteApplicationGrant',
          'sso:DeleteApplicationAccessScope',
          'sso:DeleteApplicationAuthenticationMethod',
          'sso:PutApplicationSessionConfiguration',
        ],
        resources: [
          `arn:${Aws.PARTITION}:sso::${account}:trustedTokenIssuer/*`,
          `arn:${Aws.PARTITION}:sso::${account}:application/*`,
        ],
      })];
    },
  };
}
