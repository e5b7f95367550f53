import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { fail } from './validation';

/**
 * Names that a service allows once per AWS account (IAM: one OIDC provider per URL), checked across the whole app.
 * Stacks are compared by account: a literal account, all env-agnostic stacks as one account, other tokens never.
 * Why: docs/design/account-limits.md
 */

/** The bucket of env-agnostic stacks. */
const ENV_AGNOSTIC = 'env-agnostic';

/** The construct holding each rule, account and name, per app (the app is the construct tree's root). */
const CLAIMS_BY_APP = new WeakMap<IConstruct, Map<string, IConstruct>>();

/** A name that must be unique per account. */
export interface AccountUniqueName {
  /** The registry's namespace, e.g. `iam:oidc-provider`. */
  readonly resource: string;
  /** The limit in words, e.g. `IAM allows one OIDC provider per URL per account`. */
  readonly rule: string;
  /** The prop that holds the value, e.g. `url`. */
  readonly prop: string;
  /** The value as the user gave it (shown in the message). */
  readonly value: string;
  /** The name as the service compares it (e.g. the URL without `https://`); unresolved → not checked. */
  readonly name: string;
  /** What the service does with a second one, e.g. `the second deploy fails with EntityAlreadyExists`. */
  readonly consequence: string;
  /** How to fix it, e.g. `import the existing provider with OidcProvider.fromIssuerUrl(...)`. */
  readonly fix: string;
}

/**
 * The account a stack deploys to, for comparisons: a literal account id, `env-agnostic`, or `undefined` (a token
 * account that is only known at deploy time).
 */
export function accountOf(scope: IConstruct): string | undefined {
  const stack = Stack.of(scope);
  const account = stack.account;
  if (!Token.isUnresolved(account)) return account;
  const resolved = stack.resolve(account);
  return resolved?.Ref === 'AWS::AccountId' ? ENV_AGNOSTIC : undefined;
}

/**
 * Claims `u.name` for `scope`'s account in this app; fails with both construct paths when another construct of the
 * same account already holds it. Unresolved names and accounts pass.
 */
export function claimPerAccount(scope: IConstruct, u: AccountUniqueName): void {
  if (Token.isUnresolved(u.name)) return;
  const account = accountOf(scope);
  if (account === undefined) return;
  const root = scope.node.root;
  const claims = CLAIMS_BY_APP.get(root) ?? new Map<string, IConstruct>();
  CLAIMS_BY_APP.set(root, claims);
  // Unambiguous: neither the namespace nor the account holds a newline, and the name comes last.
  const key = `${u.resource}\n${account}\n${u.name}`;
  const holder = claims.get(key);
  if (holder !== undefined) {
    // The path is built only for the message (a claim runs for every provider).
    const other = holder.node.path;
    const where = account === ENV_AGNOSTIC
      ? 'in the same AWS account (both stacks are env-agnostic: they deploy to the account of the CLI\'s credentials)'
      : `in the same AWS account (${account})`;
    fail(scope, u.prop, u.value, `is already used by ${other} ${where}: ${u.rule}, so ${u.consequence}. Keep one of them and, everywhere else, ${u.fix}`);
  }
  claims.set(key, scope);
}
