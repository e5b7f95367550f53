import { App, Aws, CfnParameter, CfnResource, Fn, RemovalPolicy, Stack, Tags, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import {
  JwksRetrievalOption, TrustedTokenIssuer, TrustedTokenIssuerConfiguration, TrustedTokenIssuerImplementation, TrustedTokenIssuerProps,
  OidcJwtConfigurationOptions,
} from '../../src';
import { SSO_TRUSTED_TOKEN_ISSUER } from '../../src/private/cfn-types';
import { apiConstraint, matches } from '../../src/private/validation';
import { Calls, conformance, plan } from '../sdk-calls';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const INSTANCE_2 = 'arn:aws:sso:::instance/ssoins-fedcba0987654321';
const ISSUER_TYPE = 'Custom::TrustedTokenIssuer';
const TAG_TYPE = 'Custom::TrustedTokenIssuerTag';
/** Both custom-resource types of the fallback (the issuer and its tags). */
const CR_PREFIX = ISSUER_TYPE;
/** Stands in for the issuer ARN the service returns (physical id) when payloads are checked against the model. */
const SAMPLE_ISSUER_ARN = 'arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1234567890abcdef/tti-12345678-1234-1234-1234-123456789012';

const OKTA: OidcJwtConfigurationOptions = {
  issuerUrl: 'https://example.okta.com/oauth2/default',
  claimAttributePath: 'email',
  identityStoreAttributePath: 'emails.value',
};

function newStack(app = new App(), id = 'Stack'): Stack {
  return new Stack(app, id, { env: { account: '123456789012', region: 'us-east-1' } });
}

const { CLOUDFORMATION, CUSTOM_RESOURCE } = TrustedTokenIssuerImplementation;
type IssuerProps = Partial<TrustedTokenIssuerProps> & { oidc?: Partial<OidcJwtConfigurationOptions> };

/** An issuer with the custom-resource fallback (most tests in this file are about it), unless props say otherwise. */
function newIssuer(stack: Stack, props: IssuerProps = {}, id = 'Okta') {
  const { oidc, ...rest } = props;
  return new TrustedTokenIssuer(stack, id, {
    instanceArn: INSTANCE,
    configuration: TrustedTokenIssuerConfiguration.oidcJwt({ ...OKTA, ...oidc }),
    implementation: CUSTOM_RESOURCE,
    ...rest,
  });
}

/** An issuer with the default implementation (native AWS::SSO::TrustedTokenIssuer). */
function newNativeIssuer(stack: Stack, props: IssuerProps = {}, id = 'Okta') {
  const { oidc, ...rest } = props;
  return new TrustedTokenIssuer(stack, id, {
    instanceArn: INSTANCE,
    configuration: TrustedTokenIssuerConfiguration.oidcJwt({ ...OKTA, ...oidc }),
    ...rest,
  });
}

/**
 * One SDK call, parsed as this file's tests expect: every token in a Fn::Join, and the physical-id placeholder, stand
 * for the issuer (`SAMPLE_ISSUER_ARN`), unlike the shared `parseCall`, which tells role ARNs from issuer refs.
 */
function parseCall(value: any): any {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : value['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : SAMPLE_ISSUER_ARN)).join('');
  return JSON.parse(text.replace(/PHYSICAL:RESOURCEID:/g, SAMPLE_ISSUER_ARN));
}

function calls(template: any, type?: string): Calls[] {
  return Object.entries<any>(template.Resources)
    .filter(([, r]) => (type ? r.Type === type : r.Type === ISSUER_TYPE || r.Type === TAG_TYPE))
    .map(([logicalId, r]) => ({
      logicalId,
      type: r.Type,
      create: parseCall(r.Properties.Create),
      update: parseCall(r.Properties.Update),
      delete: parseCall(r.Properties.Delete),
      resource: r,
    }));
}

function templateOf(stack: Stack): any {
  return Template.fromStack(stack).toJSON();
}

describe('create, update and delete calls', () => {
  test('create is one CreateTrustedTokenIssuer call with the tags; the physical id is the returned ARN', () => {
    const stack = newStack();
    newIssuer(stack, { trustedTokenIssuerName: 'okta', tags: { team: 'identity' } });
    Template.fromStack(stack).hasResourceProperties(ISSUER_TYPE, {
      InstallLatestAwsSdk: false,
      Create: Match.serializedJson({
        service: 'SSOAdmin',
        action: 'CreateTrustedTokenIssuer',
        parameters: {
          InstanceArn: INSTANCE,
          Name: 'okta',
          TrustedTokenIssuerType: 'OIDC_JWT',
          TrustedTokenIssuerConfiguration: {
            OidcJwtConfiguration: {
              IssuerUrl: OKTA.issuerUrl,
              ClaimAttributePath: 'email',
              IdentityStoreAttributePath: 'emails.value',
              JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
            },
          },
          Tags: [{ Key: 'team', Value: 'identity' }],
        },
        physicalResourceId: { responsePath: 'TrustedTokenIssuerArn' },
        logApiResponseData: false,
      }),
    });
  });

  test('create sends no ClientToken (the SDK makes a fresh one per call, so a replacement never reuses one)', () => {
    const stack = newStack();
    newIssuer(stack);
    const [issuer] = calls(templateOf(stack), ISSUER_TYPE);
    expect(Object.keys(issuer.create.parameters)).not.toContain('ClientToken');
  });

  test('create without tags sends no Tags member', () => {
    const stack = newStack();
    newIssuer(stack);
    const [issuer] = calls(templateOf(stack), ISSUER_TYPE);
    expect(issuer.create.parameters.Tags).toBeUndefined();
  });

  test('update sends exactly what UpdateTrustedTokenIssuer accepts, to the physical id', () => {
    const stack = newStack();
    newIssuer(stack, { trustedTokenIssuerName: 'okta' });
    Template.fromStack(stack).hasResourceProperties(ISSUER_TYPE, {
      Update: Match.serializedJson({
        service: 'SSOAdmin',
        action: 'UpdateTrustedTokenIssuer',
        parameters: Match.exact({
          TrustedTokenIssuerArn: 'PHYSICAL:RESOURCEID:',
          Name: 'okta',
          TrustedTokenIssuerConfiguration: Match.exact({
            OidcJwtConfiguration: Match.exact({
              ClaimAttributePath: 'email',
              IdentityStoreAttributePath: 'emails.value',
              JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
            }),
          }),
        }),
        logApiResponseData: false,
      }),
    });
  });

  test('update keeps the physical id (no physicalResourceId: an update never replaces by accident)', () => {
    const stack = newStack();
    newIssuer(stack);
    const [issuer] = calls(templateOf(stack), ISSUER_TYPE);
    expect(issuer.update.physicalResourceId).toBeUndefined();
  });

  test('delete is DeleteTrustedTokenIssuer of the physical id and tolerates an issuer that is already gone', () => {
    const stack = newStack();
    newIssuer(stack);
    Template.fromStack(stack).hasResource(ISSUER_TYPE, {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: {
        Delete: Match.serializedJson({
          service: 'SSOAdmin',
          action: 'DeleteTrustedTokenIssuer',
          parameters: { TrustedTokenIssuerArn: 'PHYSICAL:RESOURCEID:' },
          ignoreErrorCodesMatching: 'ResourceNotFoundException',
          logApiResponseData: false,
        }),
      },
    });
  });

  test('RETAIN makes no delete call and retains the custom resource', () => {
    const stack = newStack();
    newIssuer(stack, { removalPolicy: RemovalPolicy.RETAIN });
    Template.fromStack(stack).hasResource(ISSUER_TYPE, {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { Delete: Match.absent() },
    });
  });

  test.each([RemovalPolicy.DESTROY, RemovalPolicy.RETAIN])('accepts removalPolicy %s', (removalPolicy) => {
    expect(() => newIssuer(newStack(), { removalPolicy })).not.toThrow();
  });

  test('rejects removalPolicy SNAPSHOT', () => {
    expect(() => newIssuer(newStack(), { removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/Stack\/Okta: removalPolicy "SNAPSHOT" must be DESTROY or RETAIN/);
  });

  test('every custom resource uses the Lambda runtime SDK (installLatestAwsSdk false) and hides API responses', () => {
    const stack = newStack();
    newIssuer(stack, { tags: { a: '1', b: '2' } });
    const all = calls(templateOf(stack));
    expect(all).toHaveLength(3);
    for (const c of all) {
      expect(c.resource.Properties.InstallLatestAwsSdk).toBe(false);
      for (const call of [c.create, c.update, c.delete].filter(x => x)) {
        expect(call.logApiResponseData).toBe(false);
      }
    }
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('installLatestAwsSdk'));
  });
});

describe('attributes', () => {
  test('trustedTokenIssuerArn is the custom resource physical id, instanceArn and name are as given', () => {
    const stack = newStack();
    const issuer = newIssuer(stack, { trustedTokenIssuerName: 'okta' });
    const [cr] = calls(templateOf(stack), ISSUER_TYPE);
    expect(stack.resolve(issuer.trustedTokenIssuerArn)).toEqual({ Ref: cr.logicalId });
    expect(issuer.instanceArn).toBe(INSTANCE);
    expect(issuer.trustedTokenIssuerName).toBe('okta');
    expect(TrustedTokenIssuerConfiguration.oidcJwt(OKTA).trustedTokenIssuerType).toBe('OIDC_JWT');
  });

  test('the escape hatch (node.defaultChild) is the custom resource', () => {
    const stack = newStack();
    const issuer = newIssuer(stack);
    const [cr] = calls(templateOf(stack), ISSUER_TYPE);
    expect(stack.resolve((issuer.node.defaultChild as any).logicalId)).toBe(cr.logicalId);
  });
});

// Naming and validation are the same for both implementations: every case runs for each.
describe.each([CLOUDFORMATION, CUSTOM_RESOURCE])('implementation %s', (implementation) => {
  const issuerWith = (stack: Stack, props: IssuerProps = {}, id = 'Okta') => newNativeIssuer(stack, { implementation, ...props }, id);

  describe('generated name', () => {
    const NAME = apiConstraint('sso-admin:CreateTrustedTokenIssuer', 'Name');

    test('is valid, stable across synths and unique per construct', () => {
      const names = (app: App) => {
        const stack = newStack(app);
        return [issuerWith(stack).trustedTokenIssuerName, issuerWith(stack, { oidc: { issuerUrl: 'https://login.microsoftonline.com/tenant/v2.0' } }, 'Entra').trustedTokenIssuerName];
      };
      const [a1, b1] = names(new App());
      const [a2, b2] = names(new App());
      expect([a1, b1]).toEqual([a2, b2]);
      expect(a1).not.toEqual(b1);
      for (const n of [a1, b1]) expect(matches(n, NAME)).toBe(true);
    });

    test('stays within 255 characters for a very deep construct path', () => {
      const app = new App();
      const stack = newStack(app, 'S'.repeat(120));
      let scope: Construct = stack;
      for (let i = 0; i < 10; i++) scope = new Construct(scope, `Level${i}${'x'.repeat(40)}`);
      const issuer = new TrustedTokenIssuer(scope, 'Okta', { instanceArn: INSTANCE, configuration: TrustedTokenIssuerConfiguration.oidcJwt(OKTA), implementation });
      expect(issuer.trustedTokenIssuerName.length).toBeLessThanOrEqual(255);
      expect(matches(issuer.trustedTokenIssuerName, NAME)).toBe(true);
    });

    test('changes with the create-only values, so a replacement never collides with the issuer it replaces', () => {
      const a = issuerWith(newStack()).trustedTokenIssuerName;
      const b = issuerWith(newStack(), { oidc: { issuerUrl: 'https://example.okta.com/oauth2/other' } }).trustedTokenIssuerName;
      const c = issuerWith(newStack(), { instanceArn: INSTANCE_2 }).trustedTokenIssuerName;
      const d = issuerWith(newStack(), { oidc: { claimAttributePath: 'sub' } }).trustedTokenIssuerName;
      expect(new Set([a, b, c]).size).toBe(3);
      expect(d).toBe(a);
    });
  });

  describe('validation', () => {
    const param = (stack: Stack, name = 'P') => new CfnParameter(stack, name).valueAsString;

    describe('instanceArn', () => {
      test.each([INSTANCE, 'arn:aws-us-gov:sso:::instance/ins-1234567890abcdef'])('accepts %s', (instanceArn) => {
        expect(() => issuerWith(newStack(), { instanceArn })).not.toThrow();
      });
      test.each([
        'arn:aws:sso:::instance/ssoins-123',
        'arn:aws:sso::123456789012:instance/ssoins-1234567890abcdef',
        'ssoins-1234567890abcdef',
      ])('rejects %s', (instanceArn) => {
        expect(() => issuerWith(newStack(), { instanceArn })).toThrow(/Stack\/Okta: instanceArn ".*" must be an IAM Identity Center instance ARN/);
      });
      test('accepts a token', () => {
        const stack = newStack();
        expect(() => issuerWith(stack, { instanceArn: param(stack) })).not.toThrow();
      });
    });

    describe('trustedTokenIssuerName', () => {
      test.each(['okta', 'Okta_Prod+1=a,b.c@d-e', 'x'.repeat(255)])('accepts %s', (trustedTokenIssuerName) => {
        expect(() => issuerWith(newStack(), { trustedTokenIssuerName })).not.toThrow();
      });
      test.each([
        ['okta prod', /must be 1-255 letters, digits and _ \+ = , \. @ -/],
        ['', /must be at least 1 character long/],
        ['x'.repeat(256), /must be at most 255 characters long/],
        ['okta/prod', /must be 1-255 letters/],
      ])('rejects %j', (trustedTokenIssuerName, message) => {
        expect(() => issuerWith(newStack(), { trustedTokenIssuerName })).toThrow(message);
      });
      test('accepts a token', () => {
        const stack = newStack();
        expect(() => issuerWith(stack, { trustedTokenIssuerName: param(stack) })).not.toThrow();
      });
    });

    describe('issuerUrl', () => {
      test.each([
        'https://example.okta.com',
        'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI',
        'https://login.microsoftonline.com/2a2a2a2a-1111-2222-3333-444444444444/v2.0',
        'https://idp.example.com:443/realms/main',
        'http://idp.example.com',
        'https://tenant.auth0.com/',
      ])('accepts %s', (issuerUrl) => {
        expect(() => issuerWith(newStack(), { oidc: { issuerUrl } })).not.toThrow();
      });
      test.each([
        ['example.okta.com', /issuerUrl "example.okta.com" must be an http\(s\) URL/],
        ['https://example.okta.com/?x=1', /must be an http\(s\) URL/],
        [`https://${'a'.repeat(505)}.com`, /must be at most 512 characters long/],
        ['https://example.okta.com/.well-known/openid-configuration', /must stop before "\/.well-known\/openid-configuration"/],
        ['https://idp.example.com:8443/realms/main', /issuerUrl ".*" must not use port 8443: IAM Identity Center connects only on port 80 or 443/],
      ])('rejects %s', (issuerUrl, message) => {
        expect(() => issuerWith(newStack(), { oidc: { issuerUrl } })).toThrow(message);
      });
      test('accepts a token', () => {
        const stack = newStack();
        expect(() => issuerWith(stack, { oidc: { issuerUrl: param(stack) } })).not.toThrow();
      });
      test('warns on http://', () => {
        const stack = newStack();
        issuerWith(stack, { oidc: { issuerUrl: 'http://idp.example.com' } });
        Annotations.fromStack(stack).hasWarning('/Stack/Okta', Match.stringLikeRegexp('uses http://.*cdk-trusted-identity:insecureIssuerUrl'));
      });
      test('warns on a trailing slash with the OIDC issuer URL id (the URL must equal the tokens\' "iss")', () => {
        const stack = newStack();
        issuerWith(stack, { oidc: { issuerUrl: 'https://tenant.auth0.com/' } });
        Annotations.fromStack(stack).hasWarning('/Stack/Okta', Match.stringLikeRegexp('issuerUrl "https://tenant.auth0.com/" ends with "/".*cdk-trusted-identity:oidcUrlTrailingSlash'));
      });
      test('does not warn on https://', () => {
        const stack = newStack();
        issuerWith(stack);
        Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('insecureIssuerUrl'));
      });
    });

    describe('claimAttributePath', () => {
      test.each(['email', 'sub', 'preferred_username', 'user.profile.email', 'Ärger'])('accepts %s', (claimAttributePath) => {
        expect(() => issuerWith(newStack(), { oidc: { claimAttributePath } })).not.toThrow();
      });
      test.each(['cognito:username', 'custom:email', 'email1', 'a.b.c.d', 'emails[0]', ''])('rejects %j', (claimAttributePath) => {
        expect(() => issuerWith(newStack(), { oidc: { claimAttributePath } })).toThrow(/Stack\/Okta: claimAttributePath .* must be/);
      });
      test('accepts a token', () => {
        const stack = newStack();
        expect(() => issuerWith(stack, { oidc: { claimAttributePath: param(stack) } })).not.toThrow();
      });
    });

    describe('identityStoreAttributePath', () => {
      test.each(['userName', 'emails.value', 'externalIds.id'])('accepts %s', (identityStoreAttributePath) => {
        expect(() => issuerWith(newStack(), { oidc: { identityStoreAttributePath } })).not.toThrow();
      });
      test.each([
        ['emails[0].value', /must be one to three words of letters joined by "."/],
        ['user_name', /must be one to three words/],
        ['displayName', /is not an attribute Identity Center can match users on: use "userName", "emails.value", "externalIds.id"$/],
        ['name.givenName', /is not an attribute Identity Center can match users on/],
        ['username', /paths are case-sensitive: did you mean "userName"\?/],
      ])('rejects %s', (identityStoreAttributePath, message) => {
        expect(() => issuerWith(newStack(), { oidc: { identityStoreAttributePath } })).toThrow(message);
      });
      test('accepts a token', () => {
        const stack = newStack();
        expect(() => issuerWith(stack, { oidc: { identityStoreAttributePath: param(stack) } })).not.toThrow();
      });
    });

    describe('jwksRetrievalOption', () => {
      test.each([JwksRetrievalOption.OPEN_ID_DISCOVERY, undefined])('accepts %s', (jwksRetrievalOption) => {
        expect(() => issuerWith(newStack(), { oidc: { jwksRetrievalOption } })).not.toThrow();
      });
      test('rejects a value the model does not list (JavaScript callers can pass any string)', () => {
        expect(() => issuerWith(newStack(), { oidc: { jwksRetrievalOption: 'STATIC_KEYS' as JwksRetrievalOption } }))
          .toThrow(/jwksRetrievalOption "STATIC_KEYS" must be one of "OPEN_ID_DISCOVERY"/);
      });
      test('accepts a token', () => {
        const stack = newStack();
        expect(() => issuerWith(stack, { oidc: { jwksRetrievalOption: param(stack) as JwksRetrievalOption } })).not.toThrow();
      });
    });

    describe('tags', () => {
      const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
      test.each([
        { team: 'identity' },
        { 'cost-center': '', 'app/name': 'a b:c=d+e@f' },
        many(75),
      ])('accepts %j', (tags) => {
        expect(() => issuerWith(newStack(), { tags })).not.toThrow();
      });
      test.each([
        [{ 'aws:team': 'x' }, /tags key "aws:team" must not start with "aws:"/],
        [{ 'team!': 'x' }, /tags key "team!" must be made of letters/],
        [{ team: 'x#' }, /tags\["team"\] "x#" must be made of letters/],
        [{ ['k'.repeat(129)]: 'x' }, /must be at most 128 characters long/],
        [{ team: 'v'.repeat(257) }, /must be at most 256 characters long/],
        [many(76), /tags .* must have at most 75 tags \(got 76\)/],
      ])('rejects %j', (tags, message) => {
        expect(() => issuerWith(newStack(), { tags })).toThrow(message);
      });
      test('accepts a token value', () => {
        const stack = newStack();
        expect(() => issuerWith(stack, { tags: { team: param(stack) } })).not.toThrow();
      });
      test('rejects more than 75 tags counting Tags.of()', () => {
        const stack = newStack();
        const issuer = issuerWith(stack, { tags: many(75) });
        Tags.of(issuer).add('extra', 'x');
        expect(() => Template.fromStack(stack)).toThrow(/must have at most 75 tags \(got 76\)/);
      });
      if (implementation === CUSTOM_RESOURCE) {
        test('rejects a token tag key (each key names a child resource)', () => {
          const stack = newStack();
          const issuer = issuerWith(stack);
          Tags.of(issuer).add(param(stack), 'x');
          expect(() => Template.fromStack(stack)).toThrow(/tags key ".*" must be a literal string/);
        });
      } else {
        test('accepts a token tag key (the native Tags list takes any key)', () => {
          const stack = newStack();
          const issuer = issuerWith(stack);
          Tags.of(issuer).add(param(stack), 'x');
          expect(Template.fromStack(stack).toJSON().Resources.OktaAEAF4CA7.Properties.Tags).toEqual([{ Key: { Ref: 'P' }, Value: 'x' }]);
        });
      }
    });
  });

  describe('one issuer per issuer URL per instance', () => {
    test('rejects a second issuer with the same instance and URL in the same stack', () => {
      const stack = newStack();
      issuerWith(stack);
      expect(() => issuerWith(stack, {}, 'Again')).toThrow(/Stack\/Again: issuerUrl ".*" is already used by Stack\/Okta for instance .*one trusted token issuer per issuer URL per instance/);
    });

    test('rejects a second issuer with the same instance and URL in another stack of the app', () => {
      const app = new App();
      issuerWith(newStack(app, 'A'));
      expect(() => issuerWith(newStack(app, 'B'))).toThrow(/B\/Okta: issuerUrl .* is already used by A\/Okta/);
    });

    test.each([
      ['another URL', { oidc: { issuerUrl: 'https://other.okta.com' } }],
      ['another instance', { instanceArn: INSTANCE_2 }],
    ])('accepts the same URL with %s', (_, props) => {
      const stack = newStack();
      issuerWith(stack);
      expect(() => issuerWith(stack, props, 'Other')).not.toThrow();
    });

    test('accepts the same issuer in two separate apps (each app is its own deployment)', () => {
      issuerWith(newStack());
      expect(() => issuerWith(newStack())).not.toThrow();
    });

    test('accepts token URLs (they cannot be compared at synth time)', () => {
      const stack = newStack();
      const url = new CfnParameter(stack, 'Url').valueAsString;
      issuerWith(stack, { oidc: { issuerUrl: url } });
      expect(() => issuerWith(stack, { oidc: { issuerUrl: url } }, 'Again')).not.toThrow();
    });
  });
});

describe('least privilege and scale', () => {
  function policies(template: any): any[] {
    return Object.values<any>(template.Resources).filter(r => r.Type === 'AWS::IAM::Policy');
  }

  test('the issuer policy (the only one): CreateTrustedTokenIssuer on the instance and its issuers, update and tag on the issuers, delete and untag on the account\'s issuers; no application rights', () => {
    const stack = newStack();
    newIssuer(stack, { tags: { a: 'b' } });
    const issuers = { 'Fn::Join': ['', ['arn:aws:sso::', '123456789012', ':trustedTokenIssuer/ssoins-1234567890abcdef/*']] };
    const all = policies(templateOf(stack));
    expect(all).toHaveLength(1);
    const [policy] = all;
    expect(policy.Properties.PolicyName).toMatch(/^TrustedIdentityCustomResourceRoleIssuerPolicy/);
    expect(JSON.stringify(policy)).not.toContain('Application');
    expect(stack.resolve(policy.Properties.PolicyDocument.Statement)).toEqual([
      { Action: 'sso:CreateTrustedTokenIssuer', Effect: 'Allow', Resource: [INSTANCE, expect.anything()] },
      { Action: ['sso:UpdateTrustedTokenIssuer', 'sso:TagResource'], Effect: 'Allow', Resource: expect.anything() },
      {
        Action: ['sso:DeleteTrustedTokenIssuer', 'sso:UntagResource'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sso::123456789012:trustedTokenIssuer/*']] },
      },
    ]);
    const rendered = JSON.stringify(policy.Properties.PolicyDocument);
    expect(rendered).not.toContain('"*"');
    expect(rendered.includes(JSON.stringify(issuers)) || rendered.includes('arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1234567890abcdef/*')).toBe(true);
  });

  test('the issuer ARN pattern names the stack account and the instance id (token account)', () => {
    const stack = new Stack(new App(), 'Stack');
    newIssuer(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Resource: { 'Fn::Join': ['', ['arn:aws:sso::', { Ref: 'AWS::AccountId' }, ':trustedTokenIssuer/ssoins-1234567890abcdef/*']] },
        })]),
      },
    });
  });

  test('a token instance ARN gives token-safe resources', () => {
    const stack = newStack();
    const instanceArn = new CfnParameter(stack, 'Instance').valueAsString;
    newIssuer(stack, { instanceArn });
    const [policy] = policies(templateOf(stack));
    const create = policy.Properties.PolicyDocument.Statement[0];
    expect(create.Resource[0]).toEqual({ Ref: 'Instance' });
    expect(JSON.stringify(create.Resource[1])).toContain('"Fn::Split":[":instance/",{"Ref":"Instance"}]');
  });

  test('statements are shared per instance: 100 issuers of 2 instances → one role, one (issuer) policy, 2 statements per instance + 1 cleanup, one Lambda', () => {
    const stack = newStack();
    for (let i = 0; i < 100; i++) {
      newIssuer(stack, { instanceArn: i % 2 ? INSTANCE : INSTANCE_2, oidc: { issuerUrl: `https://issuer${i}.example.com` }, tags: { n: `${i}` } }, `I${i}`);
    }
    const template = templateOf(stack);
    const count = (type: string) => Object.values<any>(template.Resources).filter(r => r.Type === type).length;
    expect(count('AWS::IAM::Role')).toBe(1);
    expect(count('AWS::IAM::Policy')).toBe(1);
    expect(count('AWS::Lambda::Function')).toBe(1);
    expect(count(ISSUER_TYPE)).toBe(100);
    expect(policies(template)[0].Properties.PolicyDocument.Statement).toHaveLength(5);
    expect(JSON.stringify(policies(template)[0].Properties.PolicyDocument).length).toBeLessThan(10_240);
  });

  test('every custom resource depends on the shared policy (permissions exist for its first and last call)', () => {
    const stack = newStack();
    newIssuer(stack, { tags: { a: 'b' } });
    const template = templateOf(stack);
    const [policyId] = Object.entries<any>(template.Resources).find(([, r]) => r.Type === 'AWS::IAM::Policy')!;
    for (const c of calls(template)) expect(c.resource.DependsOn).toContain(policyId);
  });

  test('a user AwsCustomResource created first keeps its role: the library policy is attached to it, no second role', () => {
    const stack = newStack();
    new AwsCustomResource(stack, 'Mine', {
      installLatestAwsSdk: false,
      onCreate: { service: 'STS', action: 'GetCallerIdentity', physicalResourceId: PhysicalResourceId.of('x') },
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
    newIssuer(stack);
    const template = templateOf(stack);
    const roles = Object.entries<any>(template.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Role');
    expect(roles).toHaveLength(1);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sso:CreateTrustedTokenIssuer' })]) },
      Roles: [{ Ref: roles[0][0] }],
    });
  });

  test('the Lambda function runs with the shared role', () => {
    const stack = newStack();
    newIssuer(stack);
    const template = templateOf(stack);
    const [roleId] = Object.entries<any>(template.Resources).find(([, r]) => r.Type === 'AWS::IAM::Role')!;
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Role: { 'Fn::GetAtt': [roleId, 'Arn'] } });
  });
});

describe('tags', () => {
  test('one tag resource per key: create/update tag that key, delete untags it, with the instance ARN', () => {
    const stack = newStack();
    const issuer = newIssuer(stack, { tags: { team: 'identity' } });
    const template = templateOf(stack);
    const [cr] = calls(template, ISSUER_TYPE);
    const tagCall = (action: string, extra: object) => Match.serializedJson(Match.objectLike({
      service: 'SSOAdmin',
      action,
      parameters: { InstanceArn: INSTANCE, ResourceArn: SAMPLE_ISSUER_ARN, ...extra },
    }));
    const [tag] = calls(template, TAG_TYPE);
    // The calls hold the issuer's Ref (a Fn::Join): match them once parsed, with the Ref as a sample ARN.
    const parsed = { Create: JSON.stringify(tag.create), Update: JSON.stringify(tag.update), Delete: JSON.stringify(tag.delete) };
    Template.fromJSON({ Resources: { T: { Type: TAG_TYPE, Properties: parsed } } }).hasResourceProperties(TAG_TYPE, {
      Create: tagCall('TagResource', { Tags: [{ Key: 'team', Value: 'identity' }] }),
      Update: tagCall('TagResource', { Tags: [{ Key: 'team', Value: 'identity' }] }),
      Delete: tagCall('UntagResource', { TagKeys: ['team'] }),
    });
    expect(tag.create.physicalResourceId).toEqual({ id: 'team' });
    expect(tag.update.physicalResourceId).toEqual({ id: 'team' });
    expect(JSON.stringify(tag.resource.Properties.Create)).toContain(JSON.stringify({ Ref: cr.logicalId }));
    expect(issuer.cdkTagManager.tagValues()).toEqual({ team: 'identity' });
  });

  test('Tags.of() tags the issuer (at create and through a tag resource) and overrides a prop tag of the same key', () => {
    const stack = newStack();
    const issuer = newIssuer(stack, { tags: { team: 'a' } });
    Tags.of(stack).add('env', 'prod');
    Tags.of(issuer).add('team', 'b');
    const template = templateOf(stack);
    const [cr] = calls(template, ISSUER_TYPE);
    expect(cr.create.parameters.Tags).toEqual([{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'b' }]);
    const tags = calls(template, TAG_TYPE).map(t => t.create.parameters.Tags[0]);
    expect(tags).toEqual(expect.arrayContaining([{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'b' }]));
    expect(tags).toHaveLength(2);
  });

  test('Tags.of() excludeResourceTypes is honoured', () => {
    const stack = newStack();
    newIssuer(stack);
    Tags.of(stack).add('env', 'prod', { excludeResourceTypes: [ISSUER_TYPE] });
    expect(calls(templateOf(stack), TAG_TYPE)).toHaveLength(0);
  });

  test('a tag key with "/" gets a valid construct id', () => {
    const stack = newStack();
    newIssuer(stack, { tags: { 'app/name': 'x' } });
    expect(calls(templateOf(stack), TAG_TYPE)[0].create.parameters.Tags).toEqual([{ Key: 'app/name', Value: 'x' }]);
  });

  test('synthesizing twice does not duplicate tag resources', () => {
    const app = new App();
    const stack = newStack(app);
    newIssuer(stack, { tags: { a: 'b' } });
    app.synth();
    expect(() => app.synth({ force: true })).not.toThrow();
    expect(calls(templateOf(stack), TAG_TYPE)).toHaveLength(1);
  });
});

describe('import and grants', () => {
  test('fromTrustedTokenIssuerArn derives the instance ARN', () => {
    const imported = TrustedTokenIssuer.fromTrustedTokenIssuerArn(newStack(), 'Imported', SAMPLE_ISSUER_ARN);
    expect(imported.trustedTokenIssuerArn).toBe(SAMPLE_ISSUER_ARN);
    expect(imported.instanceArn).toBe(INSTANCE);
  });

  test('fromTrustedTokenIssuerArn is token-safe', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'Arn').valueAsString;
    const imported = TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'Imported', arn);
    expect(Token.isUnresolved(imported.instanceArn)).toBe(true);
    expect(stack.resolve(imported.instanceArn)).toEqual({
      'Fn::Join': ['', [
        'arn:',
        { 'Fn::Select': [1, { 'Fn::Split': [':', { Ref: 'Arn' }] }] },
        ':sso:::instance/',
        { 'Fn::Select': [1, { 'Fn::Split': ['/', { Ref: 'Arn' }] }] },
      ]],
    });
  });

  test.each([
    SAMPLE_ISSUER_ARN,
    'arn:aws-cn:sso::123456789012:trustedTokenIssuer/ins-1234567890abcdef/tti-12345678-1234-1234-1234-123456789012',
  ])('fromTrustedTokenIssuerArn accepts %s', (arn) => {
    expect(() => TrustedTokenIssuer.fromTrustedTokenIssuerArn(newStack(), 'Imported', arn)).not.toThrow();
  });

  test.each([
    INSTANCE,
    // The API rejects these (ValidationException at the first grant that names the issuer).
    'arn:aws-cn:sso::123456789012:trustedTokenIssuer/ssoins-1234567890abcdef/tti-1',
    'arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-123456789012/tti-12345678-1234-1234-1234-123456789012',
    'arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1234567890abcdef/tti-12345678-1234-1234-1234-12345678901G',
  ])('fromTrustedTokenIssuerArn rejects %s', (arn) => {
    expect(() => TrustedTokenIssuer.fromTrustedTokenIssuerArn(newStack(), 'Imported', arn)).toThrow(new RegExp(
      `^TrustedTokenIssuer.fromTrustedTokenIssuerArn: trustedTokenIssuerArn "${arn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" must be a trusted token issuer ARN, `
      + 'arn:<partition>:sso::<12-digit account>:trustedTokenIssuer/ssoins-<16 characters>/tti-<uuid>$'));
  });

  test('fromTrustedTokenIssuerArn accepts an ARN that is partly a token, and takes the account from the ARN', () => {
    const stack = newStack();
    const partly = `arn:${stack.partition}:sso::${new CfnParameter(stack, 'Account').valueAsString}:trustedTokenIssuer/ssoins-1/tti-1`;
    expect(() => TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'Partly', partly)).not.toThrow();
    const other = TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'Other', SAMPLE_ISSUER_ARN.replace('123456789012', '210987654321'));
    expect(other.env.account).toBe('210987654321');
  });

  test.each([
    ['a new issuer', (stack: Stack) => newIssuer(stack)],
    ['an imported issuer', (stack: Stack) => TrustedTokenIssuer.fromTrustedTokenIssuerArn(stack, 'Imported', SAMPLE_ISSUER_ARN)],
  ])('grantRead on %s grants sso:DescribeTrustedTokenIssuer on the issuer ARN only', (_, make) => {
    const stack = newStack();
    const issuer = make(stack);
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    issuer.grantRead(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) }],
      PolicyDocument: { Statement: [{ Action: 'sso:DescribeTrustedTokenIssuer', Effect: 'Allow', Resource: stack.resolve(issuer.trustedTokenIssuerArn) }] },
    });
  });
});

describe('token create-only values', () => {
  test('warns that a token instance ARN or issuer URL replaces only when its expression changes', () => {
    const stack = newStack();
    newIssuer(stack, { oidc: { issuerUrl: Fn.join('', ['https://cognito-idp.', Aws.REGION, '.amazonaws.com/pool']) } });
    Annotations.fromStack(stack).hasWarning('/Stack/Okta', Match.stringLikeRegexp('issuerUrl is a token.*cdk-trusted-identity:createOnlyToken'));
  });

  test('literal values do not warn', () => {
    const stack = newStack();
    newIssuer(stack);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('createOnlyToken'));
  });

  test('the replacement key of a token is its CloudFormation expression, not the token number', () => {
    const logicalIdWithExtraTokens = (extra: number) => {
      const stack = newStack();
      for (let i = 0; i < extra; i++) Fn.join('', ['x', Aws.ACCOUNT_ID]);
      newIssuer(stack, { oidc: { issuerUrl: Fn.join('', ['https://cognito-idp.', Aws.REGION, '.amazonaws.com/pool']) } });
      return calls(templateOf(stack), ISSUER_TYPE)[0].logicalId;
    };
    expect(logicalIdWithExtraTokens(0)).toBe(logicalIdWithExtraTokens(5));
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Conformance: every SDK call the construct synthesizes is a valid request of the API model.

describe('every synthesized SDK call conforms to the API model', () => {
  const variants: Array<[string, (stack: Stack) => void]> = [
    ['defaults', (s) => newIssuer(s)],
    ['all props, retained', (s) => newIssuer(s, {
      trustedTokenIssuerName: 'okta.prod@example-1',
      tags: { 'team': 'identity', 'app/name': 'x y', 'empty': '' },
      removalPolicy: RemovalPolicy.RETAIN,
      oidc: { claimAttributePath: 'preferred_username', identityStoreAttributePath: 'userName', jwksRetrievalOption: JwksRetrievalOption.OPEN_ID_DISCOVERY },
    })],
    ['Tags.of() and 75 tags', (s) => {
      const issuer = newIssuer(s, { oidc: { identityStoreAttributePath: 'externalIds.id' } });
      for (let i = 0; i < 75; i++) Tags.of(issuer).add(`key${i}`, `value${i}`);
    }],
    ['long generated name', (s) => newIssuer(s, {}, 'X'.repeat(240))],
  ];

  test.each(variants)('%s', (_, build) => {
    const stack = newStack();
    build(stack);
    const all = calls(templateOf(stack));
    expect(all.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const c of all) {
      for (const call of [c.create, c.update, c.delete].filter(x => x)) {
        const operation = `sso-admin:${call.action}`;
        seen.add(operation);
        expect(call.service).toBe('SSOAdmin');
        expect({ operation, errors: conformance(operation, call.parameters) }).toEqual({ operation, errors: [] });
      }
    }
    expect(seen.has('sso-admin:CreateTrustedTokenIssuer')).toBe(true);
    expect(seen.has('sso-admin:UpdateTrustedTokenIssuer')).toBe(true);
  });

  test.each([
    ['an unknown member', { Name: 'x', Bogus: 1 }, /Bogus: not a member/],
    ['a missing required member', { Name: 'x' }, /TrustedTokenIssuerArn: required/],
    ['a union with two members', { TrustedTokenIssuerArn: SAMPLE_ISSUER_ARN, TrustedTokenIssuerConfiguration: {} }, /exactly one member/],
    ['a bad pattern', { TrustedTokenIssuerArn: 'arn:x' }, /does not match/],
  ])('the conformance check rejects %s', (_, params, message) => {
    expect(conformance('sso-admin:UpdateTrustedTokenIssuer', params).join('\n')).toMatch(message);
  });

  test('the conformance check rejects a ClientToken', () => {
    const stack = newStack();
    newIssuer(stack);
    const [issuer] = calls(templateOf(stack), ISSUER_TYPE);
    expect(conformance('sso-admin:CreateTrustedTokenIssuer', { ...issuer.create.parameters, ClientToken: 'fixed' }).join('\n'))
      .toMatch(/ClientToken: an idempotency token must be left to the SDK/);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Lifecycle: a v1 and a v2 of the same app, and what CloudFormation does between them.

function synth(build: (stack: Stack) => void): any {
  const stack = newStack();
  build(stack);
  return templateOf(stack);
}

function idsOf(template: any, type: string): string[] {
  return Object.keys(template.Resources).filter(id => template.Resources[id].Type === type);
}

describe('lifecycle (v1 → v2)', () => {
  const v1 = (s: Stack) => newIssuer(s, { trustedTokenIssuerName: 'okta', tags: { team: 'identity', env: 'prod' } });

  test('nothing changed: every resource untouched, no SDK call', () => {
    const p = plan(synth(v1), synth(v1), CR_PREFIX);
    expect(p.create).toEqual([]);
    expect(p.update).toEqual([]);
    expect(p.delete).toEqual([]);
    expect(p.sdkCalls).toEqual([]);
  });

  test.each<[string, Partial<TrustedTokenIssuerProps> & { oidc?: Partial<OidcJwtConfigurationOptions> }]>([
    ['Name', { trustedTokenIssuerName: 'okta-renamed' }],
    ['ClaimAttributePath', { oidc: { claimAttributePath: 'sub' } }],
    ['IdentityStoreAttributePath', { oidc: { identityStoreAttributePath: 'userName' } }],
  ])('%s changes: the issuer is updated in place by UpdateTrustedTokenIssuer; the tags are untouched', (_, change) => {
    const before = synth(v1);
    const after = synth(s => newIssuer(s, { trustedTokenIssuerName: 'okta', tags: { team: 'identity', env: 'prod' }, ...change, oidc: change.oidc }));
    const p = plan(before, after, CR_PREFIX);
    const [issuerId] = idsOf(after, ISSUER_TYPE);
    expect(p.update).toEqual([issuerId]);
    expect(p.create).toEqual([]);
    expect(p.delete).toEqual([]);
    expect(idsOf(after, TAG_TYPE).every(id => p.untouched.includes(id))).toBe(true);
    expect(p.sdkCalls).toEqual(['UpdateTrustedTokenIssuer']);
    const update = parseCall(after.Resources[issuerId].Properties.Update).parameters;
    const changed = { ...{ Name: 'okta', ClaimAttributePath: 'email', IdentityStoreAttributePath: 'emails.value' } };
    if (change.trustedTokenIssuerName) changed.Name = change.trustedTokenIssuerName;
    if (change.oidc?.claimAttributePath) changed.ClaimAttributePath = change.oidc.claimAttributePath;
    if (change.oidc?.identityStoreAttributePath) changed.IdentityStoreAttributePath = change.oidc.identityStoreAttributePath;
    expect(update.Name).toBe(changed.Name);
    expect(update.TrustedTokenIssuerConfiguration.OidcJwtConfiguration).toEqual({
      ClaimAttributePath: changed.ClaimAttributePath,
      IdentityStoreAttributePath: changed.IdentityStoreAttributePath,
      JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
    });
  });

  test.each<[string, Partial<TrustedTokenIssuerProps> & { oidc?: Partial<OidcJwtConfigurationOptions> }]>([
    ['issuerUrl', { oidc: { issuerUrl: 'https://example.okta.com/oauth2/aus1' } }],
    ['instanceArn', { instanceArn: INSTANCE_2 }],
  ])('%s changes: a new issuer is created, the tags move to it, then the old issuer is deleted', (_, change) => {
    const base = { tags: { team: 'identity', env: 'prod' } };
    const before = synth(s => newIssuer(s, base));
    const after = synth(s => newIssuer(s, { ...base, ...change }));
    const p = plan(before, after, CR_PREFIX);
    const [oldId] = idsOf(before, ISSUER_TYPE);
    const [newId] = idsOf(after, ISSUER_TYPE);
    expect(newId).not.toBe(oldId);
    expect(p.create).toEqual([newId]);
    expect(p.delete).toEqual([oldId]);
    expect(p.sdkCalls).toEqual(['CreateTrustedTokenIssuer', 'TagResource', 'TagResource', 'DeleteTrustedTokenIssuer']);
    // The new issuer gets a different default name, so it can be created while the old one still exists.
    const oldCreate = parseCall(before.Resources[oldId].Properties.Create).parameters;
    const newCreate = parseCall(after.Resources[newId].Properties.Create).parameters;
    expect(newCreate.Name).not.toBe(oldCreate.Name);
    expect(newCreate.ClientToken).toBeUndefined();
    // The tag resources now point at the new issuer.
    for (const id of idsOf(after, TAG_TYPE)) expect(JSON.stringify(after.Resources[id].Properties.Update)).toContain(newId);
  });

  test('issuerUrl changes on a retained issuer: the old issuer is left in place (no delete call)', () => {
    const before = synth(s => newIssuer(s, { removalPolicy: RemovalPolicy.RETAIN }));
    const after = synth(s => newIssuer(s, { removalPolicy: RemovalPolicy.RETAIN, oidc: { issuerUrl: 'https://other.okta.com' } }));
    expect(plan(before, after, CR_PREFIX).sdkCalls).toEqual(['CreateTrustedTokenIssuer']);
  });

  test('a tag is added: one TagResource; the issuer is updated in place (its create call lists the tags), not replaced', () => {
    const before = synth(v1);
    const after = synth(s => newIssuer(s, { trustedTokenIssuerName: 'okta', tags: { team: 'identity', env: 'prod', owner: 'me' } }));
    const p = plan(before, after, CR_PREFIX);
    expect(p.delete).toEqual([]);
    expect(p.create).toHaveLength(1);
    expect(parseCall(after.Resources[p.create[0]].Properties.Create).parameters.Tags).toEqual([{ Key: 'owner', Value: 'me' }]);
    expect(p.sdkCalls).toEqual(['TagResource', 'UpdateTrustedTokenIssuer']);
  });

  test('a tag value changes: TagResource of that key on the same tag resource (same physical id: no untag)', () => {
    const before = synth(v1);
    const after = synth(s => newIssuer(s, { trustedTokenIssuerName: 'okta', tags: { team: 'platform', env: 'prod' } }));
    const p = plan(before, after, CR_PREFIX);
    expect(p.create).toEqual([]);
    expect(p.delete).toEqual([]);
    const [tagId] = p.update.filter(id => after.Resources[id].Type === TAG_TYPE);
    const update = parseCall(after.Resources[tagId].Properties.Update);
    expect(update.parameters.Tags).toEqual([{ Key: 'team', Value: 'platform' }]);
    expect(update.physicalResourceId).toEqual(parseCall(before.Resources[tagId].Properties.Create).physicalResourceId);
    expect(p.sdkCalls.sort()).toEqual(['TagResource', 'UpdateTrustedTokenIssuer']);
  });

  test('a tag is removed: UntagResource of exactly that key; the other tags are untouched', () => {
    const before = synth(v1);
    const after = synth(s => newIssuer(s, { trustedTokenIssuerName: 'okta', tags: { team: 'identity' } }));
    const p = plan(before, after, CR_PREFIX);
    expect(p.create).toEqual([]);
    expect(p.delete).toHaveLength(1);
    expect(parseCall(before.Resources[p.delete[0]].Properties.Delete).parameters.TagKeys).toEqual(['env']);
    expect(idsOf(after, TAG_TYPE).every(id => p.untouched.includes(id))).toBe(true);
    expect(p.sdkCalls).toEqual(['UpdateTrustedTokenIssuer', 'UntagResource']);
  });

  test('the issuer is removed from the app: its tags are untagged and it is deleted; nothing is left behind', () => {
    const before = synth(v1);
    const after = synth(s => new iam.Role(s, 'Other', { assumedBy: new iam.AccountRootPrincipal() }));
    const p = plan(before, after, CR_PREFIX);
    expect(p.sdkCalls.sort()).toEqual(['DeleteTrustedTokenIssuer', 'UntagResource', 'UntagResource']);
    expect(p.delete).toEqual(expect.arrayContaining([...idsOf(before, ISSUER_TYPE), ...idsOf(before, TAG_TYPE)]));
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// The native implementation (the default): AWS::SSO::TrustedTokenIssuer.

const NATIVE_TYPE = SSO_TRUSTED_TOKEN_ISSUER.type;

function nativeResources(template: any): Array<[string, any]> {
  return Object.entries<any>(template.Resources).filter(([, r]) => r.Type === NATIVE_TYPE);
}

describe('native AWS::SSO::TrustedTokenIssuer (default)', () => {
  test('is the default: one AWS::SSO::TrustedTokenIssuer with the CreateTrustedTokenIssuer shape, no Lambda, no role, no custom resource', () => {
    const stack = newStack();
    const issuer = newNativeIssuer(stack, { trustedTokenIssuerName: 'okta' });
    const template = templateOf(stack);
    expect(issuer.implementation).toBe(CLOUDFORMATION);
    expect(Object.values<any>(template.Resources).map(r => r.Type)).toEqual([NATIVE_TYPE]);
    expect(nativeResources(template)[0][1]).toEqual({
      Type: NATIVE_TYPE,
      Properties: {
        InstanceArn: INSTANCE,
        Name: 'okta',
        TrustedTokenIssuerType: 'OIDC_JWT',
        TrustedTokenIssuerConfiguration: {
          OidcJwtConfiguration: {
            IssuerUrl: OKTA.issuerUrl,
            ClaimAttributePath: 'email',
            IdentityStoreAttributePath: 'emails.value',
            JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
          },
        },
      },
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    });
  });

  test('trustedTokenIssuerArn is Fn::GetAtt TrustedTokenIssuerArn; the escape hatch is the CfnResource', () => {
    const stack = newStack();
    const issuer = newNativeIssuer(stack);
    const [[logicalId]] = nativeResources(templateOf(stack));
    expect(stack.resolve(issuer.trustedTokenIssuerArn)).toEqual({ 'Fn::GetAtt': [logicalId, 'TrustedTokenIssuerArn'] });
    expect(issuer.node.defaultChild).toBeInstanceOf(CfnResource);
    expect(stack.resolve((issuer.node.defaultChild as CfnResource).logicalId)).toBe(logicalId);
    expect(issuer.instanceArn).toBe(INSTANCE);
  });

  test('the generated name is the same for both implementations (same construct path, same create-only values)', () => {
    const native = newNativeIssuer(newStack()).trustedTokenIssuerName;
    const fallback = newIssuer(newStack()).trustedTokenIssuerName;
    expect(native).toBe(fallback);
  });

  describe('tags', () => {
    test('the tags prop and Tags.of() render the native Tags list ({Key, Value}); Tags.of() overrides a prop tag of the same key', () => {
      const stack = newStack();
      const issuer = newNativeIssuer(stack, { tags: { team: 'identity', env: 'dev' } });
      Tags.of(stack).add('env', 'prod');
      Tags.of(issuer).add('owner', 'me');
      expect(nativeResources(templateOf(stack))[0][1].Properties.Tags).toEqual([
        { Key: 'env', Value: 'prod' },
        { Key: 'owner', Value: 'me' },
        { Key: 'team', Value: 'identity' },
      ]);
    });

    test('no tags: no Tags property', () => {
      const stack = newStack();
      newNativeIssuer(stack);
      expect(nativeResources(templateOf(stack))[0][1].Properties).not.toHaveProperty('Tags');
    });

    test('Tags.of() includeResourceTypes / excludeResourceTypes match AWS::SSO::TrustedTokenIssuer', () => {
      const stack = newStack();
      newNativeIssuer(stack);
      Tags.of(stack).add('included', 'x', { includeResourceTypes: [NATIVE_TYPE] });
      Tags.of(stack).add('excluded', 'x', { excludeResourceTypes: [NATIVE_TYPE] });
      expect(nativeResources(templateOf(stack))[0][1].Properties.Tags).toEqual([{ Key: 'included', Value: 'x' }]);
    });

    test('no tag resource and no custom resource, whatever the number of tags', () => {
      const stack = newStack();
      const issuer = newNativeIssuer(stack, { tags: { a: '1', b: '2' } });
      Tags.of(issuer).add('c', '3');
      expect(Object.values<any>(templateOf(stack).Resources).map(r => r.Type)).toEqual([NATIVE_TYPE]);
    });
  });

  describe('implementation', () => {
    test.each([CLOUDFORMATION, CUSTOM_RESOURCE, undefined])('accepts %s', (implementation) => {
      expect(() => newNativeIssuer(newStack(), { implementation })).not.toThrow();
    });
    test('rejects a value that is not a TrustedTokenIssuerImplementation (JavaScript callers can pass any string)', () => {
      expect(() => newNativeIssuer(newStack(), { implementation: 'NATIVE' as TrustedTokenIssuerImplementation }))
        .toThrow(/Stack\/Okta: implementation "NATIVE" must be one of CLOUDFORMATION, CUSTOM_RESOURCE/);
    });
  });

  describe('removal policy', () => {
    test('RETAIN → DeletionPolicy and UpdateReplacePolicy Retain', () => {
      const stack = newStack();
      newNativeIssuer(stack, { removalPolicy: RemovalPolicy.RETAIN });
      const [[, r]] = nativeResources(templateOf(stack));
      expect([r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    });
    test('rejects SNAPSHOT', () => {
      expect(() => newNativeIssuer(newStack(), { removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/removalPolicy "SNAPSHOT" must be DESTROY or RETAIN/);
    });
  });

  describe('warnings', () => {
    test('the native issuer warns about nothing, even with token create-only values', () => {
      const stack = newStack();
      newNativeIssuer(stack, { instanceArn: new CfnParameter(stack, 'Instance').valueAsString });
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    });
    test('the custom-resource fallback warns that the native type exists and links the migration section', () => {
      const stack = newStack();
      newIssuer(stack);
      Annotations.fromStack(stack).hasWarning('/Stack/Okta', Match.stringLikeRegexp(
        'CloudFormation now has the native type AWS::SSO::TrustedTokenIssuer.*#migrating-a-custom-resource-issuer-to-the-native-type.*cdk-trusted-identity:nativeTypeAvailable'));
    });
  });

  test('grantRead and grant name the native issuer ARN', () => {
    const stack = newStack();
    const issuer = newNativeIssuer(stack);
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    issuer.grantRead(role);
    const [[logicalId]] = nativeResources(templateOf(stack));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'sso:DescribeTrustedTokenIssuer', Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId, 'TrustedTokenIssuerArn'] } }] },
    });
  });

  test.each([
    ['a native issuer after a custom-resource one', (s: Stack) => newIssuer(s), (s: Stack) => newNativeIssuer(s, {}, 'Again')],
    ['a custom-resource issuer after a native one', (s: Stack) => newNativeIssuer(s), (s: Stack) => newIssuer(s, {}, 'Again')],
  ])('one issuer per URL per instance counts both implementations: rejects %s', (_, first, second) => {
    const stack = newStack();
    first(stack);
    expect(() => second(stack)).toThrow(/Stack\/Again: issuerUrl ".*" is already used by Stack\/Okta/);
  });

  describe('conforms to the CreateTrustedTokenIssuer request shape (the type mirrors it)', () => {
    test.each<[string, (s: Stack) => void]>([
      ['defaults', (s) => newNativeIssuer(s)],
      ['all props', (s) => newNativeIssuer(s, {
        trustedTokenIssuerName: 'okta.prod@example-1',
        tags: { 'team': 'identity', 'app/name': 'x y', 'empty': '' },
        removalPolicy: RemovalPolicy.RETAIN,
        oidc: { claimAttributePath: 'preferred_username', identityStoreAttributePath: 'externalIds.id', jwksRetrievalOption: JwksRetrievalOption.OPEN_ID_DISCOVERY },
      })],
      ['Tags.of() and 75 tags', (s) => {
        const issuer = newNativeIssuer(s);
        for (let i = 0; i < 75; i++) Tags.of(issuer).add(`key${i}`, `value${i}`);
      }],
      ['long generated name', (s) => newNativeIssuer(s, {}, 'X'.repeat(240))],
    ])('%s', (_, build) => {
      const stack = newStack();
      build(stack);
      const [[, r]] = nativeResources(templateOf(stack));
      expect(conformance('sso-admin:CreateTrustedTokenIssuer', r.Properties)).toEqual([]);
      for (const p of SSO_TRUSTED_TOKEN_ISSUER.required) expect(r.Properties).toHaveProperty(p);
    });

    test('the check would catch CfnTag-style {key, value} tags', () => {
      expect(conformance('sso-admin:CreateTrustedTokenIssuer', { ...minimalCreate(), Tags: [{ key: 'a', value: 'b' }] }).join('\n'))
        .toMatch(/Tags\[\]\.key: not a member/);
    });
  });
});

function minimalCreate(): any {
  const stack = newStack();
  newNativeIssuer(stack);
  return nativeResources(templateOf(stack))[0][1].Properties;
}

/** Leaf property paths (`A.B.C`; lists are leaves) whose values differ between two property objects. */
function changedPaths(a: any, b: any, prefix = ''): string[] {
  const isObject = (v: any) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(a) || !isObject(b)) return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap(k => changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
}

/** What CloudFormation does to each native issuer between two templates, by the type's create-only properties. */
function nativePlan(v1: any, v2: any): { [logicalId: string]: { action: string; changed: string[] } } {
  const out: { [logicalId: string]: { action: string; changed: string[] } } = {};
  for (const [id, r] of nativeResources(v2)) {
    const before = v1.Resources[id];
    if (!before) {
      out[id] = { action: 'create', changed: [] };
      continue;
    }
    const changed = changedPaths(before.Properties, r.Properties);
    const replace = changed.some(p => SSO_TRUSTED_TOKEN_ISSUER.createOnly.some(c => p === c || p.startsWith(`${c}.`)));
    out[id] = { action: changed.length === 0 ? 'none' : replace ? 'replace' : 'update', changed };
  }
  for (const [id] of nativeResources(v1)) if (!v2.Resources[id]) out[id] = { action: 'delete', changed: [] };
  return out;
}

describe('native lifecycle (v1 → v2)', () => {
  const base: IssuerProps = { trustedTokenIssuerName: 'okta', tags: { team: 'identity' } };
  const v1 = synth(s => newNativeIssuer(s, base));
  const logicalId = nativeResources(v1)[0][0];

  test('nothing changed: no change', () => {
    expect(nativePlan(v1, synth(s => newNativeIssuer(s, base)))).toEqual({ [logicalId]: { action: 'none', changed: [] } });
  });

  test.each<[string, IssuerProps, string[]]>([
    ['Name', { trustedTokenIssuerName: 'okta-renamed' }, ['Name']],
    ['ClaimAttributePath', { oidc: { claimAttributePath: 'sub' } }, ['TrustedTokenIssuerConfiguration.OidcJwtConfiguration.ClaimAttributePath']],
    ['IdentityStoreAttributePath', { oidc: { identityStoreAttributePath: 'userName' } }, ['TrustedTokenIssuerConfiguration.OidcJwtConfiguration.IdentityStoreAttributePath']],
    ['a tag', { tags: { team: 'platform', owner: 'me' } }, ['Tags']],
    ['removalPolicy', { removalPolicy: RemovalPolicy.RETAIN }, []],
  ])('%s changes: updated in place (same logical id, no create-only property changed)', (_, change, changed) => {
    const v2 = synth(s => newNativeIssuer(s, { ...base, ...change }));
    const p = nativePlan(v1, v2);
    expect(Object.keys(p)).toEqual([logicalId]);
    expect(p[logicalId]).toEqual({ action: changed.length ? 'update' : 'none', changed });
  });

  test.each<[string, IssuerProps, string]>([
    ['issuerUrl', { oidc: { issuerUrl: 'https://example.okta.com/oauth2/aus1' } }, 'TrustedTokenIssuerConfiguration.OidcJwtConfiguration.IssuerUrl'],
    ['instanceArn', { instanceArn: INSTANCE_2 }, 'InstanceArn'],
  ])('%s changes: CloudFormation replaces the issuer (same logical id, a create-only property changed)', (_, change, path) => {
    const v2 = synth(s => newNativeIssuer(s, { ...base, ...change }));
    const p = nativePlan(v1, v2);
    expect(Object.keys(p)).toEqual([logicalId]);
    expect(p[logicalId].action).toBe('replace');
    expect(p[logicalId].changed).toContain(path);
  });

  test('a token issuer URL: a new deployed value is a changed property value, so CloudFormation replaces by itself (no hash needed)', () => {
    const stack = newStack();
    const url = new CfnParameter(stack, 'Url').valueAsString;
    newNativeIssuer(stack, { oidc: { issuerUrl: url } });
    const [[, r]] = nativeResources(templateOf(stack));
    expect(r.Properties.TrustedTokenIssuerConfiguration.OidcJwtConfiguration.IssuerUrl).toEqual({ Ref: 'Url' });
  });

  test('the issuer leaves the app: CloudFormation deletes it (DeletionPolicy Delete), or keeps it with RETAIN', () => {
    const after = synth(s => new iam.Role(s, 'Other', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(nativePlan(v1, after)).toEqual({ [logicalId]: { action: 'delete', changed: [] } });
    expect(v1.Resources[logicalId].DeletionPolicy).toBe('Delete');
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Migration of a deployed custom-resource issuer to the native type (README: "Migrating a custom-resource issuer").

describe('migration from CUSTOM_RESOURCE to CLOUDFORMATION', () => {
  const props: IssuerProps = { tags: { team: 'identity' } };

  test('step 1: the fallback with RETAIN is retained and makes no delete call', () => {
    const t = synth(s => newIssuer(s, { ...props, removalPolicy: RemovalPolicy.RETAIN }));
    const [issuer] = calls(t, ISSUER_TYPE);
    expect(issuer.resource.DeletionPolicy).toBe('Retain');
    expect(issuer.delete).toBeUndefined();
  });

  test('step 2: removing the retained fallback deletes no issuer (only the tags the stack managed are untagged)', () => {
    const before = synth(s => newIssuer(s, { ...props, removalPolicy: RemovalPolicy.RETAIN }));
    const after = synth(s => new iam.Role(s, 'Other', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(plan(before, after, CR_PREFIX).sdkCalls).toEqual(['UntagResource']);
  });

  test('step 3: the native resource (same construct id) declares exactly the issuer the fallback created, so cdk import adopts it without drift', () => {
    const fallback = synth(s => newIssuer(s, { ...props, removalPolicy: RemovalPolicy.RETAIN }));
    const native = synth(s => newNativeIssuer(s, { ...props, removalPolicy: RemovalPolicy.RETAIN }));
    const [created] = calls(fallback, ISSUER_TYPE);
    const [[, r]] = nativeResources(native);
    expect(r.Properties).toEqual(created.create.parameters);
    // CloudFormation imports only resources with a DeletionPolicy; the primary identifier is the issuer ARN.
    expect(r.DeletionPolicy).toBe('Retain');
    expect(SSO_TRUSTED_TOKEN_ISSUER.primaryIdentifier).toEqual(['TrustedTokenIssuerArn']);
  });

  test('switching in place (without the steps) would create the native issuer while the old one exists: same URL and instance', () => {
    const before = synth(s => newIssuer(s, props));
    const after = synth(s => newNativeIssuer(s, props));
    const [old] = calls(before, ISSUER_TYPE);
    const [[newId, r]] = nativeResources(after);
    expect(before.Resources[newId]).toBeUndefined(); // a new resource to CloudFormation: created first
    expect(r.Properties.TrustedTokenIssuerConfiguration.OidcJwtConfiguration.IssuerUrl)
      .toBe(old.create.parameters.TrustedTokenIssuerConfiguration.OidcJwtConfiguration.IssuerUrl);
  });
});

describe('deletes in the cleanup phase stay authorized (the shared policy is updated before removed resources are deleted)', () => {
  const deleteActions = (template: any): string[] => {
    const [policy] = Object.values<any>(template.Resources).filter(r => r.Type === 'AWS::IAM::Policy');
    return policy.Properties.PolicyDocument.Statement
      .filter((st: any) => JSON.stringify(st.Resource).includes(':trustedTokenIssuer/*') && !JSON.stringify(st.Resource).includes('ssoins-'))
      .flatMap((st: any) => [].concat(st.Action));
  };

  test.each<[string, IssuerProps]>([
    ['instanceArn changes (the old issuer is deleted after the policy moved to the new instance)', { instanceArn: INSTANCE_2 }],
    ['the issuer moves to another URL', { oidc: { issuerUrl: 'https://other.okta.com' } }],
  ])('%s: v2\'s policy still allows DeleteTrustedTokenIssuer and UntagResource on any issuer of the account', (_, change) => {
    const before = synth(s => newIssuer(s, { tags: { a: 'b' } }));
    const after = synth(s => newIssuer(s, { tags: { a: 'b' }, ...change }));
    expect(plan(before, after, CR_PREFIX).sdkCalls).toContain('DeleteTrustedTokenIssuer');
    expect(deleteActions(after)).toEqual(expect.arrayContaining(['sso:DeleteTrustedTokenIssuer', 'sso:UntagResource']));
  });

  test('one issuer of two is removed: the remaining stack keeps the delete-side statement for the removed one', () => {
    const after = synth(s => newIssuer(s, { instanceArn: INSTANCE_2 }, 'Other'));
    expect(deleteActions(after)).toEqual(expect.arrayContaining(['sso:DeleteTrustedTokenIssuer', 'sso:UntagResource']));
  });
});
