import { SecretValue, Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { fail, TrustedIdentityValidationError } from './validation';

/**
 * The kind of every input of the public API (required props present, strings, lists, maps, booleans, enums, the
 * library's own types), checked before the value is used and before the format rules of `validation.ts`; unresolved
 * tokens of the right kind pass. Why, when TypeScript checks kinds too: docs/design/input-kind-checks.md
 */

/** A construct, or the name of the class (and method) that checks a value before any construct exists. */
export type Scope = IConstruct | string;

/** Options of the checks. */
export interface RequireOptions {
  /** `undefined` passes (an optional prop); `null` does not (the library tests `!== undefined`). @default false */
  readonly optional?: boolean;
}

/**
 * A props or options object (a struct). For optional ones (e.g. `principal(options?)`), pass `optional`.
 *
 * @param expected what the object holds, e.g. `TrustedTokenIssuerProps, an object with instanceArn and configuration`
 */
export function requireStruct(scope: Scope, prop: string, value: unknown, expected: string, options: RequireOptions = {}): void {
  requireObject(scope, prop, value, 'an object', expected, options);
}

/** A plain object: not `null`, a list or a token (its fields are read one by one). */
function requireObject(scope: Scope, prop: string, value: unknown, kind: string, expected: string, options: RequireOptions): void {
  if (isAbsent(scope, prop, value, expected, options)) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Token.isUnresolved(value)) {
    wrongKind(scope, prop, value, kind, expected, options);
  }
}

/** A string; string tokens pass. */
export function requireString(scope: Scope, prop: string, value: unknown, expected: string, options: RequireOptions = {}): void {
  if (isAbsent(scope, prop, value, expected, options)) return;
  if (typeof value !== 'string') {
    // A non-string token (an IResolvable such as Fn.getAtt(...)) is an object: say how to make a string of it.
    const token = Token.isUnresolved(value) ? ' (for a token, pass Token.asString(value))' : '';
    wrongKind(scope, prop, value, `a string${token}`, expected, options);
  }
}

/**
 * A literal boolean. Tokens are rejected: the library decides on the value at synth time (a `String` parameter would
 * also reach an API as `"true"`, not `true`).
 *
 * @param why why the value matters (required props) or what it does, after "must be true or false: "
 */
export function requireBoolean(scope: Scope, prop: string, value: unknown, why: string, options: RequireOptions = {}): void {
  if (value === undefined && !options.optional) fail(scope, prop, value, `is required and must be true or false: ${why}`);
  if (value === undefined || typeof value === 'boolean') return;
  fail(scope, prop, value, `must be true or false${options.optional ? ' (or left out)' : ''}: ${why}`);
}

/** Options of `requireEnum`. */
export interface RequireEnumOptions extends RequireOptions {
  /**
   * Reject tokens: the library branches on the value at synth time (e.g. `implementation`, `removalPolicy`).
   * @default false - a string token passes (it reaches the template as it is)
   */
  readonly literal?: boolean;
}

/**
 * A member of a string enum (`enumObject` is the enum itself, `enumName` its name in messages). For enums whose values
 * the AWS model also lists, call `requireString` and let `checkString` judge membership against the model.
 */
export function requireEnum(
  scope: Scope, prop: string, value: unknown, enumObject: object, enumName: string, options: RequireEnumOptions = {},
): void {
  // Left out and optional, or a member: nothing to report, so no message to build (this runs for every construct).
  if (value === undefined && options.optional) return;
  const members = enumObject as { [key: string]: string };
  const keys = Object.keys(members);
  const values = keys.map(k => members[k]);
  if (typeof value === 'string' && (values.includes(value) || (!options.literal && Token.isUnresolved(value)))) return;
  const differ = keys.some(k => members[k] !== k);
  const allowed = `one of ${keys.join(', ')} (${enumName}${differ ? `; the values are ${values.map(v => JSON.stringify(v)).join(', ')}` : ''})`;
  isAbsent(scope, prop, value, allowed, options); // a required value left out: "is required"
  fail(scope, prop, value, `must be ${allowed}${options.literal && Token.isUnresolved(value) ? ', not a token: the library decides on it at synth time' : ''}`);
}

/** Options of `requireList`. */
export interface RequireListOptions extends RequireOptions {
  /** What the elements are, in messages (`a list of <itemKind>`). @default - "a list" */
  readonly itemKind?: string;
}

/** A list whose every element passes `each` (called with the element and its prop, e.g. `clientIds[2]`). */
export function requireList(
  scope: Scope, prop: string, value: unknown, expected: string, each: (item: unknown, itemProp: string) => void, options: RequireListOptions = {},
): void {
  if (isAbsent(scope, prop, value, expected, options)) return;
  if (!Array.isArray(value)) {
    // A string token (e.g. a CommaDelimitedList parameter's valueAsString) is not a list: valueAsList / Fn.split is.
    const token = typeof value === 'string' && Token.isUnresolved(value) ? ' (for a token, pass a list token such as Fn.split(...) or a parameter\'s valueAsList)' : '';
    wrongKind(scope, prop, value, `a list${options.itemKind ? ` of ${options.itemKind}` : ''}${token}`, expected, options);
  }
  value.forEach((item, i) => each(item, `${prop}[${i}]`));
}

/** A list of strings; a list token passes, and so do string tokens among literal elements. */
export function requireStringList(scope: Scope, prop: string, value: unknown, expected: string, options: RequireOptions = {}): void {
  requireList(scope, prop, value, expected, (item, itemProp) => {
    if (typeof item !== 'string') fail(scope, itemProp, item, `must be a string: ${expected}`);
  }, { ...options, itemKind: 'strings' });
}

/** A map of strings (e.g. tags); string tokens among the values pass. */
export function requireStringMap(scope: Scope, prop: string, value: unknown, expected: string, options: RequireOptions = {}): void {
  requireObject(scope, prop, value, 'an object of strings', expected, options);
  for (const [k, v] of Object.entries((value ?? {}) as object)) {
    if (typeof v !== 'string') fail(scope, `${prop}[${JSON.stringify(k)}]`, v, `must be a string: ${expected}`);
  }
}

/**
 * A `SecretValue` (`SecretValue.isSecretValue`, which works across copies of aws-cdk-lib). The value received is never
 * shown: a plain string here is the secret itself.
 */
export function requireSecretValue(scope: Scope, prop: string, value: unknown, expected: string, options: RequireOptions = {}): void {
  if (isAbsent(scope, prop, value, expected, options)) return;
  if (!SecretValue.isSecretValue(value)) {
    throw new TrustedIdentityValidationError(scope, `${prop} (${kindOf(value)}, value not shown) must be a SecretValue${options.optional ? ' (or left out)' : ''}: ${expected}`);
  }
}

/** An `iam.IPrincipal`: what aws-cdk-lib calls on one (`addToPrincipalPolicy`, `assumeRoleAction`). */
export function requirePrincipal(scope: Scope, prop: string, value: unknown, expected: string): void {
  if (isAbsent(scope, prop, value, expected, {})) return;
  if (!isPrincipal(value)) wrongKind(scope, prop, value, 'an iam.IPrincipal', expected, {});
}

/** An `iam.IGrantable`: an object whose `grantPrincipal` is a principal (a role, a user, a Lambda function, ...). */
export function requireGrantable(scope: Scope, prop: string, value: unknown, expected: string): void {
  if (isAbsent(scope, prop, value, expected, {})) return;
  if (!isPrincipal((value as any)?.grantPrincipal)) {
    wrongKind(scope, prop, value, 'an iam.IGrantable (an object with a grantPrincipal)', expected, {});
  }
}

/** A construct (`Construct.isConstruct`, which works across copies of the constructs library). */
export function requireConstruct(scope: Scope, prop: string, value: unknown, expected: string): void {
  if (isAbsent(scope, prop, value, expected, {})) return;
  if (!Construct.isConstruct(value)) wrongKind(scope, prop, value, 'a construct', expected, {});
}

/** What a resource interface must offer: string attributes and methods. */
export interface ResourceShape {
  /** The interface's name in messages, e.g. `an ITrustedTokenIssuer`. */
  readonly kind: string;
  /** Attributes that must be strings (string tokens pass), e.g. `trustedTokenIssuerArn`. */
  readonly attributes: string[];
  /** Methods the library calls. @default - none */
  readonly methods?: string[];
}

/**
 * A construct that implements a resource interface (`ITrustedTokenIssuer`, `kms.IKey`): created in this app or
 * imported with a `fromXxx` method. Interfaces cannot be tested with `instanceof`; the attributes and methods the
 * library uses are.
 */
export function requireResource(
  scope: Scope, prop: string, value: unknown, shape: ResourceShape, expected: string, options: RequireOptions = {},
): void {
  if (isAbsent(scope, prop, value, expected, options)) return;
  const v = value as any;
  if (!Construct.isConstruct(value)
    || shape.attributes.some(a => typeof v[a] !== 'string')
    || (shape.methods ?? []).some(m => typeof v[m] !== 'function')) {
    wrongKind(scope, prop, value, shape.kind, expected, options);
  }
}

/**
 * An instance of one of the library's classes (`TrustedTokenIssuerConfiguration`, `ApplicationGrant`, `AccessScope`,
 * `TrustProvider`): made only by their factories, so a plain object with the same fields is not one.
 */
export function requireInstanceOf(
  scope: Scope, prop: string, value: unknown, type: { readonly name: string; readonly prototype: unknown }, expected: string,
  options: RequireOptions = {},
): void {
  if (isAbsent(scope, prop, value, expected, options)) return;
  // `type` may have a private constructor (AccessScope), which TypeScript does not let `instanceof` take as it is.
  if (!(value instanceof (type as unknown as new () => unknown))) {
    wrongKind(scope, prop, value, `${/^[AEIOU]/.test(type.name) ? 'an' : 'a'} ${type.name}`, expected, options);
  }
}

/** `undefined` → passes when optional, else "is required". */
function isAbsent(scope: Scope, prop: string, value: unknown, expected: string, options: RequireOptions): boolean {
  if (value !== undefined) return false;
  if (options.optional) return true;
  return fail(scope, prop, value, `is required: ${expected}`);
}

function wrongKind(scope: Scope, prop: string, value: unknown, kind: string, expected: string, options: RequireOptions): never {
  return fail(scope, prop, value, `must be ${kind}${options.optional ? ' (or left out)' : ''}: ${expected}`);
}

function isPrincipal(value: unknown): boolean {
  const v = value as any;
  return typeof v === 'object' && v !== null && typeof v.addToPrincipalPolicy === 'function' && typeof v.assumeRoleAction === 'string';
}

/** The kind of a value, for messages that must not show it. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  const t = typeof value;
  return t === 'object' ? 'an object' : `a ${t}`;
}
