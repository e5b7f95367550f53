/**
 * The library under test: the compiled `lib/` as npm users install it (`npx projen bench` compiles it, copies it to
 * `.bench/node_modules/cdk-trusted-identity` and runs the bench as plain JavaScript from `.bench/`), never `src/`
 * through ts-node, where source-mapping every creation stack trace dominates synth time and dilutes the ratios.
 *
 * Typed by the package's own name, which tsconfig.dev.json maps to `src/` (so the bench type-checks and lints
 * without a build) and bench/tsconfig.json to `lib/`.
 */
import type * as Library from 'cdk-trusted-identity';

// The compiled bench runs from .bench/, where the bench task installs lib/ as npm does (.bench/node_modules).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const library: typeof Library = require('cdk-trusted-identity');

export const {
  AccessScope, ApplicationGrant, GitHubActionsSubject, IdentityCenterApplication, OidcProvider, TrustedIdentityChecks, TrustedTokenIssuer,
  TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation, TrustProvider, VerifiedAccessTrustProvider,
} = library;
