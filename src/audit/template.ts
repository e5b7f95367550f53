import { CfnResource, DefaultTokenResolver, Stack, StringConcat, Token, Tokenization } from 'aws-cdk-lib';
import { Verdict } from './conditions';
import { hasWildcard } from '../private/issuers';

export const CFN_JSON = 'Custom::AWSCDKCfnJson';
export const SET_CONTEXT = 'sts:SetContext';

/**
 * One property as CloudFormation will see it: resolved, with the resource's raw overrides merged in as `CfnResource`
 * does (`addPropertyOverride`, `addPropertyDeletionOverride`). Read from the resource's own properties (PascalCase on
 * a raw `CfnResource`, camelCase on an L1, whose nested structs stay camelCase: read them with `field()`), without
 * rendering all of them; a property with overrides is rendered the way the template is, so the merge is exact.
 */
export function propertyOf(res: CfnResource, name: string, prune: (unresolved: any) => any = v => v): any {
  const r = res as any;
  const overrides = r.rawOverrides?.Properties;
  if (!isPlainObject(overrides) || !(name in overrides)) {
    const props = r.cfnProperties ?? {};
    return resolve(res, prune(renderPolicyDocuments(name in props ? props[name] : props[name.charAt(0).toLowerCase() + name.slice(1)])));
  }
  const value = resolve(res, renderPolicyDocuments((r.renderProperties(r.cfnProperties) ?? {})[name]));
  // Resolved like aws-cdk-lib does, keeping `undefined` (a deletion override).
  const override = Tokenization.resolve(overrides[name], { scope: res, resolver: new DefaultTokenResolver(new StringConcat()), removeEmpty: false });
  return deepMerge({ [name]: value }, { [name]: override })[name];
}

/**
 * Keeps the statements of an unresolved policy document that `keep` cannot rule out, so that only those are resolved
 * (resolving is most of the audit's cost; most roles trust a service and most policy statements are grants). A
 * document or statement list that is itself a token is kept whole.
 */
export function pruneStatements(keep: (statement: any) => boolean): (doc: any) => any {
  return doc => {
    if (!isPlainObject(doc) || !Array.isArray(doc.Statement)) return doc;
    const kept = doc.Statement.filter((st: unknown) => !isPlainObject(st) || keep(st));
    return kept.length > 0 ? { ...doc, Statement: kept } : undefined;
  };
}

/** A trust statement that may allow a federated principal or `sts:SetContext` (tokens may be anything). */
export function mayConcernTrust(st: any): boolean {
  if (st.Effect === 'Deny') return false;
  const principal = st.Principal;
  const federated = !isPlainObject(principal) || Token.isUnresolved(principal) || 'Federated' in principal;
  // NotAction allows every action it does not name: it may allow sts:SetContext (decided after resolving).
  return federated || st.NotAction !== undefined || someString(st.Action, a => actionMatches(a, SET_CONTEXT));
}

/**
 * Whether a resolved statement allows `action`: one of its `Action`s matches it, or it has a `NotAction` none of whose
 * entries matches it (NotAction allows everything else; IAM User Guide, "IAM JSON policy elements: NotAction").
 * `maybe` when an entry that could decide is only known at deploy time.
 */
export function allows(st: any, action: string): Verdict {
  const negated = st.NotAction !== undefined;
  const entries = listOf(negated ? st.NotAction : st.Action);
  if (entries.some(a => typeof a === 'string' && actionMatches(a, action))) return negated ? 'no' : 'yes';
  if (entries.some(a => typeof a !== 'string')) return 'maybe';
  return negated ? 'yes' : 'no';
}

/** An identity-policy statement that may allow an `sso-oauth:` action. */
export function mayConcernTokenExchange(st: any): boolean {
  return st.Effect !== 'Deny' && someString(st.Action, a => a.toLowerCase().startsWith('sso-oauth:'));
}

/** Whether a string or list of strings has an element that passes `test`, or may (a token). */
export function someString(value: unknown, test: (s: string) => boolean): boolean {
  if (Token.isUnresolved(value)) return true;
  return listOf(value).some(v => typeof v !== 'string' || Token.isUnresolved(v) || test(v));
}

/** A member of a struct property, as CloudFormation (`ClientSecret`) or as an L1 (`clientSecret`) names it. */
export function field(struct: any, name: string): any {
  if (!isPlainObject(struct)) return undefined;
  return struct[name] ?? struct[name.charAt(0).toLowerCase() + name.slice(1)];
}

/** aws-cdk-lib's merge of overrides: objects merge key by key (into arrays by index), `undefined` deletes. */
export function deepMerge(target: any, source: any): any {
  for (const [key, value] of Object.entries(source)) {
    if (isPlainObject(value)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      deepMerge(target[key], value);
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
  return target;
}

/**
 * Resolves one property value. Only the properties a rule needs are resolved, so that the aspect does not freeze
 * (cache) lazy values of other properties before later aspects have run. `iam.PolicyDocument`s are rendered with
 * `toJSON()` first: resolving one directly freezes its statements and, with `@aws-cdk/aws-iam:minimizePolicies`,
 * merges them, which would change what later code may still add.
 */
export function resolve(res: CfnResource, value: unknown): any {
  return value === undefined ? undefined : Stack.of(res).resolve(value);
}

/** Replaces `iam.PolicyDocument`s (in plain objects and arrays) by their rendering, which does not freeze them. */
export function renderPolicyDocuments(value: any): any {
  if (Array.isArray(value)) return value.map(renderPolicyDocuments);
  if (typeof value !== 'object' || value === null) return value;
  if (typeof value.addStatements === 'function' && typeof value.toJSON === 'function' && typeof value.resolve === 'function') {
    return value.toJSON();
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderPolicyDocuments(v)]));
}

export function statementsOf(doc: any): any[] {
  if (!isPlainObject(doc)) return [];
  return listOf((doc as any).Statement).filter(isPlainObject);
}

export function listOf(value: unknown): any[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The logical id a `Ref` or `Fn::GetAtt` (of `attribute`, default `Arn`) points to. */
export function referenceTarget(value: unknown, attribute = 'Arn'): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const v = value as any;
  if (typeof v.Ref === 'string' && !v.Ref.startsWith('AWS::')) return v.Ref;
  const att = typeof v['Fn::GetAtt'] === 'string' ? v['Fn::GetAtt'].split('.') : v['Fn::GetAtt'];
  if (Array.isArray(att) && att[1] === attribute && typeof att[0] === 'string') return att[0];
  return undefined;
}

export function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isIntrinsic(value: unknown): value is { [key: string]: unknown } {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
export function actionMatches(pattern: string, action: string): boolean {
  if (!hasWildcard(pattern)) return pattern.toLowerCase() === action.toLowerCase();
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(action);
}
