import { awscdk, DependencyType, javascript } from 'projen';

/**
 * Lowest aws-cdk-lib the library itself needs (peer dependency floor): 2.215.0 introduced
 * `iam.OIDCProviderReference`/`IOIDCProviderRef`, which `iam.IOidcProvider` (implemented by OidcProvider) extends.
 * Checked by compiling src/ and synthesizing OidcProvider and TrustedTokenIssuer stacks against 2.214.0 (fails:
 * no OIDCProviderReference) and 2.215.0 (passes, same templates as 2.257.0).
 */
const CDK_PEER_MIN = '2.215.0';

/**
 * aws-cdk-lib used for development, tests and integ snapshots.
 *
 * Pinned on purpose: the newest `@aws-cdk/integ-runner` on the registry (2.197.x) reads
 * cloud-assembly schema 53 only, while aws-cdk-lib >= 2.258 writes schema 54+
 * ("AssemblyVersionMismatch"). 2.257.0 is the newest release that still writes schema 53.
 * `@aws-cdk/integ-tests-alpha` 2.245.0-alpha.0 (newest published) peers on aws-cdk-lib ^2.245.0.
 */
const CDK_DEV_VERSION = '2.257.0';
const INTEG_TESTS_ALPHA = '2.245.0-alpha.0';
const INTEG_RUNNER = '2.197.10';
/** The aws-cdk CLI that integ-runner 2.197.10 itself ships with; reads schema 53. A 2.x release, pinned: the registry's
 * aws-cdk 3.0.0 is an accidental, deprecated publish (it reads schema <= 43), and `latest` has pointed at it. */
const CDK_CLI = '2.1115.1';

/**
 * The newest lane (`npx projen test:newest`): what a user who runs `cdk init` today installs. Raised deliberately, one
 * place: the newest aws-cdk-lib on the registry (2.262+ validates every template at synth; `cdk init` turns findings
 * into errors with `@aws-cdk/core:validateAgainstDefaultRules`), the newest 2.x CLI, and cdk-nag 3 (a
 * policy-validation plugin; peer aws-cdk-lib ^2.257.0, so it installs beside the dev pin too; the README's example
 * compiles against it).
 */
const CDK_NEWEST = '2.276.0';
const CDK_NEWEST_CLI = '2.1148.1';
const CDK_NAG_V3 = '3.0.2';

/**
 * Lowest constructs the library needs (peer floor): aws-cdk-lib 2.215 takes constructs ^10.0.0 and the library uses
 * nothing newer; test:peer-floor installs exactly this release. Development uses the release aws-cdk-lib 2.257 needs.
 */
const CONSTRUCTS_MIN = '10.0.0';
const CONSTRUCTS_DEV = '10.5.1';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-trusted-identity',
  description:
    'L2 constructs for identity trust on AWS: IAM OIDC providers, IAM Identity Center trusted token issuers and applications, and Verified Access trust providers, validated against the AWS API models at synth time.',
  author: 'cdk-trusted-identity maintainers',
  authorAddress: 'team@example.com',
  repositoryUrl: 'https://github.com/cdk-trusted-identity/cdk-trusted-identity.git',
  keywords: ['cdk', 'aws-cdk', 'iam', 'oidc', 'identity-center', 'sso', 'verified-access', 'trusted-identity-propagation'],
  license: 'Apache-2.0',
  stability: 'experimental',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdkVersion: CDK_PEER_MIN,
  constructsVersion: CONSTRUCTS_MIN,
  jsiiVersion: '~6.0.0',

  // jsii targets. Names are hard to change once published.
  publishToPypi: {
    distName: 'cdk-trusted-identity',
    module: 'cdk_trusted_identity',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdktrustedidentity',
    mavenGroupId: 'io.github.cdk-trusted-identity',
    mavenArtifactId: 'cdk-trusted-identity',
  },

  // A tsconfig for tests, examples, benchmarks and scripts at the top level, where editors expect it.
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    exclude: ['node_modules', 'lib', 'dist', '**/*.snapshot/**', '**/cdk.out/**', '.bench'],
    compilerOptions: {
      // The bench types the library by the package's own name (bench/library.ts): src/ here, lib/ in bench/tsconfig.json.
      paths: { 'cdk-trusted-identity': ['./src'] },
    },
  },
  sampleCode: false,

  // `npx cdk-trusted-identity audit <templates or cdk.out>`: the TrustedIdentityChecks rules over any CloudFormation
  // template (src/audit/command.ts).
  bin: { 'cdk-trusted-identity': 'lib/audit/cli.js' },

  devDeps: [
    `@aws-cdk/integ-tests-alpha@${INTEG_TESTS_ALPHA}`,
    `@aws-cdk/integ-runner@${INTEG_RUNNER}`,
    `aws-cdk@${CDK_CLI}`,
    // Release gates: AwsSolutions checks on every construct, with cdk-nag 3 (the current major, a policy-validation
    // plugin: test/newest/, newest lane) and cdk-nag 2 (an aspect, as `cdk-nag-v2`: test/release-gates.test.ts, every
    // lane); property-based validation tests.
    `cdk-nag@${CDK_NAG_V3}`,
    'cdk-nag-v2@npm:cdk-nag@~2.38.2',
    'fast-check@^4.10.2',
    // The SARIF 2.1.0 schema and a matcher for it: the audit command's --format sarif is validated offline.
    // (it requires tslib without declaring it)
    '@microsoft/jest-sarif@1.0.0-beta.0',
    'tslib@^2',
  ],

  eslintOptions: {
    // One typed-lint project for everything (src, tests, integ apps, examples, bench, scripts).
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
    dirs: ['src'],
    devdirs: ['test', 'bench', 'scripts', 'examples', 'projenrc'],
  },

  jestOptions: {
    // jest 30's resolver depends on unrs-resolver (see the eslint-import-resolver-typescript note below).
    jestVersion: '^29',
    // .ci/run reads this file to print "N passed, N failed".
    extraCliOptions: ['--json', '--outputFile=test-reports/jest-results.json'],
    jestConfig: {
      // test/newest/ needs the newest aws-cdk-lib: test:newest runs it.
      testPathIgnorePatterns: ['/node_modules/', '\\.snapshot/', '/cdk\\.out/', '/test/newest/'],
      // Coverage gate over the library (not the generated constraint tables, which are data): the test command fails
      // below it.
      collectCoverageFrom: ['src/**/*.ts', '!src/private/constraints.generated.ts'],
      coverageThreshold: { lines: 95, branches: 90 },
    },
  },

  gitignore: [
    'cdk.out/', '.jsii.tabl.json', 'rosetta/', 'examples/cdk.out/', 'test-reports/',
    '.maven-repo/', 'test/java/target/', '__pycache__/', '.pytest_cache/',
  ],
});

// eslint-import-resolver-typescript v4 (projen's default) and jest 30 depend on unrs-resolver, whose native
// bindings for other platforms are not all on the registry we install from; npm then writes a lock file that
// `npm ci` rejects ("Missing: @unrs/resolver-binding-... from lock file"). 3.7 and jest 29 are pure JavaScript.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.deps.addDependency('eslint-import-resolver-typescript@~3.7.0', DependencyType.BUILD);

// Develop and test against the pinned release (see CDK_DEV_VERSION); users get the peer range.
project.deps.addDependency(`aws-cdk-lib@${CDK_DEV_VERSION}`, DependencyType.DEVENV);
project.deps.addDependency(`constructs@${CONSTRUCTS_DEV}`, DependencyType.DEVENV);

// jsii with no warnings silenced: a prop that is a reserved word in Python or Java must fail the build.
project.compileTask.reset('jsii --fail-on-warnings');
project.tasks.tryFind('watch')?.reset('jsii -w');

// README examples must compile in every language: jsii-rosetta extracts and compiles them.
const rosetta = project.addTask('rosetta', {
  description: 'Extract and compile the README examples with jsii-rosetta',
  exec: 'jsii-rosetta extract --compile --fail --strict',
});
project.postCompileTask.spawn(rosetta);
// The README's cdk-nag 3 example imports cdk-nag (a dev dependency, not one of the library's).
project.package.addField('jsiiRosetta', { exampleDependencies: { 'cdk-nag': CDK_NAG_V3 } });

// Packaging: the npm tarball, the Python wheel and the Java jar, in every build (CI included: projen's own `package`
// runs only package:js when CI is set). jsii-pacmak's Maven build uses the project's .maven-repo (rebuilt on a fresh
// clone; shared with test:bindings) instead of a new download per run.
const packageAll = project.tasks.tryFind('package-all')!;
packageAll.reset();
packageAll.spawn(project.tasks.tryFind('package:js')!);
packageAll.spawn(project.tasks.tryFind('package:python')!);
project.tasks.tryFind('package:java')!.reset('jsii-pacmak -v --target java --maven-local-repository="$PWD/.maven-repo"');
packageAll.spawn(project.tasks.tryFind('package:java')!);
// Every README example compiled under jsii-rosetta and has Python and Java translations; the README's Python blocks
// are rosetta's translations of the marked TypeScript examples, kept current.
const checkBindings = project.addTask('check:bindings', {
  description: 'Check the README examples\' Python and Java translations',
  exec: 'python3 scripts/check-bindings.py',
});
checkBindings.exec('python3 scripts/readme_translations.py');
packageAll.spawn(checkBindings);
project.packageTask.reset();
project.packageTask.spawn(packageAll);

// The command's entry point is executable in lib/ itself: npm sets the bit when it installs a package, but `npx` run
// in a clone reuses its cached link to the clone, so a rebuilt lib/ would otherwise not run.
project.compileTask.exec('chmod +x lib/audit/cli.js');

// The audit command as the README shows it, on this clone: `npx cdk-trusted-identity audit <path>` (after a build).
project.addTask('test:audit-command', {
  description: 'Run `npx cdk-trusted-identity audit` on the fixtures (needs the compiled lib/: run the build first)',
  exec: 'bash scripts/audit-command.sh',
});

// Python and Java users, for real (scripts/bindings.sh): the built wheel and jar installed as users do, the
// every-construct app in Python (and through the CLI) and Java compared with the TypeScript one, pytest, a Java check.
project.addTask('test:bindings', {
  description: 'Install the built wheel and jar; synthesize the Python and Java apps, compare templates, run pytest',
  exec: 'bash scripts/bindings.sh',
  env: { CDK_DEV_VERSION },
});

// Integration tests: snapshot-only (no AWS account here). Runs as part of `projen test`.
// The integ apps are type-checked by `typecheck`; ts-node only transpiles them (5x faster).
const integEnv = { TS_NODE_TRANSPILE_ONLY: 'true' };
const integ = project.addTask('integ', {
  description: 'Verify the committed integ snapshots (no deployment)',
  exec: 'integ-runner --language typescript --directory test',
  env: integEnv,
  receiveArgs: true,
});
project.addTask('integ:update', {
  description: 'Regenerate integ snapshots offline (no deployment)',
  exec: 'integ-runner --language typescript --directory test --update-on-failed --dry-run',
  env: integEnv,
  receiveArgs: true,
});
// Type-check everything outside src/ that jest does not compile: integ apps, examples, bench, scripts.
const typecheck = project.addTask('typecheck', {
  description: 'Type-check tests, integ apps, examples, bench and scripts',
  exec: 'tsc --noEmit -p tsconfig.dev.json',
});
project.testTask.spawn(typecheck);
project.testTask.spawn(integ);
// cfn-lint over the integ snapshots, the examples and the every-construct app; ignored findings and their reasons
// are in the script and .cfnlintrc.yaml.
const cfnLint = project.addTask('lint:cfn', {
  description: 'cfn-lint every synthesized template (integ snapshots, examples, every-construct app); fails on errors and warnings',
  exec: 'bash scripts/cfn-lint.sh',
  receiveArgs: true,
});
project.testTask.spawn(cfnLint);

// The README's lowest aws-cdk-lib, proven: src/ compiles and the unit tests pass against exactly the peer floor,
// installed into a temporary folder (not the lock). .ci/run runs it after the build.
project.addTask('test:peer-floor', {
  description: `Compile src/ and run the unit tests against aws-cdk-lib ${CDK_PEER_MIN} (the peer floor)`,
  exec: 'bash scripts/peer-floor.sh',
});

// The newest lane: what `cdk init` users install today (see CDK_NEWEST). .ci/run runs it after the build (it installs
// the packed library into a new `cdk init` app).
project.addTask('test:newest', {
  description: `Compile src/, run the unit tests and test/newest/ against aws-cdk-lib ${CDK_NEWEST} with every recommended feature flag; synthesize the examples in a new cdk init app with the ${CDK_NEWEST_CLI} CLI`,
  exec: 'bash scripts/newest.sh',
  env: { CDK_NEWEST, CDK_NEWEST_CLI, CDK_NAG_V3 },
});

// Validation tables generated from the AWS API models in ../shared/aws-models (committed output).
project.addTask('gen:constraints', {
  description: 'Regenerate src/private/constraints.generated.ts from ../shared/aws-models',
  exec: 'ts-node --project tsconfig.dev.json scripts/gen-constraints.ts',
});

// Benchmarks are never timed tests: one run, side by side, ratios, written to docs/performance.md. They measure the
// compiled lib/ that npm users run: compile, then the bench itself with plain tsc (bench/tsconfig.json, into .bench/),
// then plain node. Not ts-node, whose source-mapped creation stack traces dominated synth time and diluted the ratios.
project.addTask('bench', {
  description: 'Synth-time benchmarks on the compiled lib/: each L2 vs its raw L1 beside aws-cdk-lib\'s own L2; writes docs/performance.md',
  steps: [
    { spawn: project.compileTask.name },
    { exec: 'tsc -p bench/tsconfig.json' },
    // Installed as npm puts it (node_modules/cdk-trusted-identity): aws-cdk-lib renders creation stack traces of code
    // under node_modules in one line, so the library's own frames cost what they cost users, not what a repo path costs.
    { exec: 'rm -rf .bench/node_modules && mkdir -p .bench/node_modules/cdk-trusted-identity && cp -r lib package.json .bench/node_modules/cdk-trusted-identity/' },
    { exec: 'node .bench/bench.js' },
  ],
});
project.gitignore.exclude('/.bench/');

// The example app in examples/ (README's first command).
project.addTask('example', {
  description: 'Synthesize the example app and print its CloudFormation template',
  cwd: 'examples',
  exec: 'cdk synth',
});

// The trusted identity propagation example (README "IdentityCenterApplication"), synthesized offline.
project.addTask('example:identity-propagation', {
  description: 'Synthesize examples/identity-propagation.ts and print its CloudFormation template',
  cwd: 'examples',
  exec: 'cdk synth --app "npx ts-node --transpile-only --prefer-ts-exts identity-propagation.ts"',
});

// The Verified Access example (README "VerifiedAccessTrustProvider"), synthesized offline.
project.addTask('example:verified-access', {
  description: 'Synthesize examples/verified-access.ts and print its CloudFormation template',
  cwd: 'examples',
  exec: 'cdk synth --app "npx ts-node --transpile-only --prefer-ts-exts verified-access.ts"',
});

project.tsconfigDev.addInclude('examples/**/*.ts');
project.tsconfigDev.addInclude('bench/**/*.ts');
project.tsconfigDev.addInclude('scripts/**/*.ts');
project.tsconfigDev.addInclude('.projenrc.ts');

// The npm package is an allowlist: the compiled library, its jsii assembly (and the README examples' translations,
// which Construct Hub shows), README, LICENSE and package.json (npm adds the last three itself). A deny-list shipped
// whatever else lay in the folder (.cfnlintrc.yaml, a local Maven repository, build leftovers).
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', '.jsii.tabl.json']);

project.addPackageIgnore('/examples/');
project.addPackageIgnore('/bench/');
project.addPackageIgnore('/.bench/');
project.addPackageIgnore('/scripts/');
project.addPackageIgnore('/.ci/');

project.synth();
