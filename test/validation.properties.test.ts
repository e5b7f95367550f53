/**
 * Property-based validation tests (fast-check): for every validated prop of every construct,
 * - values generated from the model constraints (patterns, lengths, item counts) must synthesize;
 * - values that break exactly one constraint must be rejected with a message naming the prop;
 * - unresolved tokens (Fn.importValue, CfnParameter, Lazy, list tokens) must never be rejected.
 *
 * Fixed seed (FC_SEED, default below) so CI is reproducible; FC_RUNS sets the run count per property (default 25:
 * the whole file stays well within a minute on 2 cores). A failure prints the seed and the shrunk counterexample.
 */
import { App, CfnParameter, Fn, Lazy, Stack, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { OidcProvider, TrustedTokenIssuer, TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation } from '../src';
import type { MemberConstraint } from '../src/private/constraint-types';
import { apiConstraint, cfnConstraint, matches } from '../src/private/validation';

const SEED = Number(process.env.FC_SEED ?? 20261125);
const RUNS = Number(process.env.FC_RUNS ?? 25);
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
        expect(() => synthesize(stack => spec.build(stack, v))).toThrow(new RegExp(`Stack/\\S+: ${escape(spec.prop)}`));
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
