import { CfnResource, SecretValue, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { OidcProvider, TrustedTokenIssuer, TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation, TrustProvider, VerifiedAccessTrustProvider } from './library';
import { median, synthOnce, table } from './util';

/** Instances per app: the scenario. */
export const INSTANCES = 100;
/** Rounds measured (after WARMUP rounds that are not): every variant synthesized once per round, in turn. */
const ROUNDS = 61;
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

/** [L2, its raw L1, whose L2 it is]: each row of the report. */
const PAIRS: Array<[string, string, 'aws-cdk-lib' | 'ours']> = [
  ['iam.OidcProviderNative', 'iam.CfnOIDCProvider', 'aws-cdk-lib'],
  ['OidcProvider', 'iam.CfnOIDCProvider', 'ours'],
  ['TrustedTokenIssuer (CLOUDFORMATION)', 'CfnResource AWS::SSO::TrustedTokenIssuer', 'ours'],
  ['VerifiedAccessTrustProvider', 'ec2.CfnVerifiedAccessTrustProvider', 'ours'],
];

/** The ratio of one L2 to its raw L1: the median, and the quartiles, of the per-round ratios. */
export interface Overhead {
  readonly construct: string;
  readonly raw: string;
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
 * Every variant at INSTANCES instances, interleaved: each round synthesizes every variant once (in turn, the order
 * reversed every other round so that no variant always follows the same one), and a construct's ratio in a round is
 * its time over its raw L1's time in that round. Reports the median ratio over the rounds, so that load from outside
 * the bench moves both sides of a ratio alike. Never a timed test: the times themselves mean nothing here.
 */
export function measureOverheads(): { overheads: Overhead[]; medianMs: { [name: string]: number }; bytes: { [name: string]: number } } {
  const names = Object.keys(VARIANTS);
  const times: { [name: string]: number[] } = Object.fromEntries(names.map(n => [n, []]));
  const bytes: { [name: string]: number } = {};
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const n of order) {
      const res = synthOnce(VARIANTS[n]);
      bytes[n] = res.bytes;
      if (r >= WARMUP) times[n].push(res.ms);
    }
  }
  const overheads = PAIRS.map(([construct, raw]) => {
    const ratios = times[construct].map((t, i) => t / times[raw][i]);
    return { construct, raw, median: median(ratios), q1: quantile(ratios, 0.25), q3: quantile(ratios, 0.75) };
  });
  return { overheads, medianMs: Object.fromEntries(names.map(n => [n, median(times[n])])), bytes };
}

/** The report's table: each L2's ratio to its raw L1 beside aws-cdk-lib's own L2's, and the target. */
export function runOverheadBench(): string {
  const { overheads, medianMs, bytes } = measureOverheads();
  const reference = overheads.find(o => PAIRS.find(p => p[0] === o.construct)![2] === 'aws-cdk-lib')!;
  const target = reference.median + MARGIN;
  const rows = overheads.map(o => {
    const ours = PAIRS.find(p => p[0] === o.construct)![2] === 'ours';
    return [
      ours ? `\`${o.construct}\`` : `\`${o.construct}\` (aws-cdk-lib's own L2)`,
      `\`${o.raw}\``,
      `**${o.median.toFixed(2)}**`,
      `${o.q1.toFixed(2)}–${o.q3.toFixed(2)}`,
      ours ? `≤ ${target.toFixed(2)}: ${o.median <= target ? 'met' : '**not met**'}` : 'reference',
      Math.round(bytes[o.construct] / INSTANCES),
      Math.round(bytes[o.raw] / INSTANCES),
      `${medianMs[o.construct].toFixed(0)} / ${medianMs[o.raw].toFixed(0)}`,
    ];
  });
  return table([
    'L2', 'its raw L1', `ratio (median of ${ROUNDS} rounds)`, 'quartiles of the ratio', `target (aws-cdk-lib's L2 ratio + ${MARGIN.toFixed(2)})`,
    'template bytes per instance', 'raw bytes per instance', 'median CPU ms per app, L2 / raw (this machine, this run only)',
  ], rows);
}

if (require.main === module) {
  console.log(runOverheadBench());
}
