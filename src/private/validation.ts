import { Annotations, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { MemberConstraint } from './constraint-types';
import { API_CONSTRAINTS, CFN_CONSTRAINTS } from './constraints.generated';

/**
 * The library's one error class for bad input.
 *
 * Messages always start with the construct path and name the prop, the value received and what is allowed.
 * (aws-cdk-lib's own ValidationError is internal and changed its constructor between releases.)
 */
export class TrustedIdentityValidationError extends Error {
  /**
   * @param scope the construct whose input is bad, or (for values checked before any construct exists, such as a
   * principal's options) the name of the class that checks them
   */
  constructor(scope: IConstruct | string, message: string) {
    super(`${typeof scope === 'string' ? scope : scope.node.path}: ${message}`);
    this.name = 'TrustedIdentityValidationError';
  }
}

/** Throws the library's error for `prop` (of a construct, or of a class that has no construct path). */
export function fail(scope: IConstruct | string, prop: string, value: unknown, allowed: string): never {
  throw new TrustedIdentityValidationError(scope, `${prop} ${show(value)} ${allowed}`);
}

/** Adds a warning with a stable id (acknowledgeable with `Annotations.acknowledgeWarning`). */
export function warn(scope: IConstruct, id: string, message: string): void {
  Annotations.of(scope).addWarningV2(`cdk-trusted-identity:${id}`, message);
}

/** A value as it appears in messages: quoted, and shortened when long. */
export function show(value: unknown): string {
  const s = shown(value);
  return s.length > 120 ? `${s.slice(0, 100)}…" (${s.length} characters)` : s;
}

/**
 * JSON where it can be; a construct by its class and path, a function by its name (JavaScript callers can pass either
 * anywhere, and a construct's JSON is circular).
 */
function shown(value: unknown): string {
  if (typeof value === 'function') return `[function ${value.name || '(anonymous)'}]`;
  const path = (value as any)?.node?.path;
  if (typeof value === 'object' && value !== null && typeof path === 'string') {
    return `[${value.constructor?.name ?? 'construct'} ${path || '(root)'}]`;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return `[${(value as any)?.constructor?.name ?? typeof value}]`;
  }
}

/** The constraint of `path` in the input of `operation` (`service:Operation`) from the generated table. */
export function apiConstraint(operation: string, path: string): MemberConstraint {
  const c = API_CONSTRAINTS[operation]?.[path];
  if (!c) {
    throw new Error(`internal: no constraint ${operation} ${path} in constraints.generated.ts (run npx projen gen:constraints)`);
  }
  return c;
}

/** The constraint of a CloudFormation property (`Type:Property`, `[]` for list items) from the generated table. */
export function cfnConstraint(key: string): MemberConstraint {
  const c = CFN_CONSTRAINTS[key];
  if (!c) {
    throw new Error(`internal: no constraint ${key} in constraints.generated.ts (run npx projen gen:constraints)`);
  }
  return c;
}

/** Options for the checks. */
export interface CheckOptions {
  /** What the pattern allows, in words (used instead of the raw pattern in messages). */
  readonly describe?: string;
  /** Appended to the message (e.g. where the value came from and how to fix it). */
  readonly note?: string;
}

/**
 * Checks one string against a model constraint (length, enum, pattern). Unresolved tokens always pass;
 * so does `undefined` (required-ness is the type system's job).
 */
export function checkString(scope: IConstruct, prop: string, value: string | undefined, c: MemberConstraint, options: CheckOptions = {}): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const note = options.note ?? '';
  const len = codePoints(value);
  if (c.minLength !== undefined && len < c.minLength) {
    fail(scope, prop, value, `must be at least ${c.minLength} character${c.minLength === 1 ? '' : 's'} long${range(c)} (got ${len})${note}`);
  }
  if (c.maxLength !== undefined && len > c.maxLength) {
    fail(scope, prop, value, `must be at most ${c.maxLength} characters long${range(c)} (got ${len})${note}`);
  }
  if (c.enum && !c.enum.includes(value)) {
    fail(scope, prop, value, `must be one of ${c.enum.map(e => JSON.stringify(e)).join(', ')}${note}`);
  }
  if (c.pattern !== undefined && !matches(value, c)) {
    fail(scope, prop, value, `must be ${options.describe ?? `a full match of the pattern /${c.patternSource}/`}${note}`);
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The length of `value` as the models count it, in Unicode code points (an emoji is one): the UTF-16 length unless the
 * value has a surrogate pair, the common case without building an array of its characters.
 */
export function codePoints(value: string): number {
  return SURROGATE.test(value) ? [...value].length : value.length;
}

/** Whether a literal value satisfies a constraint's pattern, with the pattern's own semantics. */
export function matches(value: string, c: MemberConstraint): boolean {
  if (c.pattern === undefined) return true;
  const re = compiled(c.pattern);
  if (!c.fullMatch) return re.test(value);
  const m = re.exec(value);
  return m !== null && m.index === 0 && m[0].length === value.length;
}

/** Options for `checkList`. */
export interface ListCheckOptions extends CheckOptions {
  /** A limit stated only in the API documentation (the model has no maxItems). */
  readonly maxItems?: number;
  /** Reject duplicate literal elements. */
  readonly unique?: boolean;
}

/**
 * Checks a list: item count (token elements count as one each), each literal element, duplicates among literal
 * elements. A list that is itself an unresolved token passes.
 */
export function checkList(
  scope: IConstruct,
  prop: string,
  values: string[] | undefined,
  list: MemberConstraint,
  item: MemberConstraint,
  options: ListCheckOptions = {},
): void {
  if (values === undefined || Token.isUnresolved(values)) return;
  const max = minDefined(list.maxItems, options.maxItems);
  if (max !== undefined && values.length > max) {
    fail(scope, prop, values, `must have at most ${max} item${max === 1 ? '' : 's'} (got ${values.length})`);
  }
  if (list.minItems !== undefined && values.length < list.minItems) {
    fail(scope, prop, values, `must have at least ${list.minItems} items (got ${values.length})`);
  }
  const seen = new Set<string>();
  values.forEach((v, i) => {
    checkString(scope, `${prop}[${i}]`, v, item, options);
    if (options.unique && !Token.isUnresolved(v)) {
      if (seen.has(v)) fail(scope, `${prop}[${i}]`, v, 'is a duplicate: each value may appear only once');
      seen.add(v);
    }
  });
}

const REGEXPS = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let re = REGEXPS.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    REGEXPS.set(pattern, re);
  }
  return re;
}

/** Runs `check` when the app is validated (after aspects); a thrown error becomes a validation error. */
export function checkAtSynth(scope: IConstruct, check: () => void): void {
  scope.node.addValidation({
    validate: () => {
      try {
        check();
      } catch (e: any) {
        return [e.message];
      }
      return [];
    },
  });
}

function range(c: MemberConstraint): string {
  if (c.minLength !== undefined && c.maxLength !== undefined) {
    return c.minLength === c.maxLength ? ` (exactly ${c.maxLength})` : ` (${c.minLength}-${c.maxLength})`;
  }
  return '';
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
