/**
 * Property-based validation tests (fast-check): for every validated prop of every construct,
 * - values generated from the model constraints (patterns, lengths, item counts) must synthesize;
 * - values that break exactly one constraint must be rejected with a message naming the prop;
 * - unresolved tokens (Fn.importValue, CfnParameter, Lazy, list tokens) must never be rejected.
 *
 * Fixed seed (FC_SEED, default below) so CI is reproducible; FC_RUNS sets the run count per property (default 20:
 * the whole file stays well within a minute on 2 cores). A failure prints the seed and the shrunk counterexample.
 */
import { App, CfnParameter, Fn, Lazy, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import {
  AccessScope, ApplicationGrant, ApplicationStatus, IdentityCenterApplication, IdentityContextPrincipal, OidcProvider, TrustedTokenIssuer,
  TrustedTokenIssuerConfiguration,
  TrustedTokenIssuerImplementation, TrustProvider, VerifiedAccessTrustProvider,
} from '../src';
import type { MemberConstraint } from '../src/private/constraint-types';
import { apiConstraint, cfnConstraint, matches } from '../src/private/validation';

const SEED = Number(process.env.FC_SEED ?? 20261125);
const RUNS = Number(process.env.FC_RUNS ?? 20);
fc.configureGlobal({ seed: SEED, numRuns: RUNS });

// ---------------------------------------------------------------------------------------------------------------------
// Generators derived from the model constraints.

const length = (s: string) => [...s].length;

/** Strings that satisfy a model constraint: its pattern (full match or search, as the model means it) and lengths. */
function fromConstraint(c: MemberConstraint, maxLength = c.maxLength): fc.Arbitrary<string> {
  const min = c.minLength ?? 0;
  const max = Math.min(maxLength ?? 64, 64);
  const base = c.pattern ? fc.stringMatching(new RegExp(c.pattern, 'u'), { size: 'small' }) : fc.string({ minLength: min, maxLength: max });
  return base.filter(s => length(s) >= min && length(s) <= (c.maxLength ?? Infinity));
}

/** A value of the constraint padded past its maximum length (only the length constraint is broken). */
function tooLong(c: MemberConstraint, valid: fc.Arbitrary<string>, pad: string): fc.Arbitrary<string> {
  return valid.map(v => v + pad.repeat(Math.ceil((c.maxLength! + 1 - length(v)) / pad.length)));
}

/** A valid value with one forbidden character inserted (only the pattern is broken; length stays within bounds). */
function withForbidden(valid: fc.Arbitrary<string>, forbidden: string[], maxLength: number): fc.Arbitrary<string> {
  return fc.tuple(valid.filter(v => length(v) < maxLength), fc.constantFrom(...forbidden), fc.nat())
    .map(([v, ch, i]) => {
      const chars = [...v];
      const at = i % (chars.length + 1);
      return [...chars.slice(0, at), ch, ...chars.slice(at)].join('');
    });
}

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const host = fc.array(label, { minLength: 1, maxLength: 3 }).map(ls => [...ls, 'example.com'].join('.'));
const pathSegment = fc.stringMatching(/^[A-Za-z0-9_.~-]{1,12}$/).filter(s => s !== '.' && s !== '..');
/** An https issuer URL: host and path only (no port, query, fragment, user info, trailing slash). */
const httpsUrl = fc.tuple(host, fc.array(pathSegment, { maxLength: 3 })).map(([h, p]) => `https://${h}${p.map(x => `/${x}`).join('')}`);

/** Token factories: each makes an unresolved string in `stack`. */
const stringTokens: Array<[string, (stack: Stack) => string]> = [
  ['Fn.importValue', () => Fn.importValue('SharedValue')],
  ['CfnParameter', (stack) => new CfnParameter(stack, `P${stack.node.children.length}`).valueAsString],
  ['Lazy.string', () => Lazy.string({ produce: () => 'late' })],
  ['Fn.join of a token', () => Fn.join('', ['https://', Fn.importValue('Host')])],
];
const listTokens: Array<[string, (stack: Stack) => string[]]> = [
  ['Fn.split of Fn.importValue', () => Fn.split(',', Fn.importValue('SharedList'))],
  ['CfnParameter list', (stack) => new CfnParameter(stack, `L${stack.node.children.length}`, { type: 'CommaDelimitedList' }).valueAsList],
  ['Lazy.list', () => Lazy.list({ produce: () => ['late'] })],
];

// ---------------------------------------------------------------------------------------------------------------------
// The harness.

interface PropSpec<T> {
  /** `Construct.prop`, for test names. */
  readonly name: string;
  /** The prop as it must appear in error messages. */
  readonly prop: string;
  /** Builds the construct with this value of the prop, in `scope`; then the app is synthesized. */
  readonly build: (scope: Construct, value: T) => void;
  readonly valid: fc.Arbitrary<T>;
  /** One arbitrary per broken constraint. */
  readonly invalid: Array<[string, fc.Arbitrary<T>]>;
  /** Unresolved values (strings, lists, or lists with token elements). */
  readonly tokens: Array<[string, (stack: Stack) => T]>;
}

function synthesize(build: (stack: Stack) => void): void {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  build(stack);
  app.synth();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function describeProps(specs: Array<PropSpec<any>>): void {
  describe.each(specs.map(s => [s.name, s] as const))('%s', (_, spec) => {
    test('accepts values generated from the model constraints', () => {
      fc.assert(fc.property(spec.valid, (v) => {
        synthesize(stack => spec.build(stack, v));
      }));
    });
    test.each(spec.invalid)('rejects values that break one constraint: %s', (_what, arb) => {
      fc.assert(fc.property(arb, (v) => {
        // The prop, possibly as the last part of a path (authorizedTokenIssuers[0].authorizedAudiences).
        // Principals have no construct path: their errors start with the class name instead.
        expect(() => synthesize(stack => spec.build(stack, v))).toThrow(new RegExp(`(Stack/\\S+|IdentityContextPrincipal): (\\S*\\.)?${escape(spec.prop)}\\b`));
      }));
    });
    if (spec.tokens.length > 0) {
      test.each(spec.tokens)('accepts an unresolved %s', (_what, token) => {
        synthesize(stack => spec.build(stack, token(stack)));
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// OidcProvider

const IAM = 'iam:CreateOpenIDConnectProvider';
const oidc = (scope: Construct, props: Partial<ConstructorParameters<typeof OidcProvider>[2]>) =>
  new OidcProvider(scope, 'Provider', { url: 'https://issuer.example.com', ...props });
const clientId = fromConstraint(apiConstraint(IAM, 'ClientIDList[]'));
const thumbprint = fc.stringMatching(/^[0-9a-f]{40}$/);

/** Tags of a model's Key/Value constraints; the list limit comes from the model too. */
function tagSpecs(construct: string, operation: string, build: (scope: Construct, tags: { [k: string]: string }) => Construct): Array<PropSpec<any>> {
  const max = apiConstraint(operation, 'Tags').maxItems!;
  const key = fromConstraint(apiConstraint(operation, 'Tags[].Key')).filter(k => !k.toLowerCase().startsWith('aws:') && k.trim() === k && k !== '');
  const value = fromConstraint(apiConstraint(operation, 'Tags[].Value'));
  const tags = fc.dictionary(key, value, { maxKeys: 5 });
  return [{
    name: `${construct}.tags`,
    prop: 'tags',
    build: (scope, t) => build(scope, t),
    valid: tags,
    invalid: [
      ['a key with a character the pattern forbids', fc.tuple(key, fc.constantFrom('!', '#', '*', '$', '%')).map(([k, c]) => ({ [`${k}${c}`]: 'v' }))],
      ['a key longer than the model allows', tooLong(apiConstraint(operation, 'Tags[].Key'), key, 'k').map(k => ({ [k]: 'v' }))],
      ['a value longer than the model allows', tooLong(apiConstraint(operation, 'Tags[].Value'), value, 'v').map(v => ({ team: v }))],
      ['an aws: key', key.map(k => ({ [`aws:${k}`.slice(0, 128)]: 'v' }))],
      [`more than ${max} tags`, fc.integer({ min: max + 1, max: max + 5 }).map(n => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v'])))],
    ],
    tokens: stringTokens.map(([n, t]) => [n, (stack: Stack) => ({ team: t(stack) })]),
  }, {
    name: `${construct}.tags through Tags.of()`,
    prop: 'tags',
    build: (scope, n: number) => {
      const c = build(scope, {});
      for (let i = 0; i < n; i++) Tags.of(c).add(`k${i}`, 'v');
    },
    valid: fc.integer({ min: 0, max }),
    invalid: [[`more than ${max} tags`, fc.integer({ min: max + 1, max: max + 3 })]],
    tokens: [],
  }];
}

describeProps([
  {
    name: 'OidcProvider.url',
    prop: 'url',
    build: (scope, url) => oidc(scope, { url }),
    valid: httpsUrl.filter(u => length(u) <= apiConstraint(IAM, 'Url').maxLength!),
    invalid: [
      ['longer than the model allows', tooLong(apiConstraint(IAM, 'Url'), httpsUrl, '/segment')],
      ['a query string', httpsUrl.map(u => `${u}?client=1`)],
      ['not https', httpsUrl.map(u => u.replace('https://', 'http://'))],
      ['a port', httpsUrl.map(u => u.replace('.example.com', '.example.com:8443'))],
    ],
    tokens: stringTokens,
  },
  {
    name: 'OidcProvider.clientIds',
    prop: 'clientIds',
    build: (scope, clientIds) => oidc(scope, { clientIds }),
    valid: fc.uniqueArray(clientId, { maxLength: 10 }),
    invalid: [
      ['an empty client ID', fc.constant([''])],
      ['a client ID longer than the model allows', tooLong(apiConstraint(IAM, 'ClientIDList[]'), clientId, 'x').map(c => [c])],
      ['more than 100 client IDs', fc.integer({ min: 101, max: 105 }).map(n => Array.from({ length: n }, (_, i) => `client-${i}`))],
      ['a duplicate', clientId.map(c => [c, c])],
    ],
    tokens: [...listTokens, ['a list with a token element', (stack: Stack) => ['literal', stringTokens[1][1](stack)]]],
  },
  {
    name: 'OidcProvider.thumbprints',
    prop: 'thumbprints',
    build: (scope, thumbprints) => oidc(scope, { thumbprints }),
    valid: fc.uniqueArray(thumbprint, { maxLength: cfnConstraint('AWS::IAM::OIDCProvider:ThumbprintList').maxItems }),
    invalid: [
      ['39 hex characters', thumbprint.map(t => [t.slice(1)])],
      ['41 hex characters', thumbprint.map(t => [`${t}0`])],
      ['a character that is not hex', withForbidden(thumbprint.map(t => t.slice(1)), ['g', 'z', ':', ' '], 40).map(t => [t])],
      ['more than 5', fc.uniqueArray(thumbprint, { minLength: 6, maxLength: 7 })],
    ],
    tokens: [...listTokens, ['a list with a token element', (stack: Stack) => [stringTokens[0][1](stack)]]],
  },
  ...tagSpecs('OidcProvider', IAM, (scope, tags) => oidc(scope, { tags })),
]);

// ---------------------------------------------------------------------------------------------------------------------
// TrustedTokenIssuer (both implementations validate the same way)

const TTI = 'sso-admin:CreateTrustedTokenIssuer';
const OIDC_JWT = 'TrustedTokenIssuerConfiguration.OidcJwtConfiguration';
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const ISSUER_URL = apiConstraint(TTI, `${OIDC_JWT}.IssuerUrl`);

for (const implementation of [TrustedTokenIssuerImplementation.CLOUDFORMATION, TrustedTokenIssuerImplementation.CUSTOM_RESOURCE]) {
  interface IssuerValues { instanceArn?: string; name?: string; url?: string; claim?: string; attribute?: string; tags?: { [k: string]: string } }
  const issuer = (scope: Construct, props: IssuerValues) =>
    new TrustedTokenIssuer(scope, 'Issuer', {
      implementation,
      instanceArn: props.instanceArn ?? INSTANCE,
      trustedTokenIssuerName: props.name,
      tags: props.tags,
      configuration: TrustedTokenIssuerConfiguration.oidcJwt({
        issuerUrl: props.url ?? 'https://example.okta.com/oauth2/default',
        claimAttributePath: props.claim ?? 'email',
        identityStoreAttributePath: props.attribute ?? 'emails.value',
      }),
    });
  const instanceArn = fromConstraint(apiConstraint(TTI, 'InstanceArn'));
  const name = fromConstraint(apiConstraint(TTI, 'Name'));
  const claim = fromConstraint(apiConstraint(TTI, `${OIDC_JWT}.ClaimAttributePath`));
  const tti = `TrustedTokenIssuer (${implementation})`;

  describeProps([
    {
      name: `${tti}.instanceArn`,
      prop: 'instanceArn',
      build: (scope, v) => issuer(scope, { instanceArn: v }),
      valid: instanceArn,
      invalid: [
        ['an instance id that is not 16 characters', instanceArn.map(a => a.slice(0, -1))],
        ['an account in the ARN', instanceArn.map(a => a.replace(':sso:::', ':sso::123456789012:'))],
        ['not an ARN', instanceArn.map(a => a.replace(/^arn:/, ''))],
      ],
      tokens: stringTokens,
    },
    {
      name: `${tti}.trustedTokenIssuerName`,
      prop: 'trustedTokenIssuerName',
      build: (scope, v) => issuer(scope, { name: v }),
      valid: name,
      invalid: [
        ['longer than the model allows', tooLong(apiConstraint(TTI, 'Name'), name, 'n')],
        ['empty', fc.constant('')],
        ['a character the pattern forbids', withForbidden(name, [' ', '/', '#', '!', ':'], 255)],
      ],
      tokens: stringTokens,
    },
    {
      name: `${tti}.issuerUrl`,
      prop: 'issuerUrl',
      build: (scope, v) => issuer(scope, { url: v }),
      valid: httpsUrl.filter(u => matches(u, ISSUER_URL)),
      invalid: [
        ['longer than the model allows', tooLong(ISSUER_URL, httpsUrl, '/segment')],
        ['a last character the pattern forbids', fc.tuple(httpsUrl, fc.constantFrom('!', ':', ',', '.', ';')).map(([u, c]) => `${u}/x${c}`)],
        ['a query string', httpsUrl.map(u => `${u}?x=1`)],
        ['the discovery document path', httpsUrl.map(u => `${u}/.well-known/openid-configuration`)],
        ['a port other than 80/443', fc.tuple(httpsUrl, fc.integer({ min: 1, max: 65535 }).filter(p => p !== 80 && p !== 443))
          .map(([u, p]) => u.replace('.example.com', `.example.com:${p}`))],
      ],
      tokens: stringTokens,
    },
    {
      name: `${tti}.claimAttributePath`,
      prop: 'claimAttributePath',
      build: (scope, v) => issuer(scope, { claim: v }),
      valid: claim,
      invalid: [
        ['a character the pattern forbids', withForbidden(claim, [':', '1', '[', '-', ' '], 64)],
        ['more than three parts', fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 4, maxLength: 6 }).map(p => p.join('.'))],
      ],
      tokens: stringTokens,
    },
    {
      name: `${tti}.identityStoreAttributePath`,
      prop: 'identityStoreAttributePath',
      build: (scope, v) => issuer(scope, { attribute: v }),
      valid: fc.constantFrom('userName', 'emails.value', 'externalIds.id'),
      invalid: [
        ['a path of the model pattern that Identity Center does not match on',
          fromConstraint(apiConstraint(TTI, `${OIDC_JWT}.IdentityStoreAttributePath`)).filter(p => !['userName', 'emails.value', 'externalIds.id'].includes(p))],
        ['a character the pattern forbids', fc.constantFrom('emails[0].value', 'user_name', 'emails.value.0')],
      ],
      tokens: stringTokens,
    },
    ...tagSpecs(tti, TTI, (scope, tags) => issuer(scope, { tags })),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------------
// VerifiedAccessTrustProvider (the EC2 model has no lengths or patterns for these fields: the rules are the service's
// documented semantics and the CloudFormation schema's tag limits)

const CEDAR_RESERVED = ['true', 'false', 'if', 'then', 'else', 'in', 'is', 'like', 'has', '__cedar'];
const cedarIdentifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,30}$/).filter(n => !CEDAR_RESERVED.includes(n));
const ISSUER = 'https://idp.example.com/oauth2/default';
interface OidcValues { issuer?: string; tokenEndpoint?: string; clientId?: string; clientSecret?: SecretValue }
const oidcProvider = (v: OidcValues) => TrustProvider.oidc({
  issuer: v.issuer ?? ISSUER,
  authorizationEndpoint: `${v.issuer ?? ISSUER}/v1/authorize`,
  tokenEndpoint: v.tokenEndpoint ?? `${v.issuer ?? ISSUER}/v1/token`,
  userInfoEndpoint: `${v.issuer ?? ISSUER}/v1/userinfo`,
  clientId: v.clientId ?? 'client',
  clientSecret: v.clientSecret ?? SecretValue.secretsManager('okta-client-secret'),
  scope: 'openid email',
});
const va = (scope: Construct, props: Partial<ConstructorParameters<typeof VerifiedAccessTrustProvider>[2]>) =>
  new VerifiedAccessTrustProvider(scope, 'Provider', { policyReferenceName: 'idp', provider: oidcProvider({}), ...props });
const nonEmpty = fc.string({ minLength: 1, maxLength: 40 }).filter(v => v.trim().length > 0);
const VA_TAGS = {
  max: 50,
  key: cfnConstraint('AWS::EC2::VerifiedAccessTrustProvider:Tags[].Key'),
  value: cfnConstraint('AWS::EC2::VerifiedAccessTrustProvider:Tags[].Value'),
};
const vaTagKey = fc.stringMatching(/^[A-Za-z0-9 _.:/=+@-]{1,20}$/).filter(k => !k.toLowerCase().startsWith('aws:') && k.trim() === k);

describeProps([
  {
    name: 'VerifiedAccessTrustProvider.policyReferenceName',
    prop: 'policyReferenceName',
    build: (scope, policyReferenceName) => va(scope, { policyReferenceName }),
    valid: cedarIdentifier,
    invalid: [
      ['starts with a digit', fc.tuple(fc.integer({ min: 0, max: 9 }), cedarIdentifier).map(([d, n]) => `${d}${n}`)],
      ['a character Cedar identifiers cannot hold', withForbidden(cedarIdentifier.map(n => `a${n}`), ['-', '.', ' ', ':', '/'], 64)],
      ['a Cedar reserved word', fc.constantFrom(...CEDAR_RESERVED)],
    ],
    tokens: stringTokens,
  },
  {
    name: 'VerifiedAccessTrustProvider oidc.issuer',
    prop: 'issuer',
    build: (scope, issuer) => va(scope, { provider: oidcProvider({ issuer }) }),
    valid: httpsUrl,
    invalid: [
      ['not https', httpsUrl.map(u => u.replace('https://', 'http://'))],
      ['a query', httpsUrl.map(u => `${u}?tenant=1`)],
      ['a fragment', httpsUrl.map(u => `${u}#x`)],
      ['user info', httpsUrl.map(u => u.replace('https://', 'https://user:pw@'))],
    ],
    tokens: stringTokens,
  },
  {
    name: 'VerifiedAccessTrustProvider oidc.tokenEndpoint',
    prop: 'tokenEndpoint',
    build: (scope, tokenEndpoint) => va(scope, { provider: oidcProvider({ tokenEndpoint }) }),
    valid: httpsUrl.map(u => u.replace(/^https:\/\/[^/]+/, 'https://idp.example.com')),
    invalid: [
      ['not https', httpsUrl.map(u => u.replace('https://', 'http://'))],
      ['relative', fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map(p => `/${p.join('/')}`)],
      ['a fragment', httpsUrl.map(u => `${u}#x`)],
    ],
    tokens: stringTokens,
  },
  {
    name: 'VerifiedAccessTrustProvider oidc.clientId',
    prop: 'clientId',
    build: (scope, id) => va(scope, { provider: oidcProvider({ clientId: id }) }),
    valid: nonEmpty,
    invalid: [['empty or blank', fc.stringMatching(/^ {0,3}$/)]],
    tokens: stringTokens,
  },
  {
    name: 'VerifiedAccessTrustProvider oidc.clientSecret',
    prop: 'clientSecret',
    build: (scope, clientSecret) => va(scope, { provider: oidcProvider({ clientSecret }) }),
    valid: fc.stringMatching(/^[A-Za-z0-9/_+=.@-]{1,40}$/).map(name => SecretValue.secretsManager(name)),
    invalid: [['a plain-text secret', nonEmpty.map(v => SecretValue.unsafePlainText(v))]],
    tokens: [
      ['NoEcho CfnParameter', (stack: Stack) => SecretValue.cfnParameter(new CfnParameter(stack, 'Secret', { noEcho: true }))],
      ['Fn.importValue', () => SecretValue.unsafePlainText(Fn.importValue('SecretArnExport'))],
    ],
  },
  {
    name: 'VerifiedAccessTrustProvider jamf.tenantId',
    prop: 'tenantId',
    build: (scope, tenantId) => va(scope, { policyReferenceName: 'jamf', provider: TrustProvider.jamf({ tenantId }) }),
    valid: nonEmpty,
    invalid: [['empty or blank', fc.stringMatching(/^ {0,3}$/)]],
    tokens: stringTokens,
  },
  {
    name: 'VerifiedAccessTrustProvider.tags',
    prop: 'tags',
    build: (scope, tags) => va(scope, { tags }),
    valid: fc.dictionary(vaTagKey, fc.string({ maxLength: 20 }), { maxKeys: 5 }),
    invalid: [
      ['a key longer than 127 characters (EC2)', vaTagKey.map(k => ({ [k.padEnd(128, 'k')]: 'v' }))],
      ['a value longer than the schema allows', fc.constant({ team: 'v'.repeat(VA_TAGS.value.maxLength! + 1) })],
      ['an aws: key', vaTagKey.map(k => ({ [`aws:${k}`]: 'v' }))],
      [`more than ${VA_TAGS.max} tags`, fc.integer({ min: VA_TAGS.max + 1, max: VA_TAGS.max + 5 }).map(n => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v'])))],
    ],
    tokens: stringTokens.map(([n, t]) => [n, (stack: Stack) => ({ team: t(stack) })]),
  },
]);

// ---------------------------------------------------------------------------------------------------------------------
// IdentityCenterApplication (CloudFormation schema of AWS::SSO::Application, SSO Admin Put* request shapes)

const APP = 'AWS::SSO::Application';
const PUT_GRANT = 'sso-admin:PutApplicationGrant';
const PUT_SCOPE = 'sso-admin:PutApplicationAccessScope';
const application = (scope: Construct, props: Partial<ConstructorParameters<typeof IdentityCenterApplication>[2]> = {}) =>
  new IdentityCenterApplication(scope, 'App', { instanceArn: INSTANCE, assignmentRequired: false, ...props });
const appName = fromConstraint(cfnConstraint(`${APP}:Name`)).filter(n => /^[\w+=,.@-]+$/.test(n));
const description = fromConstraint(cfnConstraint(`${APP}:Description`));
const audience = fromConstraint(apiConstraint(PUT_GRANT, 'Grant.JwtBearer.AuthorizedTokenIssuers[].AuthorizedAudiences[]'));
const scopeName = fromConstraint(apiConstraint(PUT_SCOPE, 'Scope'));
const applicationArn = fromConstraint(apiConstraint(PUT_SCOPE, 'AuthorizedTargets[]'));
const principalId = fc.stringMatching(/^([0-9a-f]{10}-)?[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/);
// The strictest of CloudFormation's pattern (no space, ":" or "/") and the API's (no ","): see strictestTagLimits.
const appTagKey = fromConstraint(cfnConstraint(`${APP}:Tags[].Key`)).filter(k => /^[\w+=.@-]+$/.test(k) && !k.toLowerCase().startsWith('aws:'));
const jwtGrant = (scope: Construct, authorizedAudiences: string[]) => {
  const issuer = TrustedTokenIssuer.fromTrustedTokenIssuerArn(scope, 'Issuer',
    'arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1234567890abcdef/tti-12345678-1234-1234-1234-123456789012');
  application(scope).addGrant(ApplicationGrant.jwtBearer({ authorizedTokenIssuers: [{ trustedTokenIssuer: issuer, authorizedAudiences }] }));
};

describeProps([
  {
    name: 'IdentityCenterApplication.instanceArn',
    prop: 'instanceArn',
    build: (scope, instanceArn) => application(scope, { instanceArn }),
    valid: fromConstraint(apiConstraint(TTI, 'InstanceArn')),
    invalid: [['an instance id that is not 16 characters', fromConstraint(apiConstraint(TTI, 'InstanceArn')).map(a => a.slice(0, -1))]],
    tokens: stringTokens,
  },
  {
    name: 'IdentityCenterApplication.applicationName',
    prop: 'applicationName',
    build: (scope, applicationName) => application(scope, { applicationName }),
    valid: appName,
    invalid: [
      ['longer than the schema allows', tooLong(cfnConstraint(`${APP}:Name`), appName, 'n')],
      ['a character the schema forbids', withForbidden(appName, [' ', '/', '#', ':', '!'], 255)],
    ],
    tokens: stringTokens,
  },
  {
    name: 'IdentityCenterApplication.description',
    prop: 'description',
    build: (scope, d) => application(scope, { description: d }),
    valid: description,
    invalid: [['longer than the schema allows', tooLong(cfnConstraint(`${APP}:Description`), description, 'd')], ['empty', fc.constant('')]],
    tokens: stringTokens,
  },
  {
    name: 'IdentityCenterApplication.status',
    prop: 'status',
    build: (scope, status) => application(scope, { status }),
    valid: fc.constantFrom(ApplicationStatus.ENABLED, ApplicationStatus.DISABLED),
    invalid: [['a value the enum does not list', fc.constantFrom('ACTIVE', 'enabled', 'OFF')]],
    tokens: stringTokens,
  },
  {
    name: 'IdentityCenterApplication jwtBearer authorizedAudiences',
    prop: 'authorizedAudiences',
    build: (scope, audiences) => jwtGrant(scope, audiences),
    valid: fc.uniqueArray(audience, { minLength: 1, maxLength: 10 }),
    invalid: [
      ['no audience', fc.constant([])],
      ['more than 10', fc.uniqueArray(audience, { minLength: 11, maxLength: 12 })],
      ['an audience longer than the model allows', tooLong(apiConstraint(PUT_GRANT, 'Grant.JwtBearer.AuthorizedTokenIssuers[].AuthorizedAudiences[]'), audience, 'a').map(a => [a])],
    ],
    tokens: [...listTokens, ['a list with a token element', (stack: Stack) => [stringTokens[1][1](stack)]]],
  },
  {
    name: 'IdentityCenterApplication authorizationCode redirectUris',
    prop: 'redirectUris',
    build: (scope, redirectUris) => application(scope).addGrant(ApplicationGrant.authorizationCode({ redirectUris })),
    valid: fc.uniqueArray(httpsUrl, { minLength: 1, maxLength: 10 }),
    invalid: [
      ['none', fc.constant([])],
      ['more than 10', fc.uniqueArray(httpsUrl, { minLength: 11, maxLength: 12 })],
      ['plain http to a host that is not loopback', httpsUrl.map(u => [u.replace('https://', 'http://')])],
      ['relative', fc.array(pathSegment, { minLength: 1, maxLength: 2 }).map(p => [`/${p.join('/')}`])],
    ],
    tokens: [...listTokens, ['a list with a token element', (stack: Stack) => [stringTokens[0][1](stack)]]],
  },
  {
    name: 'IdentityCenterApplication access scope',
    prop: 'scope',
    build: (scope, name) => application(scope).addAccessScope(AccessScope.custom(name)),
    valid: scopeName,
    invalid: [
      ['more than three parts', fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 4, maxLength: 5 }).map(p => p.join(':'))],
      ['a character the pattern forbids', withForbidden(scopeName.filter(n => length(n) < 40), ['-', '.', ' ', '/', '*'], 50)],
    ],
    tokens: [],
  },
  {
    name: 'IdentityCenterApplication access scope authorizedTargets',
    prop: 'authorizedTargets',
    build: (scope, authorizedTargets) => application(scope).addAccessScope(AccessScope.STS_IDENTITY_CONTEXT, { authorizedTargets }),
    valid: fc.uniqueArray(applicationArn, { minLength: 1, maxLength: 10 }),
    invalid: [
      ['more than 10', fc.uniqueArray(applicationArn, { minLength: 11, maxLength: 12 })],
      ['not an application or instance ARN', applicationArn.map(a => [a.replace(':sso::', ':iam::')])],
    ],
    tokens: [...listTokens, ['a list with a token element', (stack: Stack) => [stringTokens[1][1](stack)]]],
  },
  {
    name: 'IdentityCenterApplication assignUser',
    prop: 'userId',
    build: (scope, id) => application(scope).assignUser(id),
    valid: principalId,
    invalid: [['not an Identity Store id', principalId.map(p => p.toUpperCase().replace(/-/g, ''))]],
    tokens: [],
  },
  {
    name: 'IdentityCenterApplication.tags',
    prop: 'tags',
    build: (scope, tags) => application(scope, { tags }),
    valid: fc.dictionary(appTagKey, fromConstraint(cfnConstraint(`${APP}:Tags[].Value`)).filter(v => /^[\w+=.@-]+$/.test(v)), { maxKeys: 5 }),
    invalid: [
      ['a key with a character the schema forbids', fc.tuple(appTagKey, fc.constantFrom(' ', ':', '/', '!')).map(([k, c]) => ({ [`${k}${c}x`]: 'v' }))],
      ['a key with a character the API forbids', appTagKey.map(k => ({ [`${k},x`]: 'v' }))],
      ['a value with a character the API forbids', appTagKey.map(k => ({ [k]: 'a,b' }))],
      ['a key longer than the schema allows', tooLong(cfnConstraint(`${APP}:Tags[].Key`), appTagKey, 'k').map(k => ({ [k]: 'v' }))],
      ['more than 75 tags', fc.integer({ min: 76, max: 78 }).map(n => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v'])))],
    ],
    tokens: stringTokens.map(([n, t]) => [n, (stack: Stack) => ({ team: t(stack) })]),
  },
]);

// ---------------------------------------------------------------------------------------------------------------------
// IdentityContextPrincipal options (checked against the SSO Admin model's ARN shapes)

const contextRole = (scope: Construct, options: { applicationArn?: string; instanceArn?: string }) =>
  new iam.Role(scope, 'Role', { assumedBy: new IdentityContextPrincipal(new iam.AccountRootPrincipal(), options) });
const anyApplicationArn = fromConstraint(apiConstraint(PUT_GRANT, 'ApplicationArn'));
const anyInstanceArn = fromConstraint(apiConstraint(TTI, 'InstanceArn'));

describeProps([
  {
    name: 'IdentityContextPrincipal applicationArn',
    prop: 'applicationArn',
    build: (scope, arn) => contextRole(scope, { applicationArn: arn }),
    valid: anyApplicationArn,
    invalid: [
      ['an application id that is not 16 characters', anyApplicationArn.map(a => a.slice(0, -1))],
      ['an instance ARN instead', anyInstanceArn],
    ],
    tokens: stringTokens,
  },
  {
    name: 'IdentityContextPrincipal instanceArn',
    prop: 'instanceArn',
    build: (scope, arn) => contextRole(scope, { instanceArn: arn }),
    valid: anyInstanceArn,
    invalid: [['an application ARN instead', anyApplicationArn]],
    tokens: stringTokens,
  },
]);
