/**
 * `npx projen bench`: synth time and template size of the library's constructs, measured side by side with
 * their raw equivalents in one run (medians of interleaved runs). Paste the output into the README.
 */
import * as os from 'os';
import { runIdentityCenterApplicationBench } from './identity-center-application.bench';
import { runOidcProviderBench } from './oidc-provider.bench';
import { runTrustedIdentityChecksBench } from './trusted-identity-checks.bench';
import { runNativeTrustedTokenIssuerBench, runTrustedTokenIssuerBench } from './trusted-token-issuer.bench';
import { runVerifiedAccessTrustProviderBench } from './verified-access-trust-provider.bench';

function main() {
  console.log(`# cdk-trusted-identity bench — node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}\n`);
  console.log('## OidcProvider vs iam.CfnOIDCProvider (median of 21 interleaved samples (each sample synthesizes the app max(1, 100/n) times), after one warm-up, GC before each sample)\n');
  console.log(runOidcProviderBench());
  console.log();
  console.log('## TrustedTokenIssuer (native default) vs a raw CfnResource of AWS::SSO::TrustedTokenIssuer and the custom-resource fallback (median of 9-15 interleaved samples of 100 issuers\' worth)\n');
  console.log(runNativeTrustedTokenIssuerBench());
  console.log();
  console.log('## TrustedTokenIssuer CUSTOM_RESOURCE fallback vs one hand-written AwsCustomResource with its own policy per issuer (median of 5-7 interleaved synths)\n');
  console.log(runTrustedTokenIssuerBench());
  console.log();
  console.log('## IdentityCenterApplication: n applications × (4 grants + 3 access scopes + authentication method + assignment configuration) + n issuers, vs one hand-written AwsCustomResource with its own policy per call (median of 5-7 interleaved synths)\n');
  console.log(runIdentityCenterApplicationBench());
  console.log('## VerifiedAccessTrustProvider vs ec2.CfnVerifiedAccessTrustProvider (OIDC, Secrets Manager client secret; median of 21 interleaved samples (each sample synthesizes the app max(1, 100/n) times), after one warm-up, GC before each sample)\n');
  console.log(runVerifiedAccessTrustProviderBench());
  console.log('## TrustedIdentityChecks: 1,000 roles of five trust styles over 3 stacks, synthesized with and without the aspect (median of 7 interleaved synths)\n');
  console.log(runTrustedIdentityChecksBench());
  console.log();
}

main();
