/**
 * Test helpers for custom resources made with `fallbackResource`: their SDK calls parsed from a template, a
 * conformance check of a call's parameters against the generated API model table, and a v1 → v2 plan of what
 * CloudFormation does (create / update / delete, and the SDK calls that follow).
 */
import type { MemberConstraint } from '../src/private/constraint-types';
import { API_CONSTRAINTS } from '../src/private/constraints.generated';
import { matches } from '../src/private/validation';

/** Stand-ins for the values CloudFormation resolves at deploy time (for conformance checks of the payloads). */
export const SAMPLE_APPLICATION_ARN = 'arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef';
export const SAMPLE_ISSUER_ARN = 'arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1234567890abcdef/tti-12345678-1234-1234-1234-123456789012';
export const SAMPLE_ROLE_ARN = 'arn:aws:iam::123456789012:role/sample';

/** A token in a Fn::Join → a sample value of the right kind. */
function sample(part: any): string {
  const s = JSON.stringify(part);
  if (s.includes('TrustedTokenIssuerArn')) return SAMPLE_ISSUER_ARN;
  if (s.includes('ApplicationArn')) return SAMPLE_APPLICATION_ARN;
  if (s.includes('"Arn"')) return SAMPLE_ROLE_ARN;
  if (s.includes('Ref')) return SAMPLE_ISSUER_ARN;
  return 'TOKEN';
}

/** One SDK call of a custom resource (`Create`, `Update` or `Delete` property), parsed, tokens replaced by samples. */
export function parseCall(value: any): any {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : value['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : sample(p))).join('');
  return JSON.parse(text);
}

/** A custom resource's SDK calls. */
export interface Calls {
  readonly logicalId: string;
  readonly type: string;
  readonly create?: any;
  readonly update?: any;
  readonly delete?: any;
  readonly resource: any;
}

/** The custom resources of `template` whose type starts with `typePrefix`. */
export function calls(template: any, typePrefix: string): Calls[] {
  return Object.entries<any>(template.Resources)
    .filter(([, r]) => r.Type.startsWith(typePrefix))
    .map(([logicalId, r]) => ({
      logicalId,
      type: r.Type,
      create: parseCall(r.Properties.Create),
      update: parseCall(r.Properties.Update),
      delete: parseCall(r.Properties.Delete),
      resource: r,
    }));
}

/** Errors of `params` against the input shape of `operation` (`service:Operation`) in the generated table. */
export function conformance(operation: string, params: any): string[] {
  const table = API_CONSTRAINTS[operation];
  if (!table) return [`no model for ${operation}`];
  const errors: string[] = [];
  const childrenOf = (prefix: string): string[] =>
    Object.keys(table).filter(p => p.startsWith(prefix) && p.length > prefix.length && !p.slice(prefix.length).includes('.') && !p.endsWith('[]'));
  const checkStructure = (prefix: string, value: any, c: MemberConstraint | undefined) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push(`${prefix || '(input)'}: must be a structure`);
      return;
    }
    const members = childrenOf(prefix ? `${prefix}.` : '');
    for (const key of Object.keys(value)) {
      if (!members.includes(prefix ? `${prefix}.${key}` : key)) errors.push(`${prefix ? `${prefix}.` : ''}${key}: not a member of the model`);
    }
    for (const m of members) {
      const name = prefix ? m.slice(prefix.length + 1) : m;
      if (table[m].required && value[name] === undefined) errors.push(`${m}: required`);
      if (value[name] !== undefined) check(m, value[name]);
    }
    if (c?.union && Object.keys(value).length !== 1) errors.push(`${prefix}: a union must have exactly one member (got ${Object.keys(value).length})`);
  };
  const check = (path: string, value: any) => {
    const c = table[path];
    if (c.idempotencyToken) errors.push(`${path}: an idempotency token must be left to the SDK`);
    switch (c.type) {
      case 'structure':
      case 'union':
        return checkStructure(path, value, c);
      case 'list':
        if (!Array.isArray(value)) return errors.push(`${path}: must be a list`);
        if (c.minItems !== undefined && value.length < c.minItems) errors.push(`${path}: fewer than ${c.minItems} items`);
        if (c.maxItems !== undefined && value.length > c.maxItems) errors.push(`${path}: more than ${c.maxItems} items`);
        return value.forEach(v => (table[`${path}[]`].type === 'structure' ? checkStructure(`${path}[]`, v, table[`${path}[]`]) : check(`${path}[]`, v)));
      case 'boolean':
        return typeof value === 'boolean' ? undefined : errors.push(`${path}: must be a boolean`);
      case 'document':
        return typeof value === 'object' && value !== null ? undefined : errors.push(`${path}: must be a JSON document`);
      case 'string': {
        if (typeof value !== 'string') return errors.push(`${path}: must be a string`);
        const len = [...value].length;
        if (c.minLength !== undefined && len < c.minLength) errors.push(`${path}: shorter than ${c.minLength}`);
        if (c.maxLength !== undefined && len > c.maxLength) errors.push(`${path}: longer than ${c.maxLength}`);
        if (c.enum && !c.enum.includes(value)) errors.push(`${path}: ${value} not in ${c.enum}`);
        if (!matches(value, c)) errors.push(`${path}: ${JSON.stringify(value)} does not match /${c.patternSource}/`);
        return;
      }
      default:
        return errors.push(`${path}: unexpected type ${c.type}`);
    }
  };
  checkStructure('', params, undefined);
  return errors;
}

/** What CloudFormation does between two templates of the same stack. */
export interface Plan {
  /** Logical ids CloudFormation creates, updates (properties changed), deletes, or leaves untouched. */
  readonly create: string[];
  readonly update: string[];
  readonly delete: string[];
  readonly untouched: string[];
  /** `<logical id> <action>` of the custom-resource SDK calls: creates and updates, then cleanup deletes. */
  readonly sdkCalls: string[];
}

/** The plan from `v1` to `v2`; custom resources are those whose type starts with `typePrefix`. */
export function plan(v1: any, v2: any, typePrefix: string): Plan {
  const r1 = v1.Resources;
  const r2 = v2.Resources;
  const create = Object.keys(r2).filter(id => !(id in r1));
  const del = Object.keys(r1).filter(id => !(id in r2));
  const both = Object.keys(r2).filter(id => id in r1);
  const update = both.filter(id => JSON.stringify(r1[id].Properties) !== JSON.stringify(r2[id].Properties));
  const untouched = both.filter(id => !update.includes(id));
  const action = (r: any, phase: 'Create' | 'Update' | 'Delete') => (r.Properties?.[phase] ? parseCall(r.Properties[phase]).action : undefined);
  const cr = (id: string, r: any) => r[id].Type.startsWith(typePrefix);
  const sdkCalls = [
    ...create.filter(id => cr(id, r2)).map(id => action(r2[id], 'Create')),
    ...update.filter(id => cr(id, r2)).map(id => action(r2[id], 'Update')),
    ...del.filter(id => cr(id, r1) && r1[id].DeletionPolicy !== 'Retain').map(id => action(r1[id], 'Delete')),
  ].filter(x => x);
  return { create, update, delete: del, untouched, sdkCalls };
}
