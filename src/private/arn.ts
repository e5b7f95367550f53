import { Fn, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { MemberConstraint } from './constraint-types';
import { fail, matches } from './validation';

/**
 * Everything after `<resourceType>/` in an ARN, slashes included (e.g. an EKS issuer
 * `oidc.eks.us-east-1.amazonaws.com/id/ABC` in `arn:aws:iam::1:oidc-provider/oidc.eks.../id/ABC`).
 *
 * Works with tokens (`Fn.split`/`Fn.select`); `Arn.extractResourceName` keeps only the first segment of a token ARN.
 */
export function resourcePathOf(scope: IConstruct, prop: string, arn: string, resourceType: string): string {
  const marker = `:${resourceType}/`;
  if (Token.isUnresolved(arn)) {
    return Fn.select(1, Fn.split(marker, arn));
  }
  const i = arn.indexOf(marker);
  if (i < 0) {
    fail(scope, prop, arn, `must be an ARN of the form arn:<partition>:<service>:...:${resourceType}/<name>`);
  }
  return arn.slice(i + marker.length);
}

/** `https://host/path` → `host/path`; works with tokens. */
export function stripHttps(url: string): string {
  if (Token.isUnresolved(url)) {
    return Fn.select(1, Fn.split('https://', url));
  }
  return url.replace(/^https:\/\//, '');
}

/** The partition of an ARN (`aws`, `aws-cn`, ...); works with tokens. */
export function partitionOf(arn: string): string {
  return Token.isUnresolved(arn) ? Fn.select(1, Fn.split(':', arn)) : arn.split(':')[1];
}

/**
 * The forms of IAM Identity Center ARNs, as messages show them (Service Authorization Reference, "Resource types
 * defined by AWS IAM Identity Center"; instance and application ids are 16 characters after their prefix, issuer ids a
 * UUID). The one home of these formats: every message and policy resource built from them comes from here.
 */
export const SSO_ARN_FORMS = {
  instance: 'arn:<partition>:sso:::instance/ssoins-<16 characters>',
  application: 'arn:<partition>:sso::<12-digit account>:application/ssoins-<16 characters>/apl-<16 characters>',
  trustedTokenIssuer: 'arn:<partition>:sso::<12-digit account>:trustedTokenIssuer/ssoins-<16 characters>/tti-<uuid>',
};

/** What an error message says was expected, per Identity Center ARN kind. */
export const SSO_ARN_EXPECTED = {
  instance: `an IAM Identity Center instance ARN, ${SSO_ARN_FORMS.instance}`,
  application: `an Identity Center application ARN, ${SSO_ARN_FORMS.application}`,
  trustedTokenIssuer: `a trusted token issuer ARN, ${SSO_ARN_FORMS.trustedTokenIssuer}`,
};

/** The Identity Center resources whose ARN names the instance they belong to. */
export type SsoChildType = 'application' | 'trustedTokenIssuer';

/** `arn:P:sso:::instance/<instance id>`: an Identity Center instance ARN (parts may be tokens). */
export function ssoInstanceArn(partition: string, instanceId: string): string {
  return `arn:${partition}:sso:::instance/${instanceId}`;
}

/** `arn:P:sso::A:<type>/<instance id>/*`: every application or trusted token issuer of one account and instance. */
export function ssoChildrenArn(partition: string, account: string, type: SsoChildType, instanceId: string): string {
  return `arn:${partition}:sso::${account}:${type}/${instanceId}/*`;
}

/**
 * `arn:P:sso::A:<type>/<instance id>/<id>` → `arn:P:sso:::instance/<instance id>` (token-safe): the Identity Center
 * instance of an application or trusted token issuer ARN; a literal ARN of another form fails with `SSO_ARN_EXPECTED`.
 */
export function instanceArnOfChild(scope: IConstruct, prop: string, arn: string, type: SsoChildType): string {
  if (Token.isUnresolved(arn)) {
    return ssoInstanceArn(partitionOf(arn), Fn.select(1, Fn.split('/', arn)));
  }
  const m = new RegExp(`^arn:([^:]+):sso::[^:]*:${type}/([^/]+)/[^/]+$`).exec(arn);
  if (!m) fail(scope, prop, arn, `must be ${SSO_ARN_EXPECTED[type]}`);
  return ssoInstanceArn(m[1], m[2]);
}

/** The partition, account and Identity Center instance id of an application or trusted token issuer ARN (token-safe). */
export interface ChildArnParts {
  readonly partition: string;
  readonly account: string;
  readonly instanceId: string;
}

/**
 * `arn:P:sso::A:<resourceType>/<instance id>/<id>` → P, A and the instance id. Works with tokens (`Fn.split`/`Fn.select`
 * on the whole ARN), also with ARNs that are only partly tokens.
 */
export function childArnParts(arn: string): ChildArnParts {
  if (Token.isUnresolved(arn)) {
    const parts = Fn.split(':', arn);
    return { partition: Fn.select(1, parts), account: Fn.select(4, parts), instanceId: Fn.select(1, Fn.split('/', arn)) };
  }
  const [, partition, , , account] = arn.split(':');
  return { partition, account, instanceId: arn.split('/')[1] };
}

/**
 * Checks a literal ARN passed to a `fromXxxArn` method against the API model's pattern for it (`at` is `Class.method`:
 * there is no construct yet). Tokens, and ARNs that are partly tokens, pass.
 */
export function checkImportedArn(at: string, prop: string, arn: string, c: MemberConstraint, describe: string): void {
  if (Token.isUnresolved(arn) || matches(arn, c)) return;
  fail(at, prop, arn, `must be ${describe}`);
}
