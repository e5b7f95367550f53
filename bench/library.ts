/**
 * The library under test: the compiled `lib/` that npm users install (`npx projen bench` compiles it first and runs
 * the bench as plain JavaScript from `.bench/`), never `src/` through ts-node, where source-mapping every creation
 * stack trace dominates synth time and dilutes the ratios.
 *
 * Typed by the package's own name, which tsconfig.dev.json maps to `src/` (so the bench type-checks and lints
 * without a build) and bench/tsconfig.json to `lib/`.
 */
import type * as Library from 'cdk-trusted-identity';

// `../lib` from bench/ and from .bench/ (where the compiled bench runs) alike.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const library: typeof Library = require('../lib');

export const {
  AccessScope, ApplicationGrant, GitHubActionsSubject, IdentityCenterApplication, OidcProvider, TrustedIdentityChecks, TrustedTokenIssuer,
  TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation, TrustProvider, VerifiedAccessTrustProvider,
} = library;
