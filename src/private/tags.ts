import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { MemberConstraint } from './constraint-types';
import { apiConstraint, checkAtSynth, checkString, fail } from './validation';

/**
 * The one home of tag rules: the limits of each resource type's tags, checked on the `tags` prop at construction and
 * on the final tags at synth (after every `Tags.of()` aspect ran). A tag that breaks a rule is reported with where it
 * came from: the `tags` prop (change it there) or `Tags.of()`, which tags every taggable resource below a scope, so a
 * tag fine for most types can break a stricter one (`AWS::SSO::Application` allows no spaces); the message then shows
 * how to keep the tag off this resource type.
 */

/** The limits of a tag map: from an API model, a CloudFormation schema, or a service's documented limits. */
export interface TagLimits {
  /** Most tags a resource may have. */
  readonly maxItems?: number;
  readonly key: MemberConstraint;
  readonly value: MemberConstraint;
  /** What the key/value patterns allow, in words. */
  readonly describe?: string;
}

/** The tag rules of a construct's resource. */
export interface TagRules {
  /**
   * The resource type whose tags these are, as `Tags.of()` matches it in `includeResourceTypes`/`excludeResourceTypes`
   * (the type of the resource's `TagManager`, e.g. `AWS::SSO::Application` or `Custom::TrustedTokenIssuer`).
   */
  readonly resourceType: string;
  readonly limits: TagLimits;
}

/** The tag limits of an API operation: its `Tags` list constraint and the list's `Key`/`Value` members. */
export function apiTagLimits(operation: string, listPath: string): TagLimits {
  return {
    maxItems: apiConstraint(operation, listPath).maxItems,
    key: apiConstraint(operation, `${listPath}[].Key`),
    value: apiConstraint(operation, `${listPath}[].Value`),
  };
}

/**
 * Checks a construct's tags, each tag once: the `tags` prop (named `prop`) now, at construction, so that a bad prop
 * fails where it is written; and when the app is validated, after every `Tags.of()` aspect ran, the tags added since
 * (a tag whose key and value are not the prop's came from `Tags.of()`) and the count of all of them together.
 *
 * @param finalTags the resource's tags once the aspects ran (its `TagManager`'s `tagValues()`), read at validation
 */
export function checkTags(
  scope: IConstruct, prop: string, propTags: { [key: string]: string } | undefined, rules: TagRules,
  finalTags: () => { [key: string]: string } | undefined,
): void {
  checkTagMap(scope, prop, propTags, rules, () => true, () => true);
  const fromProp = (key: string, value: string) => isPropTag(propTags, key, value);
  checkAtSynth(scope, () => checkTagMap(scope, prop, finalTags(), rules, fromProp, (key, value) => !fromProp(key, value)));
}

/**
 * Checks the count of `tags` and each tag that `check` selects; `fromProp` tells whether a tag came from the prop (for
 * the message).
 */
function checkTagMap(
  scope: IConstruct, prop: string, tags: { [key: string]: string } | undefined, rules: TagRules,
  fromProp: (key: string, value: string) => boolean, check: (key: string, value: string) => boolean,
): void {
  if (tags === undefined || Token.isUnresolved(tags)) return;
  const { limits, resourceType } = rules;
  const rule = `, the rule for tags of ${resourceType}`;
  const entries = Object.entries(tags);
  if (limits.maxItems !== undefined && entries.length > limits.maxItems) {
    const applied = entries.filter(([k, v]) => !fromProp(k, v)).map(([k]) => k);
    const origin = applied.length === 0
      ? `. The tags come from the ${prop} prop: remove some there`
      : `. ${applied.length} of them come from Tags.of(...), not from the ${prop} prop (${keyList(applied)}): remove some, or keep them off this resource type with ${exclusion(resourceType)}`;
    fail(scope, prop, Object.keys(tags), `must have at most ${limits.maxItems} tags (got ${entries.length})${rule}${origin}`);
  }
  const describe = limits.describe ?? 'made of letters, digits, spaces and _ . : / = + - @';
  for (const [k, v] of entries) {
    if (!check(k, v)) continue;
    const note = rule + (fromProp(k, v)
      ? `. The tag comes from the ${prop} prop: change it there`
      : `. The tag comes from Tags.of(...), not from the ${prop} prop: change it, or keep it off this resource type with ${exclusion(resourceType, k, v)}`);
    checkString(scope, `${prop} key`, k, limits.key, { describe, note });
    if (!Token.isUnresolved(k) && k.toLowerCase().startsWith('aws:')) {
      fail(scope, `${prop} key`, k, `must not start with "aws:" (reserved for AWS)${note}`);
    }
    checkString(scope, `${prop}[${JSON.stringify(k)}]`, v, limits.value, { describe, note });
  }
}

/** Up to 10 keys, quoted. */
function keyList(keys: string[]): string {
  const shown = keys.slice(0, 10).map(k => JSON.stringify(k)).join(', ');
  return keys.length > 10 ? `${shown} and ${keys.length - 10} more` : shown;
}

function isPropTag(propTags: { [key: string]: string } | undefined, key: string, value: string): boolean {
  return propTags !== undefined && Object.prototype.hasOwnProperty.call(propTags, key) && propTags[key] === value;
}

/**
 * The `Tags.of()` call that keeps a tag off `resourceType`: with the tag's key and value where they are short literals,
 * else with the placeholders `key` and `value`.
 */
function exclusion(resourceType: string, key?: string, value?: string): string {
  return `Tags.of(scope).add(${literal(key, 'key')}, ${literal(value, 'value')}, { excludeResourceTypes: [${literal(resourceType, 'type')}] })`;
}

/** A JavaScript string literal of `s`, or `placeholder` for none, a token or a long value. */
function literal(s: string | undefined, placeholder: string): string {
  if (s === undefined || Token.isUnresolved(s) || s.length > 60) return placeholder;
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, '\\\'')}'`;
}
