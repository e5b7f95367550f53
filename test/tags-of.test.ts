/**
 * Tags applied with `Tags.of()` reach every taggable resource below the scope, and a value fine for most types can
 * break a stricter one (`AWS::SSO::Application` allows no spaces). Each construct whose tags are checked at synth says
 * which tag broke which type's rule, that it came from `Tags.of(...)` (or from the `tags` prop), and how to keep it
 * off the resource type with `excludeResourceTypes`.
 */
import { App, CfnParameter, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import {
  IdentityCenterApplication, OidcProvider, TrustedTokenIssuer, TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation, TrustProvider,
  VerifiedAccessTrustProvider,
} from '../src';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const LONG = 'v'.repeat(257);

interface Case {
  /** The construct type, for test names. */
  readonly name: string;
  /** The type `Tags.of()` matches, named in the message and the fix. */
  readonly resourceType: string;
  /** Where its tags end up in the template. */
  readonly cfnType: string;
  readonly make: (scope: Construct, tags?: { [key: string]: string }) => void;
  /** A tag value the type's rule rejects (with a space where the type forbids spaces). */
  readonly bad: string;
  /** The rule as the message states it. */
  readonly rule: string;
  /** How the fix shows the value (short literal values as they are, long ones as `value`). */
  readonly fixValue: string;
}

const CASES: Case[] = [
  {
    name: 'IdentityCenterApplication',
    resourceType: 'AWS::SSO::Application',
    cfnType: 'AWS::SSO::Application',
    make: (scope, tags) => new IdentityCenterApplication(scope, 'Resource', { instanceArn: INSTANCE, assignmentRequired: false, tags }),
    bad: 'Platform Team',
    rule: 'must be letters, digits and _ + = . @ - (keys 1-128, values 1-256 characters)',
    fixValue: "'Platform Team'",
  },
  {
    name: 'OidcProvider',
    resourceType: 'AWS::IAM::OIDCProvider',
    cfnType: 'AWS::IAM::OIDCProvider',
    make: (scope, tags) => new OidcProvider(scope, 'Resource', { url: 'https://token.actions.githubusercontent.com', tags }),
    bad: 'Platform;Team',
    rule: 'must be made of letters, digits, spaces and _ . : / = + - @',
    fixValue: "'Platform;Team'",
  },
  ...[TrustedTokenIssuerImplementation.CLOUDFORMATION, TrustedTokenIssuerImplementation.CUSTOM_RESOURCE].map((implementation): Case => ({
    name: `TrustedTokenIssuer (${implementation})`,
    resourceType: implementation === TrustedTokenIssuerImplementation.CUSTOM_RESOURCE ? 'Custom::TrustedTokenIssuer' : 'AWS::SSO::TrustedTokenIssuer',
    cfnType: implementation === TrustedTokenIssuerImplementation.CUSTOM_RESOURCE ? 'Custom::TrustedTokenIssuerTag' : 'AWS::SSO::TrustedTokenIssuer',
    make: (scope, tags) => new TrustedTokenIssuer(scope, 'Resource', {
      instanceArn: INSTANCE,
      configuration: TrustedTokenIssuerConfiguration.oidcJwt({ issuerUrl: 'https://example.okta.com', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value' }),
      implementation,
      tags,
    }),
    bad: 'Platform;Team',
    rule: 'must be made of letters, digits, spaces and _ . : / = + - @',
    fixValue: "'Platform;Team'",
  })),
  {
    name: 'VerifiedAccessTrustProvider',
    resourceType: 'AWS::EC2::VerifiedAccessTrustProvider',
    cfnType: 'AWS::EC2::VerifiedAccessTrustProvider',
    make: (scope, tags) => new VerifiedAccessTrustProvider(scope, 'Resource', { policyReferenceName: 'idc', provider: TrustProvider.iamIdentityCenter(), tags }),
    // EC2 tags allow any character: a value over 256 characters is what breaks them.
    bad: LONG,
    rule: 'must be at most 256 characters long (0-256) (got 257)',
    fixValue: 'value',
  },
];

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  return { app, stack };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(CASES)('$name', (c) => {
  test('rejects a Tags.of() tag that breaks the type\'s rule, naming the tag, the rule, Tags.of and the excludeResourceTypes fix', () => {
    const { app, stack } = setup();
    c.make(stack);
    Tags.of(app).add('Owner', c.bad);
    const shown = c.bad.length > 120 ? '.*' : escape(JSON.stringify(c.bad));
    expect(() => app.synth()).toThrow(new RegExp(
      `Stack/Resource: tags\\["Owner"\\] ${shown} ${escape(c.rule)}, the rule for tags of ${escape(c.resourceType)}\\. `
      + 'The tag comes from Tags\\.of\\(\\.\\.\\.\\), not from the tags prop: change it, or keep it off this resource type with '
      + escape(`Tags.of(scope).add('Owner', ${c.fixValue}, { excludeResourceTypes: ['${c.resourceType}'] })`)));
  });

  test('accepts the same tag with the fix from the message (excludeResourceTypes)', () => {
    const { app, stack } = setup();
    c.make(stack);
    Tags.of(app).add('Owner', c.bad, { excludeResourceTypes: [c.resourceType] });
    expect(() => app.synth()).not.toThrow();
  });

  test('accepts a valid Tags.of() tag and renders it', () => {
    const { app, stack } = setup();
    c.make(stack);
    Tags.of(app).add('Owner', 'platform-team');
    expect(() => app.synth()).not.toThrow();
    expect(JSON.stringify(Template.fromStack(stack).findResources(c.cfnType))).toContain('platform-team');
  });

  test('accepts a Tags.of() tag whose value is a token', () => {
    const { app, stack } = setup();
    c.make(stack);
    Tags.of(app).add('Owner', new CfnParameter(stack, 'Owner').valueAsString);
    expect(() => app.synth()).not.toThrow();
  });

  test('rejects the same tag in the tags prop at construction, saying it comes from the tags prop', () => {
    const { stack } = setup();
    expect(() => c.make(stack, { Owner: c.bad })).toThrow(new RegExp(
      `^Stack/Resource: tags\\["Owner"\\] .*${escape(c.rule)}, the rule for tags of ${escape(c.resourceType)}\\. The tag comes from the tags prop: change it there$`));
  });

  test('rejects a Tags.of() tag that overrides a valid tags prop value (higher priority) as one from Tags.of()', () => {
    const { app, stack } = setup();
    c.make(stack, { Owner: 'platform' });
    Tags.of(app).add('Owner', c.bad, { priority: 300 });
    expect(() => app.synth()).toThrow(/The tag comes from Tags\.of\(\.\.\.\), not from the tags prop/);
  });
});

test('accepts a valid tags prop with valid Tags.of() tags, and renders both as before', () => {
  const { app, stack } = setup();
  new VerifiedAccessTrustProvider(stack, 'Okta', {
    policyReferenceName: 'okta',
    provider: TrustProvider.oidc({
      issuer: 'https://example.okta.com',
      authorizationEndpoint: 'https://example.okta.com/v1/authorize',
      tokenEndpoint: 'https://example.okta.com/v1/token',
      userInfoEndpoint: 'https://example.okta.com/v1/userinfo',
      clientId: 'client',
      clientSecret: SecretValue.secretsManager('okta'),
    }),
    tags: { team: 'identity' },
  });
  Tags.of(app).add('env', 'prod');
  Template.fromStack(stack).hasResourceProperties('AWS::EC2::VerifiedAccessTrustProvider', {
    Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'identity' }],
  });
});
