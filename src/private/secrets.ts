import { Stack } from 'aws-cdk-lib';
import { echoedParameter } from './parameters';
import { render, TOKEN } from './render';

/**
 * What a client secret in a template is, as far as synth can tell:
 * - `secretsmanager`: a `{{resolve:secretsmanager:...}}` dynamic reference; the secret is not in the template.
 * - `ssm-secure`: a `{{resolve:ssm-secure:...}}` reference; CloudFormation resolves these only for the properties listed
 *   under "Resources that support dynamic parameter patterns for secure strings" (CloudFormation user guide).
 * - `ssm`: a `{{resolve:ssm:...}}` reference to a plain String parameter, readable by anyone with `ssm:GetParameter`.
 * - `plain-text`: literal text, written into the template.
 * - `parameter`: a `Ref` to a parameter without `NoEcho` (`parameter` names it); the console and DescribeStacks show it.
 * - `deploy-time`: only values known at deploy time (a `NoEcho` parameter, a resource attribute); nothing is written.
 * - `undecided`: literal text joined with values known at deploy time; part of the secret may be in the template.
 */
export type SecretKind = 'secretsmanager' | 'ssm-secure' | 'ssm' | 'plain-text' | 'parameter' | 'deploy-time' | 'undecided';

/** The class of a secret, and the parameter it refers to when `kind` is `parameter`. */
export interface SecretClass {
  readonly kind: SecretKind;
  readonly parameter?: string;
}

/**
 * Classifies a resolved secret value of `stack` (a string, or an intrinsic such as `Fn::Join`). The whole value is
 * read, as the audit reads a template: an `Fn::Join` by its joined text (separator included), an `Fn::Sub` by its
 * template. The one classifier of `VerifiedAccessTrustProvider` and the `TrustedIdentityChecks` aspect.
 */
export function classifySecret(stack: Stack, resolved: unknown): SecretClass {
  const text = render(resolved);
  if (text.startsWith('{{resolve:secretsmanager:')) return { kind: 'secretsmanager' };
  if (text.startsWith('{{resolve:ssm-secure:')) return { kind: 'ssm-secure' };
  if (text.startsWith('{{resolve:ssm:')) return { kind: 'ssm' };
  if (!text.includes(TOKEN)) return { kind: 'plain-text' };
  const parameter = echoedParameter(stack, resolved);
  if (parameter !== undefined) return { kind: 'parameter', parameter };
  return { kind: text.split(TOKEN).join('') === '' ? 'deploy-time' : 'undecided' };
}
