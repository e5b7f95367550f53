import { CfnResource, SecretValue, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { OidcProvider, TrustedTokenIssuer, TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation, TrustProvider, VerifiedAccessTrustProvider } from './library';
import { median, synthOnce, table } from './util';

/** Instances per app: the scenario. */
export const INSTANCES = 100;
/** Rounds measured (after WARMUP rounds that are not): every variant synthesized once per round, in turn. */
const ROUNDS = 61;
/**
 * Apps synthesized per variant and round, their times summed: one app's time moves with a garbage collection that
 * happens to land in it, and the sum of a few evens that out before the ratio is taken (the median then drops outlying
 * rounds).
 */
export const REPEAT = 3;
const WARMUP = 3;
/** The target: each construct's ratio to its raw L1 at most aws-cdk-lib's own L2 ratio (OidcProviderNative) plus this. */
export const MARGIN = 0.10;

const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';

function each(build: (stack: Stack, i: number) => void): (stack: Stack) => void {
  return (stack) => {
    for (let i = 0; i < INSTANCES; i++) build(stack, i);
  };
}

const oidcUrl = (i: number) => `https://issuer${i}.example.com`;
const ttiConfiguration = (i: number) => ({
  issuerUrl: `https://issuer${i}.example.com/oauth2/default`, claimAttributePath: 'email', identityStoreAttributePath: 'emails.value',
});
function vaEndpoints(i: number) {
  const issuer = `https://idp${i}.example.com/oauth2/default`;
  return {
    issuer,
    authorizationEndpoint: `${issuer}/v1/authorize`,
    tokenEndpoint: `${issuer}/v1/token`,
    userInfoEndpoint: `${issuer}/v1/userinfo`,
    clientId: `client${i}`,
  };
}

/** Every variant of the run, by name: the raw L1s, aws-cdk-lib's own L2 and ours, each building INSTANCES resources. */
export const VARIANTS: { [name: string]: (stack: Stack) => void } = {
  'iam.CfnOIDCProvider': each((stack, i) => new iam.CfnOIDCProvider(stack, `P${i}`, { url: oidcUrl(i), clientIdList: ['sts.amazonaws.com'] })),
  // The same resource as a plain CfnResource: the baseline of an L2 whose type has no generated L1 class.
  'CfnResource AWS::IAM::OIDCProvider': each((stack, i) => new CfnResource(stack, `P${i}`, {
    type: 'AWS::IAM::OIDCProvider',
    properties: { Url: oidcUrl(i), ClientIdList: ['sts.amazonaws.com'] },
  })),
  'iam.OidcProviderNative': each((stack, i) => new iam.OidcProviderNative(stack, `P${i}`, { url: oidcUrl(i), clientIds: ['sts.amazonaws.com'] })),
  'OidcProvider': each((stack, i) => new OidcProvider(stack, `P${i}`, { url: oidcUrl(i), clientIds: ['sts.amazonaws.com'] })),
  'CfnResource AWS::SSO::TrustedTokenIssuer': each((stack, i) => {
    const c = ttiConfiguration(i);
    new CfnResource(stack, `Issuer${i}`, {
      type: 'AWS::SSO::TrustedTokenIssuer',
      properties: {
        InstanceArn: INSTANCE_ARN,
        Name: `issuer${i}`,
        TrustedTokenIssuerType: 'OIDC_JWT',
        TrustedTokenIssuerConfiguration: {
          OidcJwtConfiguration: {
            IssuerUrl: c.issuerUrl,
            ClaimAttributePath: c.claimAttributePath,
            IdentityStoreAttributePath: c.identityStoreAttributePath,
            JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
          },
        },
      },
    });
  }),
  'TrustedTokenIssuer (CLOUDFORMATION)': each((stack, i) => new TrustedTokenIssuer(stack, `Issuer${i}`, {
    implementation: TrustedTokenIssuerImplementation.CLOUDFORMATION,
    instanceArn: INSTANCE_ARN,
    configuration: TrustedTokenIssuerConfiguration.oidcJwt(ttiConfiguration(i)),
  })),
  'ec2.CfnVerifiedAccessTrustProvider': each((stack, i) => new ec2.CfnVerifiedAccessTrustProvider(stack, `P${i}`, {
    policyReferenceName: `idp${i}`,
    trustProviderType: 'user',
    userTrustProviderType: 'oidc',
    oidcOptions: { ...vaEndpoints(i), clientSecret: SecretValue.secretsManager(`idp${i}-client-secret`).unsafeUnwrap(), scope: 'openid' },
  })),
  'VerifiedAccessTrustProvider': each((stack, i) => new VerifiedAccessTrustProvider(stack, `P${i}`, {
    policyReferenceName: `idp${i}`,
    provider: TrustProvider.oidc({ ...vaEndpoints(i), clientSecret: SecretValue.secretsManager(`idp${i}-client-secret`) }),
  })),
};

/**
 * The raw L1 an L2 is measured over: aws-cdk-lib's generated L1 class of the type, or, for a type without one in the
 * dev pin (`AWS::SSO::TrustedTokenIssuer`), a plain `CfnResource` of the type. A generated L1 does work of its own (a
 * tag manager, property mapping and validation: `iam.CfnOIDCProvider` costs about 1.15 times a plain `CfnResource` of
 * the same resource), so a ratio over a plain `CfnResource` counts that work too, and is compared with aws-cdk-lib's
 * own L2 measured over the same kind of baseline. Why, and where the time goes: docs/design/synth-overhead.md
 */
type Baseline = 'generated L1' | 'plain CfnResource';

/** Each row of the report: an L2, its raw L1, whose L2 it is, and the kind of its baseline. */
interface Pair {
  readonly construct: string;
  readonly raw: string;
  readonly owner: 'aws-cdk-lib' | 'ours';
  readonly baseline: Baseline;
}

const PAIRS: Pair[] = [
  { construct: 'iam.OidcProviderNative', raw: 'iam.CfnOIDCProvider', owner: 'aws-cdk-lib', baseline: 'generated L1' },
  { construct: 'iam.OidcProviderNative', raw: 'CfnResource AWS::IAM::OIDCProvider', owner: 'aws-cdk-lib', baseline: 'plain CfnResource' },
  { construct: 'OidcProvider', raw: 'iam.CfnOIDCProvider', owner: 'ours', baseline: 'generated L1' },
  { construct: 'TrustedTokenIssuer (CLOUDFORMATION)', raw: 'CfnResource AWS::SSO::TrustedTokenIssuer', owner: 'ours', baseline: 'plain CfnResource' },
  { construct: 'VerifiedAccessTrustProvider', raw: 'ec2.CfnVerifiedAccessTrustProvider', owner: 'ours', baseline: 'generated L1' },
];

/** The ratio of one L2 to its raw L1: the median, and the quartiles, of the per-round ratios. */
export interface Overhead extends Pair {
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

/**
 * Every variant at INSTANCES instances, interleaved: each round synthesizes every variant REPEAT times (in turn, the
 * order reversed every other round so that no variant always follows the same one), and a construct's ratio in a round
 * is its time over its raw L1's time in that round. Reports the median ratio over the rounds, so that load from outside
 * the bench moves both sides of a ratio alike. Never a timed test: the times themselves mean nothing here.
 */
export function measureOverheads(): { overheads: Overhead[]; medianMs: { [name: string]: number }; bytes: { [name: string]: number } } {
  const names = Object.keys(VARIANTS);
  const times: { [name: string]: number[] } = Object.fromEntries(names.map(n => [n, []]));
  const bytes: { [name: string]: number } = {};
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const n of order) {
      let ms = 0;
      for (let k = 0; k < REPEAT; k++) {
        const res = synthOnce(VARIANTS[n]);
        bytes[n] = res.bytes;
        ms += res.ms;
      }
      if (r >= WARMUP) times[n].push(ms / REPEAT);
    }
  }
  const overheads = PAIRS.map(pair => {
    const ratios = times[pair.construct].map((t, i) => t / times[pair.raw][i]);
    return { ...pair, median: median(ratios), q1: quantile(ratios, 0.25), q3: quantile(ratios, 0.75) };
  });
  return { overheads, medianMs: Object.fromEntries(names.map(n => [n, median(times[n])])), bytes };
}

/**
 * The report's table: each L2's ratio to its raw L1 beside aws-cdk-lib's own L2's over the same kind of baseline, and
 * the target (that reference's ratio + MARGIN).
 */
export function runOverheadBench(): string {
  const { overheads, medianMs, bytes } = measureOverheads();
  const reference = (baseline: Baseline) => overheads.find(o => o.owner === 'aws-cdk-lib' && o.baseline === baseline)!;
  const rows = overheads.map(o => {
    const ours = o.owner === 'ours';
    const target = reference(o.baseline).median + MARGIN;
    return [
      ours ? `\`${o.construct}\`` : `\`${o.construct}\` (aws-cdk-lib's own L2)`,
      `\`${o.raw}\` (${o.baseline})`,
      `**${o.median.toFixed(2)}**`,
      `${o.q1.toFixed(2)}–${o.q3.toFixed(2)}`,
      ours ? `≤ ${target.toFixed(2)}: ${o.median <= target ? 'met' : '**not met**'}` : `reference for a ${o.baseline}`,
      Math.round(bytes[o.construct] / INSTANCES),
      Math.round(bytes[o.raw] / INSTANCES),
      `${medianMs[o.construct].toFixed(0)} / ${medianMs[o.raw].toFixed(0)}`,
    ];
  });
  return table([
    'L2', 'its raw L1 (the kind of baseline)', `ratio (median of ${ROUNDS} rounds of ${REPEAT} apps)`, 'quartiles of the ratio',
    `target (aws-cdk-lib's L2 ratio over the same kind of baseline + ${MARGIN.toFixed(2)})`,
    'template bytes per instance', 'raw bytes per instance', 'median CPU ms per app, L2 / raw (this machine, this run only)',
  ], rows);
}

if (require.main === module) {
  console.log(runOverheadBench());
}
