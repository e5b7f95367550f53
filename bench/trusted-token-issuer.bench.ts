import { Stack } from 'aws-cdk-lib';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { TrustedTokenIssuer, TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation } from './library';
import { countResources, largestInlinePolicyPerRole, measure, record, SynthResult, table } from './util';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
/** CloudFormation quotas and IAM's inline-policy limit per role (sum of all inline policies of the role). */
const MAX_RESOURCES = 500;
const MAX_TEMPLATE_BYTES = 1_000_000;
const MAX_INLINE_POLICY_CHARS = 10_240;

function issuers(n: number, tagsPerIssuer: number) {
  return (stack: Stack) => {
    for (let i = 0; i < n; i++) {
      new TrustedTokenIssuer(stack, `Issuer${i}`, {
        implementation: TrustedTokenIssuerImplementation.CUSTOM_RESOURCE,
        instanceArn: INSTANCE,
        configuration: TrustedTokenIssuerConfiguration.oidcJwt({
          issuerUrl: `https://issuer${i}.example.com/oauth2/default`,
          claimAttributePath: 'email',
          identityStoreAttributePath: 'emails.value',
        }),
        tags: Object.fromEntries(Array.from({ length: tagsPerIssuer }, (_, t) => [`tag${t}`, `value${t}`])),
      });
    }
  };
}

/** What teams hand-write today: one AwsCustomResource per issuer with its own `policy` (one inline policy each). */
function naive(n: number) {
  return (stack: Stack) => {
    for (let i = 0; i < n; i++) {
      new AwsCustomResource(stack, `Issuer${i}`, {
        installLatestAwsSdk: false,
        onCreate: {
          service: 'SSOAdmin',
          action: 'CreateTrustedTokenIssuer',
          parameters: {
            InstanceArn: INSTANCE,
            Name: `issuer${i}`,
            TrustedTokenIssuerType: 'OIDC_JWT',
            TrustedTokenIssuerConfiguration: {
              OidcJwtConfiguration: {
                IssuerUrl: `https://issuer${i}.example.com/oauth2/default`,
                ClaimAttributePath: 'email',
                IdentityStoreAttributePath: 'emails.value',
                JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
              },
            },
          },
          physicalResourceId: PhysicalResourceId.fromResponse('TrustedTokenIssuerArn'),
        },
        policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
      });
    }
  };
}

/** The CUSTOM_RESOURCE fallback at 1/10/100 issuers (and 100 with tags) against the hand-written AwsCustomResource. */
export function runTrustedTokenIssuerBench(): string {
  const rows: (string | number)[][] = [];
  const within = (ok: boolean) => (ok ? 'yes' : '**NO**');
  const cases: Array<[number, number]> = [[1, 0], [10, 0], [100, 0], [100, 1], [100, 3]];
  for (const [n, tags] of cases) {
    // The hand-written variant has no tags: measure it once per issuer count.
    const r = measure(tags === 0 ? { construct: issuers(n, tags), naive: naive(n) } : { construct: issuers(n, tags) }, n === 100 ? 5 : 7);
    const variants: Array<[string, SynthResult]> = [['TrustedTokenIssuer (CUSTOM_RESOURCE)', r.construct]];
    if (r.naive) variants.push(['naive AwsCustomResource', r.naive]);
    for (const [variant, res] of variants) {
      if (r.naive) record('TrustedTokenIssuer CUSTOM_RESOURCE vs hand-written', `${n} issuers, ${tags} tags`, variant, res, r.naive);
      const resources = countResources(res.template);
      const lambdas = countResources(res.template, 'AWS::Lambda::Function');
      const policy = largestInlinePolicyPerRole(res.template);
      rows.push([
        n,
        variant === 'naive AwsCustomResource' ? '-' : tags,
        variant,
        res.ms.toFixed(0),
        res.templateBytes,
        `${(100 * res.templateBytes / MAX_TEMPLATE_BYTES).toFixed(1)}%`,
        resources,
        lambdas,
        policy,
        within(resources <= MAX_RESOURCES && res.templateBytes <= MAX_TEMPLATE_BYTES && lambdas <= 1 && policy <= MAX_INLINE_POLICY_CHARS),
      ]);
    }
  }
  return table([
    'issuers', 'tags each', 'variant', 'synth CPU ms', 'template bytes', 'of 1 MB', `resources (≤ ${MAX_RESOURCES})`, 'Lambda functions',
    `largest inline policies per role (≤ ${MAX_INLINE_POLICY_CHARS})`, 'within limits',
  ], rows);
}
