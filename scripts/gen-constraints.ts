/**
 * Generates src/private/constraints.generated.ts from ../shared/aws-models/constraints.json.
 *
 * Run with `npx projen gen:constraints` and commit the output: the build never reads ../shared.
 * Only the operations and CloudFormation properties listed below are emitted (the subset the library uses).
 */
import * as fs from 'fs';
import * as path from 'path';

const MODELS = process.env.AWS_MODELS ?? path.join(__dirname, '..', '..', 'shared', 'aws-models', 'constraints.json');
const OUT = path.join(__dirname, '..', 'src', 'private', 'constraints.generated.ts');

/** API operations whose input shapes the library validates or calls. `service:Operation`. */
const OPERATIONS = [
  'iam:CreateOpenIDConnectProvider',
  'iam:GetOpenIDConnectProvider',
  'sso-admin:CreateTrustedTokenIssuer',
  'sso-admin:UpdateTrustedTokenIssuer',
  'sso-admin:CreateApplication',
  'sso-admin:UpdateApplication',
  'sso-admin:DeleteTrustedTokenIssuer',
  'sso-admin:DescribeTrustedTokenIssuer',
  'sso-admin:TagResource',
  'sso-admin:UntagResource',
  'sso-admin:PutApplicationGrant',
  'sso-admin:DeleteApplicationGrant',
  'sso-admin:GetApplicationGrant',
  'sso-admin:PutApplicationAccessScope',
  'sso-admin:DeleteApplicationAccessScope',
  'sso-admin:PutApplicationAuthenticationMethod',
  'sso-admin:DeleteApplicationAuthenticationMethod',
  'sso-admin:PutApplicationAssignmentConfiguration',
  'sso-admin:PutApplicationSessionConfiguration',
  'sso-oidc:CreateTokenWithIAM',
  'ec2:CreateVerifiedAccessTrustProvider',
  'ec2:ModifyVerifiedAccessTrustProvider',
];

/** CloudFormation properties whose registry constraints are stricter than the API's. `Type:Property`. */
const CFN_PROPERTIES = [
  'AWS::IAM::OIDCProvider:Url',
  'AWS::IAM::OIDCProvider:ClientIdList',
  'AWS::IAM::OIDCProvider:ThumbprintList',
  'AWS::SSO::Application:Name',
  'AWS::SSO::Application:Description',
  'AWS::SSO::Application:InstanceArn',
  'AWS::SSO::Application:ApplicationProviderArn',
  'AWS::SSO::Application:Status',
  'AWS::SSO::Application:PortalOptions',
  'AWS::SSO::Application:Tags',
  'AWS::SSO::ApplicationAssignment:PrincipalId',
  'AWS::EC2::VerifiedAccessTrustProvider:PolicyReferenceName',
  'AWS::EC2::VerifiedAccessTrustProvider:Description',
  'AWS::EC2::VerifiedAccessTrustProvider:TrustProviderType',
  'AWS::EC2::VerifiedAccessTrustProvider:UserTrustProviderType',
  'AWS::EC2::VerifiedAccessTrustProvider:DeviceTrustProviderType',
  'AWS::EC2::VerifiedAccessTrustProvider:OidcOptions',
  'AWS::EC2::VerifiedAccessTrustProvider:NativeApplicationOidcOptions',
  'AWS::EC2::VerifiedAccessTrustProvider:DeviceOptions',
  'AWS::EC2::VerifiedAccessTrustProvider:SseSpecification',
  'AWS::EC2::VerifiedAccessTrustProvider:Tags',
];

/**
 * Construct props that reach both CloudFormation and an API (the type's handlers call the API with the property's
 * value): the stricter limit of every side holds, so each such prop is checked against the combination (`STRICTEST`).
 * `cfn` is absent for a type the models have no schema for yet (its properties mirror the API request shape).
 */
const STRICTEST: Array<{ key: string; cfn?: string; api: Array<[operation: string, path: string]> }> = [
  ...sides('AWS::SSO::Application', ['Name'], ['sso-admin:CreateApplication', 'sso-admin:UpdateApplication']),
  ...sides('AWS::SSO::Application', ['Description'], ['sso-admin:CreateApplication', 'sso-admin:UpdateApplication']),
  // Tags on create, and TagResource when CloudFormation updates them.
  ...sides('AWS::SSO::Application', ['Tags', 'Tags[].Key', 'Tags[].Value'], ['sso-admin:CreateApplication', 'sso-admin:TagResource']),
  ...sides('AWS::SSO::TrustedTokenIssuer', ['Name'], ['sso-admin:CreateTrustedTokenIssuer', 'sso-admin:UpdateTrustedTokenIssuer'], false),
  ...sides('AWS::SSO::TrustedTokenIssuer', ['Tags', 'Tags[].Key', 'Tags[].Value'], ['sso-admin:CreateTrustedTokenIssuer', 'sso-admin:TagResource'], false),
];

function sides(type: string, paths: string[], operations: string[], hasSchema = true) {
  return paths.map(p => ({
    key: `${type}:${p}`,
    cfn: hasSchema ? `${type}:${p}` : undefined,
    api: operations.map(op => [op, p] as [string, string]),
  }));
}

interface Side {
  source: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

interface PatternOut {
  source: string;
  pattern: string;
  patternSource: string;
  fullMatch: boolean;
}

/** The stricter of every side: the highest minimum, the lowest maximum, and every distinct pattern. */
function strictest(key: string, named: Array<[string, Out]>): Out & { sides: Side[]; patterns?: PatternOut[] } {
  const types = new Set(named.map(([, o]) => o.type === 'array' ? 'list' : o.type));
  if (types.size !== 1) throw new Error(`${key}: the sides disagree on the type (${[...types].join(', ')})`);
  const out: Out & { sides: Side[]; patterns?: PatternOut[] } = { type: [...types][0], sides: [] };
  const pick1 = (k: 'minLength' | 'minItems' | 'maxLength' | 'maxItems', f: (...n: number[]) => number) => {
    const values = named.map(([, o]) => o[k]).filter((v): v is number => v !== undefined);
    if (values.length > 0) out[k] = f(...values);
  };
  pick1('minLength', Math.max);
  pick1('minItems', Math.max);
  pick1('maxLength', Math.min);
  pick1('maxItems', Math.min);
  const patterns: PatternOut[] = [];
  for (const [source, o] of named) {
    const side: Side = { source };
    for (const k of ['minLength', 'maxLength', 'minItems', 'maxItems'] as const) if (o[k] !== undefined) side[k] = o[k];
    out.sides.push(side);
    if (o.pattern === undefined) continue;
    const same = patterns.find(p => p.pattern === o.pattern && p.fullMatch === !!o.fullMatch);
    if (same) same.source += `, ${source}`;
    else patterns.push({ source, pattern: o.pattern, patternSource: o.patternSource!, fullMatch: !!o.fullMatch });
  }
  if (patterns.length === 1) {
    out.pattern = patterns[0].pattern;
    out.patternSource = patterns[0].patternSource;
    out.fullMatch = patterns[0].fullMatch;
  } else if (patterns.length > 1) {
    // Every pattern must hold: one lookahead each at the start, with each pattern's own semantics (a full match ends
    // at the end of the value; a registry pattern may match anywhere).
    out.pattern = '^' + patterns.map(p => p.fullMatch ? `(?=(?:${p.pattern})$)` : `(?=[\\s\\S]*?(?:${p.pattern}))`).join('');
    out.patternSource = patterns.map(p => `/${p.patternSource}/ (${p.source})`).join(' and ');
    out.fullMatch = false;
    new RegExp(out.pattern, 'u');
  }
  if (patterns.length > 0) out.patterns = patterns;
  return out;
}

interface Out {
  type: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  patternSource?: string;
  fullMatch?: boolean;
  enum?: string[];
  union?: boolean;
  members?: string[];
  idempotencyToken?: boolean;
  createOnly?: boolean;
}

function pick(node: any, required: boolean | undefined): Out {
  const o: Out = { type: node.type };
  if (required !== undefined) o.required = required;
  for (const k of ['minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    if (typeof node[k] === 'number') o[k] = node[k];
  }
  if (node.pattern !== undefined) {
    const js = node.js ?? {};
    o.pattern = js.regExp ?? node.pattern;
    o.patternSource = node.pattern;
    // AWS API patterns are full-match; CloudFormation registry patterns match anywhere unless anchored.
    o.fullMatch = !String(js.semantics ?? '').startsWith('JSON Schema');
    if (js.flags && js.flags !== 'u') throw new Error(`unexpected flags ${js.flags}`);
    new RegExp(o.pattern!, 'u'); // must compile under the u flag
  }
  if (Array.isArray(node.enum)) o.enum = node.enum;
  if (node.union) o.union = true;
  if (node.members) o.members = Object.keys(node.members);
  if (node.idempotencyToken) o.idempotencyToken = true;
  return o;
}

function walk(members: Record<string, any>, prefix: string, out: Record<string, Out>) {
  for (const [name, node] of Object.entries(members)) {
    const p = prefix ? `${prefix}.${name}` : name;
    out[p] = pick(node, !!node.required);
    if (node.members) walk(node.members, p, out);
    if (node.items) {
      out[`${p}[]`] = pick(node.items, undefined);
      if (node.items.members) walk(node.items.members, `${p}[]`, out);
    }
  }
}

/** Nested registry-schema properties (`Prop.Sub`) and list items (`Prop[]`), recursively. */
function walkSchema(schema: any, prefix: string, out: Record<string, Out>) {
  const required: string[] = Array.isArray(schema.required) ? schema.required : [];
  // Member names of an object (`OidcOptions` → Issuer, ...), for conformance checks.
  if (schema.properties && out[prefix]) out[prefix].members = Object.keys(schema.properties);
  for (const [name, sub] of Object.entries<any>(schema.properties ?? {})) {
    out[`${prefix}.${name}`] = pick(sub, required.includes(name));
    walkSchema(sub, `${prefix}.${name}`, out);
  }
  if (schema.items) {
    out[`${prefix}[]`] = pick(schema.items, undefined);
    walkSchema(schema.items, `${prefix}[]`, out);
  }
}

function main() {
  const model = JSON.parse(fs.readFileSync(MODELS, 'utf8'));
  const api: Record<string, Record<string, Out>> = {};
  for (const op of OPERATIONS) {
    const [service, name] = op.split(':');
    const def = model[service]?.[name];
    if (!def) throw new Error(`operation ${op} not in ${MODELS}`);
    const out: Record<string, Out> = {};
    walk(def.input ?? {}, '', out);
    api[op] = out;
  }
  const cfn: Record<string, Out> = {};
  for (const key of CFN_PROPERTIES) {
    const i = key.lastIndexOf(':');
    const type = key.slice(0, i);
    const prop = key.slice(i + 1);
    const p = model.cloudformation?.[type]?.properties?.[prop];
    if (!p) throw new Error(`CloudFormation property ${key} not in ${MODELS}`);
    const schema = p.registrySchema ?? {};
    cfn[key] = { ...pick(schema, p.required), createOnly: p.createOnly };
    walkSchema(schema, key, cfn);
  }

  const strict: Record<string, Out> = {};
  for (const { key, cfn: cfnKey, api: members } of STRICTEST) {
    const named: Array<[string, Out]> = [];
    if (cfnKey !== undefined) {
      const c = cfn[cfnKey];
      if (!c) throw new Error(`STRICTEST ${key}: ${cfnKey} is not in CFN_PROPERTIES`);
      named.push([cfnKey.slice(0, cfnKey.lastIndexOf(':')), c]);
    }
    for (const [op, p] of members) {
      const c = api[op]?.[p];
      if (!c) throw new Error(`STRICTEST ${key}: ${op} ${p} is not in OPERATIONS`);
      named.push([op, c]);
    }
    strict[key] = strictest(key, named);
  }

  const src = model._meta?.sources ?? {};
  const header = [
    '// ~~ Generated by scripts/gen-constraints.ts (npx projen gen:constraints). Do not edit by hand.',
    `// Source: shared/aws-models/constraints.json — botocore ${src.botocore?.version} (${src.botocore?.commit}),`,
    `// CloudFormation schemas from cfn-lint ${src.cfnLint?.commit} and @aws-cdk/aws-service-spec ${src.awsServiceSpec?.version}.`,
    '/* eslint-disable */',
    '',
    "import type { MemberConstraint, StrictestConstraint } from './constraint-types';",
    '',
    '/** Request-shape constraints of the AWS API operations the library calls, keyed by `service:Operation`, then member path. */',
    `export const API_CONSTRAINTS: { readonly [operation: string]: { readonly [path: string]: MemberConstraint } } = ${JSON.stringify(api, null, 2)};`,
    '',
    '/** CloudFormation registry constraints, keyed by `Type:Property` (`[]` for list items). */',
    `export const CFN_CONSTRAINTS: { readonly [property: string]: MemberConstraint } = ${JSON.stringify(cfn, null, 2)};`,
    '',
    '/**',
    ' * Props that reach both CloudFormation and the API, keyed by `Type:Property` (`[]` for list items): the stricter',
    ' * limit of every side (`sides` lists each side\'s own), and every distinct pattern (`pattern` requires them all).',
    ' */',
    `export const STRICTEST_CONSTRAINTS: { readonly [property: string]: StrictestConstraint } = ${JSON.stringify(strict, null, 2)};`,
    '',
  ].join('\n');
  fs.writeFileSync(OUT, header);
  console.log(`wrote ${path.relative(process.cwd(), OUT)}: ${OPERATIONS.length} operations, ${CFN_PROPERTIES.length} CloudFormation properties, ${STRICTEST.length} strictest constraints`);
}

main();
