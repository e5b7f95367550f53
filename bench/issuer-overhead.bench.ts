import { createHash } from 'crypto';
import { CfnResource, Names, RemovalPolicy, Resource, Stack, TagManager, TagType, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TrustedTokenIssuer, TrustedTokenIssuerConfiguration } from './library';
import { INSTANCES } from './overhead.bench';
import { median, synthOnce, table } from './util';

const ROUNDS = 41;
const WARMUP = 3;
const TYPE = 'AWS::SSO::TrustedTokenIssuer';
const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const issuerUrl = (i: number) => `https://issuer${i}.example.com/oauth2/default`;

function properties(i: number, name: string): { [key: string]: any } {
  return {
    InstanceArn: INSTANCE_ARN,
    Name: name,
    TrustedTokenIssuerType: 'OIDC_JWT',
    TrustedTokenIssuerConfiguration: {
      OidcJwtConfiguration: {
        IssuerUrl: issuerUrl(i), ClaimAttributePath: 'email', IdentityStoreAttributePath: 'emails.value', JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
      },
    },
  };
}

/**
 * A raw CfnResource that is taggable the way aws-cdk-lib's L1s are (a `TagManager`, `Tags` rendered with the
 * properties), as aws-cdk-lib 2.278's `sso.CfnTrustedTokenIssuer` is; the dev pin has no L1 of the type.
 */
class TaggableCfnResource extends CfnResource {
  public readonly tags = new TagManager(TagType.STANDARD, TYPE, []);
  constructor(scope: Construct, id: string, private readonly props: { [key: string]: any }) {
    super(scope, id, { type: TYPE, properties: props });
  }
  protected get cfnProperties(): { [key: string]: any } {
    return { ...this.props, Tags: this.tags.hasTags() ? this.tags.renderTags() : undefined };
  }
}

/** What a stripped-down issuer L2 adds, piece by piece: each level includes the ones before it. */
enum Level { SHELL, REMOVAL_POLICY, GENERATED_NAME, TAGS, ACKNOWLEDGEMENT }

/** An L2 that does only what `TrustedTokenIssuer` does to the template (and its acknowledgement), up to `level`. */
class StrippedIssuer extends Resource {
  constructor(scope: Construct, id: string, i: number, level: Level) {
    super(scope, id);
    let name = `issuer${i}`;
    if (level >= Level.GENERATED_NAME) {
      // The construct's name: the path-derived unique name and a hash of the create-only values.
      const hash = createHash('sha256').update(JSON.stringify([INSTANCE_ARN, 'OIDC_JWT', issuerUrl(i)])).digest('hex').slice(0, 8);
      name = `${Names.uniqueResourceName(this, { maxLength: 255 - 9, separator: '-' })}-${hash}`;
    }
    const props = properties(i, name);
    const resource = level >= Level.TAGS
      ? new TaggableCfnResource(this, 'Resource', props)
      : new CfnResource(this, 'Resource', { type: TYPE, properties: props });
    if (level >= Level.REMOVAL_POLICY) resource.applyRemovalPolicy(RemovalPolicy.DESTROY);
    if (level >= Level.ACKNOWLEDGEMENT) {
      // As the library records it: the metadata that the template validator and cdk-nag 3 read.
      resource.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, {
        'CloudFormation-Validate::F3006': `${TYPE} is newer than the CloudFormation schemas bundled with this aws-cdk-lib; cdk-trusted-identity checks its properties against the AWS API model at synth time instead.`,
      });
    }
  }
}

function each(build: (stack: Stack, i: number) => void): (stack: Stack) => void {
  return (stack) => {
    for (let i = 0; i < INSTANCES; i++) build(stack, i);
  };
}

const stripped = (level: Level) => each((stack, i) => new StrippedIssuer(stack, `Issuer${i}`, i, level));

/** Name, build, and the variant whose time a ratio is over (the raw issuer CfnResource unless named). */
type Variant = [string, (stack: Stack) => void, string?];

const RAW = 'raw CfnResource';
const RAW_OIDC = 'raw CfnResource of AWS::IAM::OIDCProvider';
const oidcUrl = (i: number) => `https://issuer${i}.example.com`;

const VARIANTS: Variant[] = [
  [RAW, each((stack, i) => new CfnResource(stack, `Issuer${i}`, { type: TYPE, properties: properties(i, `issuer${i}`) }))],
  ['raw CfnResource with a TagManager, as an L1 of the type is taggable', each((stack, i) => new TaggableCfnResource(stack, `Issuer${i}`, properties(i, `issuer${i}`)))],
  ['an L2 around it (Resource + CfnResource)', stripped(Level.SHELL)],
  ['+ removal policy (DeletionPolicy, UpdateReplacePolicy)', stripped(Level.REMOVAL_POLICY)],
  ['+ generated name (unique resource name + hash)', stripped(Level.GENERATED_NAME)],
  ['+ tags (TagManager, Tags rendered with the properties)', stripped(Level.TAGS)],
  ['+ F3006 acknowledgement', stripped(Level.ACKNOWLEDGEMENT)],
  ['TrustedTokenIssuer (CLOUDFORMATION): the same template, plus its checks and bookkeeping', each((stack, i) => new TrustedTokenIssuer(stack, `Issuer${i}`, {
    instanceArn: INSTANCE_ARN,
    configuration: TrustedTokenIssuerConfiguration.oidcJwt({ issuerUrl: issuerUrl(i), claimAttributePath: 'email', identityStoreAttributePath: 'emails.value' }),
  }))],
  // For comparison, in the same rounds: aws-cdk-lib's own L2 over a plain CfnResource of its type.
  [RAW_OIDC, each((stack, i) => new CfnResource(stack, `P${i}`, {
    type: 'AWS::IAM::OIDCProvider', properties: { Url: oidcUrl(i), ClientIdList: ['sts.amazonaws.com'] },
  })), RAW_OIDC],
  ['for comparison: aws-cdk-lib\'s iam.OidcProviderNative over a raw CfnResource of AWS::IAM::OIDCProvider', each((stack, i) => new iam.OidcProviderNative(stack, `P${i}`, {
    url: oidcUrl(i), clientIds: ['sts.amazonaws.com'],
  })), RAW_OIDC],
];

/**
 * Where `TrustedTokenIssuer`'s overhead over a raw `CfnResource` comes from: stripped-down L2s that add what the
 * construct puts in the template one piece at a time, interleaved with the raw L1 and the construct (median of the
 * per-round ratios). Explains the gap to the target rather than measuring a user-facing variant.
 */
export function runIssuerOverheadBench(): string {
  const times: number[][] = VARIANTS.map(() => []);
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    const order = VARIANTS.map((_, k) => k);
    if (r % 2 === 1) order.reverse();
    for (const k of order) {
      const ms = synthOnce(VARIANTS[k][1]).ms;
      if (r >= WARMUP) times[k].push(ms);
    }
  }
  const index = (name: string) => VARIANTS.findIndex(([n]) => n === name);
  const rows = VARIANTS.map(([name, , over = RAW], k) => [name, median(times[k].map((t, i) => t / times[index(over)][i])).toFixed(2)]);
  return table(['variant', `ratio to the raw CfnResource of its type (median of ${ROUNDS} rounds)`], rows);
}

if (require.main === module) {
  console.log(runIssuerOverheadBench());
}
