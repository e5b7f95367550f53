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
  'sso-admin:CreateTrustedTokenIssuer',
  'sso-admin:UpdateTrustedTokenIssuer',
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

  const src = model._meta?.sources ?? {};
  const header = [
    '// ~~ Generated by scripts/gen-constraints.ts (npx projen gen:constraints). Do not edit by hand.',
    `// Source: shared/aws-models/constraints.json — botocore ${src.botocore?.version} (${src.botocore?.commit}),`,
    `// CloudFormation schemas from cfn-lint ${src.cfnLint?.commit} and @aws-cdk/aws-service-spec ${src.awsServiceSpec?.version}.`,
    '/* eslint-disable */',
    '',
    "import type { MemberConstraint } from './constraint-types';",
    '',
    '/** Request-shape constraints of the AWS API operations the library calls, keyed by `service:Operation`, then member path. */',
    `export const API_CONSTRAINTS: { readonly [operation: string]: { readonly [path: string]: MemberConstraint } } = ${JSON.stringify(api, null, 2)};`,
    '',
    '/** CloudFormation registry constraints, keyed by `Type:Property` (`[]` for list items). */',
    `export const CFN_CONSTRAINTS: { readonly [property: string]: MemberConstraint } = ${JSON.stringify(cfn, null, 2)};`,
    '',
  ].join('\n');
  fs.writeFileSync(OUT, header);
  console.log(`wrote ${path.relative(process.cwd(), OUT)}: ${OPERATIONS.length} operations, ${CFN_PROPERTIES.length} CloudFormation properties`);
}

main();
