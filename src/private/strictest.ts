import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { ConstraintSide, StrictestConstraint } from './constraint-types';
import { STRICTEST_CONSTRAINTS } from './constraints.generated';
import { TagLimits } from './tags';
import { checkString, CheckOptions, codePoints } from './validation';

/**
 * Where CloudFormation and the API disagree on a limit (a name, a description, tags), the stricter one holds: a value
 * that only the looser side accepts synthesizes and then fails at deploy. The generator combines the sides of every
 * prop that reaches both (`STRICTEST` in scripts/gen-constraints.ts); the constructs check those props here.
 */

/** The strictest constraint of a CloudFormation property (`Tags[].Key` for list items) and the API members it reaches. */
export function strictestConstraint(type: string, property: string): StrictestConstraint {
  const c = STRICTEST_CONSTRAINTS[`${type}:${property}`];
  if (!c) {
    throw new Error(`internal: no strictest constraint ${type}:${property} in constraints.generated.ts (add it to STRICTEST in scripts/gen-constraints.ts)`);
  }
  return c;
}

/**
 * Checks a string against the strictest constraint: each limit, then each side's pattern, one by one. A message
 * names the side that set a limit when the sides disagree (e.g. "set by sso-admin:CreateApplication;
 * AWS::SSO::Application allows 255"). Unresolved tokens pass.
 */
export function checkStrictest(scope: IConstruct, prop: string, value: string | undefined, c: StrictestConstraint, options: CheckOptions = {}): void {
  const note = options.note ?? '';
  if (value === undefined || Token.isUnresolved(value)) return;
  const short = c.minLength !== undefined && codePoints(value) < c.minLength;
  const limit = short ? limitNote(c, 'minLength', (x, y) => x > y) : limitNote(c, 'maxLength', (x, y) => x < y);
  checkString(scope, prop, value, { type: c.type, minLength: c.minLength, maxLength: c.maxLength }, { note: limit + note });
  checkString(scope, prop, value, { type: c.type, enum: c.enum }, { note });
  for (const p of c.patterns ?? []) {
    const side = (c.patterns!.length > 1 ? ` (the pattern of ${p.source})` : '');
    checkString(scope, prop, value, { type: c.type, ...p }, { ...options, note: side + note });
  }
}

/** The tag limits of a resource type: the strictest of its CloudFormation schema and the API calls its tags reach. */
export function strictestTagLimits(type: string, describe?: string): TagLimits {
  return {
    maxItems: strictestConstraint(type, 'Tags').maxItems,
    key: strictestConstraint(type, 'Tags[].Key'),
    value: strictestConstraint(type, 'Tags[].Value'),
    describe,
  };
}

/**
 * `; set by <side> (<other side> allows <n>)` when the sides disagree on `limit`, else nothing. `stricter(a, b)` is
 * whether a is stricter than b.
 */
function limitNote(c: StrictestConstraint, limit: keyof ConstraintSide & ('minLength' | 'maxLength'), stricter: (a: number, b: number) => boolean): string {
  const value = c[limit];
  if (value === undefined) return '';
  const setBy = c.sides.filter(s => s[limit] === value).map(s => s.source);
  const looser = c.sides.filter(s => s[limit] === undefined || stricter(value, s[limit]!));
  if (looser.length === 0) return '';
  const allows = looser.map(s => `${s.source} ${s[limit] === undefined ? 'has no such limit' : `allows ${s[limit]}`}`).join(', ');
  return `; the stricter limit, set by ${setBy.join(' and ')} (${allows})`;
}
