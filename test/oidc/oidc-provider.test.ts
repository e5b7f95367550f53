import { App, CfnParameter, Fn, RemovalPolicy, Stack, Tags, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  GitHubActionsSubject,
  GitLabSubject,
  OidcProvider,
  OidcProviderProps,
  TerraformCloudSubject,
} from '../../src';

const HEX = 'a031c46782e6e6c662c2c87c76da9aa62ccabd8e';
const HEX2 = '9e99a48a9960b14926bb7f3b02e22da2b0ab7280';

function makeStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

function provider(props: Partial<OidcProviderProps> = {}): { stack: Stack; provider: OidcProvider } {
  const stack = makeStack();
  const p = new OidcProvider(stack, 'Provider', { url: 'https://issuer.example.com', ...props });
  return { stack, provider: p };
}

function trustPolicyOf(stack: Stack): any {
  const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
  const role = Object.entries<any>(roles).find(([logicalId]) => logicalId.startsWith('Role'))![1];
  return stack.resolve(role.Properties.AssumeRolePolicyDocument);
}

describe('OidcProvider resource', () => {
  test('synthesizes AWS::IAM::OIDCProvider with exactly the given settings', () => {
    const { stack } = provider({ clientIds: ['sts.amazonaws.com'], thumbprints: [HEX] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    template.hasResource('AWS::IAM::OIDCProvider', {
      Properties: {
        Url: 'https://issuer.example.com',
        ClientIdList: ['sts.amazonaws.com'],
        ThumbprintList: [HEX],
      },
    });
    // No custom resource, no Lambda.
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(Object.keys(template.toJSON().Resources)).toHaveLength(1);
  });

  test('omits client IDs and thumbprints when none are given (IAM fetches the thumbprint itself)', () => {
    const { stack } = provider();
    const props = Template.fromStack(stack).findResources('AWS::IAM::OIDCProvider');
    expect(Object.values<any>(props)[0].Properties).toEqual({ Url: 'https://issuer.example.com' });
  });

  test('exposes the ARN and the issuer', () => {
    const { stack, provider: p } = provider();
    expect(stack.resolve(p.oidcProviderArn)).toEqual({ 'Fn::GetAtt': ['Provider2281708E', 'Arn'] });
    expect(p.oidcProviderIssuer).toBe('issuer.example.com');
    expect(stack.resolve(p.openIdConnectProviderArn)).toEqual(stack.resolve(p.oidcProviderArn));
    expect(p.openIdConnectProviderIssuer).toBe('issuer.example.com');
    expect(stack.resolve(p.oidcProviderRef.oidcProviderArn)).toEqual(stack.resolve(p.oidcProviderArn));
  });

  test('the issuer of a token URL is derived from the ARN', () => {
    const stack = makeStack();
    const url = new CfnParameter(stack, 'Url').valueAsString;
    const p = new OidcProvider(stack, 'Provider', { url });
    expect(stack.resolve(p.oidcProviderIssuer)).toEqual({
      'Fn::Select': [1, { 'Fn::Split': [':oidc-provider/', { 'Fn::GetAtt': ['Provider2281708E', 'Arn'] }] }],
    });
  });

  test('applies the removal policy', () => {
    const { stack } = provider({ removalPolicy: RemovalPolicy.RETAIN });
    Template.fromStack(stack).hasResource('AWS::IAM::OIDCProvider', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('default removal policy deletes the provider', () => {
    const { stack } = provider();
    const res = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::OIDCProvider'))[0];
    expect(res.DeletionPolicy).toBeUndefined();
  });

  test('tags from props and from Tags.of() both land on the resource', () => {
    const { stack } = provider({ tags: { team: 'platform' } });
    Tags.of(stack).add('env', 'prod');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', {
      Tags: Match.arrayWith([{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'platform' }]),
    });
  });

  test('addClientId and addThumbprint extend the lists', () => {
    const { stack, provider: p } = provider({ clientIds: ['a'] });
    p.addClientId('b');
    p.addThumbprint(HEX);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { ClientIdList: ['a', 'b'], ThumbprintList: [HEX] });
    expect(p.oidcProviderClientIds).toEqual(['a', 'b']);
    expect(p.oidcProviderThumbprints).toEqual([HEX]);
  });

  test('plugs into aws-cdk-lib APIs that take iam.IOidcProvider or iam.IOpenIdConnectProvider', () => {
    const { stack, provider: p } = provider({ clientIds: ['sts.amazonaws.com'] });
    const asNative: iam.IOidcProvider = p;
    const asLegacy: iam.IOpenIdConnectProvider = p;
    new iam.Role(stack, 'Role', { assumedBy: new iam.OpenIdConnectPrincipal(asNative) });
    new iam.Role(stack, 'Role2', { assumedBy: new iam.OpenIdConnectPrincipal(asLegacy) });
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 2);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: { 'Fn::GetAtt': ['Provider2281708E', 'Arn'] } } })],
      },
    });
  });
});

describe('url validation', () => {
  test.each([
    'https://token.actions.githubusercontent.com',
    'https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789',
    'https://gitlab.example.com',
    'https://token.actions.githubusercontent.com/my-enterprise',
    `https://${'a'.repeat(247)}`, // 255 characters
  ])('accepts %s', (url) => {
    expect(() => provider({ url })).not.toThrow();
  });

  // The URL rules themselves are tested once, in test/private/urls.test.ts (IAM_OIDC_PROVIDER_URL); these check the wiring.
  test.each([
    ['http://issuer.example.com', /url "http:\/\/issuer.example.com" must be an absolute URL starting with "https:\/\/" \(IAM accepts only HTTPS\)/],
    ['https://issuer.example.com:8443', /must not contain a port: IAM connects only on the scheme's default port/],
    [`https://${'a'.repeat(248)}`, /must be at most 255 characters long \(1-255\) \(got 256\)/],
    ['', /must be at least 1 character long/],
  ])('rejects %s', (url, message) => {
    expect(() => provider({ url })).toThrow(message);
  });

  test('rejects with the construct path in the message', () => {
    expect(() => provider({ url: 'http://x.example.com' })).toThrow(/^Stack\/Provider: url "http:\/\/x.example.com"/);
  });

  test('accepts an unresolved token', () => {
    const stack = makeStack();
    expect(() => new OidcProvider(stack, 'P1', { url: Fn.importValue('IssuerUrl') })).not.toThrow();
    expect(() => new OidcProvider(stack, 'P2', { url: `https://${Fn.importValue('Host')}` })).not.toThrow();
    expect(() => new OidcProvider(stack, 'P3', { url: new CfnParameter(stack, 'U').valueAsString })).not.toThrow();
  });

  test.each([
    ['https://issuer.example.com/', 'cdk-trusted-identity:oidcUrlTrailingSlash'],
    ['https://Issuer.Example.com', 'cdk-trusted-identity:oidcUrlUpperCaseHost'],
  ])('warns about %s (IAM does not normalize)', (url, id) => {
    const { stack } = provider({ url });
    Annotations.fromStack(stack).hasWarning('/Stack/Provider', Match.stringLikeRegexp(id));
  });

  test('does not warn about a canonical URL', () => {
    const { stack } = provider({ url: 'https://issuer.example.com/path' });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('clientIds validation', () => {
  test.each([
    [['sts.amazonaws.com']],
    [Array.from({ length: 100 }, (_, i) => `client-${i}`)],
    [['x'.repeat(255)]],
  ])('accepts %#', (clientIds) => {
    expect(() => provider({ clientIds })).not.toThrow();
  });

  test.each([
    [Array.from({ length: 101 }, (_, i) => `client-${i}`), /clientIds .* must have at most 100 items \(got 101\)/],
    [[''], /clientIds\[0\] "" must be at least 1 character long/],
    [['x'.repeat(256)], /clientIds\[0\] .* must be at most 255 characters long/],
    [['a', 'b', 'a'], /clientIds\[2\] "a" is a duplicate/],
  ])('rejects %#', (clientIds, message) => {
    expect(() => provider({ clientIds })).toThrow(message);
  });

  test('accepts unresolved tokens, and still checks the literal elements next to them', () => {
    expect(() => provider({ clientIds: [Fn.importValue('ClientId'), 'sts.amazonaws.com'] })).not.toThrow();
    expect(() => provider({ clientIds: [Fn.importValue('ClientId'), ''] })).toThrow(/clientIds\[1\]/);
    expect(() => provider({ clientIds: Fn.split(',', Fn.importValue('ClientIds')) })).not.toThrow();
  });

  test('a list token is passed through whole', () => {
    const stack = makeStack();
    const ids = Token.asList(new CfnParameter(stack, 'Ids', { type: 'CommaDelimitedList' }).value);
    new OidcProvider(stack, 'Provider', { url: 'https://issuer.example.com', clientIds: ids });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { ClientIdList: { Ref: 'Ids' } });
  });

  test('addClientId validates like clientIds', () => {
    const { provider: p } = provider({ clientIds: Array.from({ length: 100 }, (_, i) => `c${i}`) });
    expect(() => p.addClientId('one-too-many')).toThrow(/clientIds .* must have at most 100 items \(got 101\)/);
    const { provider: q } = provider({ clientIds: ['a'] });
    expect(() => q.addClientId('a')).toThrow(/clientIds\[1\] "a" is a duplicate/);
    expect(() => q.addClientId('')).toThrow(/clientIds\[1\] "" must be at least 1 character long/);
    expect(() => q.addClientId(Fn.importValue('X'))).not.toThrow();
    expect(() => q.addClientId('b')).not.toThrow();
  });

  test('rejects addClientId after a list token', () => {
    const { provider: p } = provider({ clientIds: Fn.split(',', Fn.importValue('Ids')) });
    expect(() => p.addClientId('x')).toThrow(/addClientId "x" cannot be used when clientIds was given as a list token/);
  });
});

describe('thumbprints validation', () => {
  test.each([
    [[HEX]],
    [[HEX.toUpperCase()]],
    [[HEX, HEX2, '0'.repeat(40), '1'.repeat(40), '2'.repeat(40)]],
  ])('accepts %#', (thumbprints) => {
    expect(() => provider({ thumbprints })).not.toThrow();
  });

  test.each([
    [[HEX, HEX2, '0'.repeat(40), '1'.repeat(40), '2'.repeat(40), '3'.repeat(40)], /thumbprints .* must have at most 5 items \(got 6\)/],
    [['abc'], /thumbprints\[0\] "abc" must be at least 40 characters long \(exactly 40\)/],
    [[HEX + '0'], /must be at most 40 characters long/],
    [['g'.repeat(40)], /thumbprints\[0\] "g{40}" must be exactly 40 hexadecimal characters/],
    [[HEX, HEX], /thumbprints\[1\] .* is a duplicate/],
  ])('rejects %#', (thumbprints, message) => {
    expect(() => provider({ thumbprints })).toThrow(message);
  });

  test('accepts unresolved tokens', () => {
    expect(() => provider({ thumbprints: [Fn.importValue('Tp')] })).not.toThrow();
    expect(() => provider({ thumbprints: [Fn.importValue('Tp'), 'zz'] })).toThrow(/thumbprints\[1\]/);
  });

  test('addThumbprint validates like thumbprints', () => {
    const { provider: p } = provider({ thumbprints: [HEX, HEX2, '0'.repeat(40), '1'.repeat(40)] });
    expect(() => p.addThumbprint('nothex')).toThrow(/thumbprints\[4\] "nothex"/);
    expect(() => p.addThumbprint(HEX)).toThrow(/is a duplicate/);
    p.addThumbprint('2'.repeat(40));
    expect(() => p.addThumbprint('3'.repeat(40))).toThrow(/at most 5 items \(got 6\)/);
    const { provider: q } = provider();
    expect(() => q.addThumbprint(Fn.importValue('Tp'))).not.toThrow();
  });
});

describe('tags validation', () => {
  test.each([
    [{ team: 'platform' }],
    [{ 'cost-center': '', 'a:b/c=d+e@f_g.h': 'x y' }],
    [Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']))],
  ])('accepts %#', (tags) => {
    const { stack } = provider({ tags });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test.each([
    [{ 'bad#key': 'v' }, /tags key "bad#key" must be made of letters/],
    [{ key: 'bad;value' }, /tags\["key"\] "bad;value" must be made of letters/],
    [{ ['k'.repeat(129)]: 'v' }, /tags key .* must be at most 128 characters/],
    [{ 'aws:reserved': 'v' }, /tags key "aws:reserved" must not start with "aws:"/],
    [Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])), /tags .* must have at most 50 tags \(got 51\)/],
  ])('rejects %#', (tags, message) => {
    expect(() => provider({ tags })).toThrow(message);
  });

  test('rejects too many tags applied with Tags.of() at synth', () => {
    const { stack } = provider();
    for (let i = 0; i < 51; i++) Tags.of(stack).add(`k${i}`, 'v');
    expect(() => Template.fromStack(stack)).toThrow(/Stack\/Provider: tags .* must have at most 50 tags \(got 51\)/);
  });

  test('accepts an unresolved tag value', () => {
    expect(() => provider({ tags: { owner: Fn.importValue('Owner') } })).not.toThrow();
  });
});

describe('imports', () => {
  describe('a literal ARN or URL is checked like a new provider\'s (tokens pass)', () => {
    test.each([
      'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      'arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC',
      'arn:aws-us-gov:iam::123456789012:oidc-provider/gitlab.example.com',
    ])('accepts %s', (arn) => {
      expect(OidcProvider.fromOidcProviderArn(makeStack(), 'Imported', arn).oidcProviderArn).toBe(arn);
    });

    test.each([
      ['an account that is not 12 digits', 'arn:aws:iam::12345:oidc-provider/token.actions.githubusercontent.com'],
      ['the URL with its scheme', 'arn:aws:iam::123456789012:oidc-provider/https://gitlab.com'],
      ['no issuer', 'arn:aws:iam::123456789012:oidc-provider/'],
      ['a region', 'arn:aws:iam:us-east-1:123456789012:oidc-provider/gitlab.com'],
      ['another service', 'arn:aws:sts::123456789012:oidc-provider/gitlab.com'],
    ])('rejects %s', (_, arn) => {
      expect(() => OidcProvider.fromOidcProviderArn(makeStack(), 'Imported', arn)).toThrow(
        new RegExp(`^Stack/Imported: oidcProviderArn "${arn.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" must be an IAM OIDC provider ARN, arn:<partition>:iam::<12-digit account>:oidc-provider/<issuer host and path>`),
      );
    });

    test('rejects an ARN longer than IAM\'s model allows (2048)', () => {
      const arn = `arn:aws:iam::123456789012:oidc-provider/${'a'.repeat(2048)}.example.com`;
      expect(() => OidcProvider.fromOidcProviderArn(makeStack(), 'Imported', arn)).toThrow(/^Stack\/Imported: oidcProviderArn .* must be at most 2048 characters long/);
    });

    test('a token ARN, or one partly made of tokens, passes', () => {
      const stack = makeStack();
      expect(() => OidcProvider.fromOidcProviderArn(stack, 'A', Fn.importValue('Arn'))).not.toThrow();
      expect(() => OidcProvider.fromOidcProviderArn(stack, 'B', `arn:${stack.partition}:iam::${stack.account}:oidc-provider/gitlab.com`)).not.toThrow();
    });

    test.each([
      ['http://gitlab.com', /must be an absolute URL starting with "https:\/\/"/],
      ['https://gitlab.com:8443', /must not contain a port/],
      ['https://gitlab.com?x=1', /must not contain a query/],
    ])('fromIssuerUrl rejects %s, naming the import', (url, message) => {
      expect(() => OidcProvider.fromIssuerUrl(makeStack(), 'Imported', url)).toThrow(new RegExp(`^Stack/Imported: url "${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" ${message.source}`));
    });

    test('fromIssuerUrl warns on a trailing slash, as for a new provider', () => {
      const stack = makeStack();
      OidcProvider.fromIssuerUrl(stack, 'Imported', 'https://gitlab.com/');
      Annotations.fromStack(stack).hasWarning('/Stack/Imported', Match.stringLikeRegexp('ends with "/"'));
    });
  });

  test('fromOidcProviderArn takes the issuer from a literal ARN, slashes included', () => {
    const stack = makeStack();
    const p = OidcProvider.fromOidcProviderArn(stack, 'Imported', 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC');
    expect(p.oidcProviderArn).toBe('arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC');
    expect(p.oidcProviderIssuer).toBe('oidc.eks.us-east-1.amazonaws.com/id/ABC');
    expect(p.openIdConnectProviderIssuer).toBe('oidc.eks.us-east-1.amazonaws.com/id/ABC');
    expect(p.env.account).toBe('123456789012');
  });

  test('fromOidcProviderArn works with a token ARN', () => {
    const stack = makeStack();
    const p = OidcProvider.fromOidcProviderArn(stack, 'Imported', Fn.importValue('ProviderArn'));
    expect(stack.resolve(p.oidcProviderIssuer)).toEqual({
      'Fn::Select': [1, { 'Fn::Split': [':oidc-provider/', { 'Fn::ImportValue': 'ProviderArn' }] }],
    });
  });

  test('rejects fromOidcProviderArn with a literal ARN of another resource type', () => {
    const stack = makeStack();
    expect(() => OidcProvider.fromOidcProviderArn(stack, 'Imported', 'arn:aws:iam::123456789012:role/x')).toThrow(
      /Stack\/Imported: oidcProviderArn "arn:aws:iam::123456789012:role\/x" must be an IAM OIDC provider ARN, .*oidc-provider/,
    );
  });

  test('fromIssuerUrl builds the ARN from the stack account and partition', () => {
    const stack = makeStack();
    const p = OidcProvider.fromIssuerUrl(stack, 'Imported', 'https://token.actions.githubusercontent.com');
    expect(stack.resolve(p.oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:oidc-provider/token.actions.githubusercontent.com']],
    });
    expect(p.oidcProviderIssuer).toBe('token.actions.githubusercontent.com');
  });

  test('fromIssuerUrl works with a token URL', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const p = OidcProvider.fromIssuerUrl(stack, 'Imported', Fn.importValue('Url'));
    expect(stack.resolve(p.oidcProviderIssuer)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['https://', { 'Fn::ImportValue': 'Url' }] }] });
    expect(JSON.stringify(stack.resolve(p.oidcProviderArn))).toContain('AWS::AccountId');
  });

  test('an imported provider builds principals too', () => {
    const stack = makeStack();
    const p = OidcProvider.fromIssuerUrl(stack, 'Imported', 'https://token.actions.githubusercontent.com');
    new iam.Role(stack, 'Role', { assumedBy: p.principal({ subjects: [GitHubActionsSubject.branch('octo', 'app', 'main')] }) });
    const doc = trustPolicyOf(stack);
    expect(doc.Statement[0].Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': 'repo:octo/app:ref:refs/heads/main',
      },
    });
  });
});

describe('principal', () => {
  test('restricts audience with StringEquals and exact subjects with StringEquals', () => {
    const stack = makeStack();
    const p = new OidcProvider(stack, 'Provider', { url: 'https://issuer.example.com', clientIds: ['my-app'] });
    new iam.Role(stack, 'Role', { assumedBy: p.principal({ subjects: ['system:serviceaccount:ns:sa'] }) });
    const doc = trustPolicyOf(stack);
    expect(doc.Statement).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Effect: 'Allow',
        Principal: { Federated: { 'Fn::GetAtt': ['Provider2281708E', 'Arn'] } },
        Condition: {
          StringEquals: { 'issuer.example.com:aud': 'my-app', 'issuer.example.com:sub': 'system:serviceaccount:ns:sa' },
        },
      },
    ]);
  });

  test('matches wildcard subjects with StringLike and keeps exact ones in StringEquals', () => {
    const stack = makeStack();
    const p = OidcProvider.gitHubActions(stack, 'GitHub');
    new iam.Role(stack, 'Role', {
      assumedBy: p.principal({ subjects: [GitHubActionsSubject.anyRef('octo', 'app'), GitHubActionsSubject.environment('octo', 'app', 'prod')] }),
    });
    expect(trustPolicyOf(stack).Statement[0].Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': 'repo:octo/app:environment:prod',
      },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo/app:*' },
    });
  });

  test('audiences override the default and additional conditions are merged', () => {
    const stack = makeStack();
    const p = OidcProvider.gitHubActions(stack, 'GitHub');
    new iam.Role(stack, 'Role', {
      assumedBy: p.principal({
        subjects: ['repo:octo/a:pull_request', 'repo:octo/b:pull_request'],
        audiences: ['custom-aud'],
        conditions: { StringEquals: { 'token.actions.githubusercontent.com:repository_owner_id': '42' } },
      }),
    });
    expect(trustPolicyOf(stack).Statement[0].Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'custom-aud',
        'token.actions.githubusercontent.com:sub': ['repo:octo/a:pull_request', 'repo:octo/b:pull_request'],
        'token.actions.githubusercontent.com:repository_owner_id': '42',
      },
    });
  });

  test('a list token of audiences stays whole', () => {
    const stack = makeStack();
    const ids = new CfnParameter(stack, 'Ids', { type: 'CommaDelimitedList' }).valueAsList;
    const p = new OidcProvider(stack, 'Provider', { url: 'https://issuer.example.com', clientIds: ids });
    new iam.Role(stack, 'Role', { assumedBy: p.principal({ subjects: ['x'] }) });
    expect(trustPolicyOf(stack).Statement[0].Condition.StringEquals['issuer.example.com:aud']).toEqual({ Ref: 'Ids' });
  });

  test('a provider whose issuer is a token renders condition keys at deploy time', () => {
    const stack = makeStack();
    const p = OidcProvider.fromOidcProviderArn(stack, 'Imported', Fn.importValue('Arn'));
    new iam.Role(stack, 'Role', { assumedBy: p.principal({ audiences: ['sts.amazonaws.com'], subjects: ['x'] }) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::AWSCDKCfnJson', 1);
    template.hasResourceProperties('Custom::AWSCDKCfnJson', {
      Value: { 'Fn::Join': ['', Match.arrayWith([':aud":"sts.amazonaws.com","', ':sub":"x"}'])] },
    });
    const condition = trustPolicyOf(stack).Statement[0].Condition;
    expect(condition.StringEquals['Fn::GetAtt'][0]).toMatch(/^ImportedPrincipalConditions0StringEquals/);
  });

  test.each([
    ['GitHub Actions', (s: Stack) => OidcProvider.gitHubActions(s, 'P')],
    ['GitLab.com', (s: Stack) => OidcProvider.gitLab(s, 'P')],
    ['HCP Terraform', (s: Stack) => OidcProvider.terraformCloud(s, 'P')],
    ['GitHub Actions (generic construct)', (s: Stack) => new OidcProvider(s, 'P', { url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] })],
    ['GitHub Actions (imported)', (s: Stack) => OidcProvider.fromIssuerUrl(s, 'P', 'https://token.actions.githubusercontent.com')],
  ])('rejects a %s principal without a subject', (name, make) => {
    const stack = makeStack();
    const p = make(stack);
    expect(() => p.principal()).toThrow(new RegExp(`Stack/P: subjects \\[\\] must restrict the subject: ${name.split(' (')[0]} is a multi-tenant issuer`));
  });

  test.each([
    ['*'],
    ['**'],
    ['repo:*'],
    ['repo:*/app:*'],
    ['repo:?ctocat/app:ref:refs/heads/main'],
    ['repo:octo*/app:*'],
    ['repo:octo*'],
    ['*:ref:refs/heads/main'],
    // GitHub's immutable form (repo:OWNER@OWNER-ID/REPO@REPO-ID:...): a wildcard owner name matches every tenant even
    // with an owner ID after it, as "*" also spans "/", ":" and "@" (a branch "a@123456/b" of any repository matches).
    ['repo:*@*/*'],
    ['repo:*@123456/*'],
    ['repo:*@123456/app@456789:ref:refs/heads/main'],
    ['repo:octo*@123456/app@456789:*'],
    ['repo:?cto@123456/app@456789:*'],
    [GitHubActionsSubject.anyRef('*', 'app', { ownerId: '123456', repositoryId: '456789' })],
    // Custom subject templates without a tenant claim: any owner can configure the same template and values.
    ['repo_property_team:platform'],
    ['job_workflow_ref:octo/shared/.github/workflows/deploy.yml@refs/heads/main'],
    ['repo_property_team:*:repository_owner:octo'],
  ])('rejects the GitHub subject %s that matches every tenant', (subject) => {
    const stack = makeStack();
    const p = OidcProvider.gitHubActions(stack, 'P');
    expect(() => p.principal({ subjects: [subject] })).toThrow(/subjects\[0\] .* matches every GitHub Actions tenant/);
  });

  test.each([
    ['repo:octo/*'],
    ['repo:octo/app:*'],
    [GitHubActionsSubject.branch('octo', 'app', 'main')],
    // Immutable form: an owner-ID pin counts like an owner-name pin; a literal name before "@" pins the owner too
    // ("@" cannot appear in GitHub names, so "repo:octo@" is only ever the owner "octo").
    ['repo:octo@123456/*'],
    ['repo:octo@123456/app@456789:*'],
    ['repo:octo@*/app@*:ref:refs/heads/main'],
    [GitHubActionsSubject.branch('octo', 'app', 'main', { ownerId: '123456', repositoryId: '456789' })],
    [GitHubActionsSubject.anyRef('octo', 'app', { ownerId: '123456', repositoryId: '456789' })],
    // Custom subject templates with a tenant claim.
    ['repository_owner_id:123456:job_workflow_ref:octo/shared/.github/workflows/deploy.yml@refs/heads/main'],
    ['environment:prod:repo:octo/app'],
  ])('accepts the GitHub subject %s', (subject) => {
    const stack = makeStack();
    const p = OidcProvider.gitHubActions(stack, 'P');
    expect(() => p.principal({ subjects: [subject] })).not.toThrow();
  });

  test('rejects tenant wildcards for GitLab and HCP Terraform', () => {
    const stack = makeStack();
    // One provider per issuer (IAM allows one per URL per account), several principals each.
    const gitLab = OidcProvider.gitLab(stack, 'G');
    const terraform = OidcProvider.terraformCloud(stack, 'T');
    expect(() => gitLab.principal({ subjects: ['project_path:*'] })).toThrow(/every GitLab.com tenant/);
    expect(() => terraform.principal({ subjects: ['organization:*:project:*'] })).toThrow(/every HCP Terraform tenant/);
    expect(() => terraform.principal({ subjects: ['organization:ac?e:project:*'] })).toThrow(/every HCP Terraform tenant/);
    expect(() => terraform.principal({ subjects: ['organization:acme:project:*'] })).not.toThrow();
    expect(() => gitLab.principal({ subjects: ['project_path:my-group/*'] })).not.toThrow();
  });

  test('HCP Terraform Europe is multi-tenant; a GitHub Enterprise Cloud enterprise issuer is not', () => {
    const stack = makeStack();
    const europe = OidcProvider.terraformCloud(stack, 'T', { url: 'https://app.eu.terraform.io' });
    expect(() => europe.principal({ subjects: ['organization:*:project:*'] })).toThrow(/every HCP Terraform Europe tenant/);
    // The enterprise issuer URL pins the enterprise: any repository of it may be trusted without a subject.
    const enterprise = OidcProvider.gitHubActions(stack, 'E', { url: 'https://token.actions.githubusercontent.com/my-enterprise' });
    expect(() => enterprise.principal()).not.toThrow();
    expect(() => enterprise.principal({ subjects: ['repo:*'] })).not.toThrow();
  });

  test('allowAnySubject opts in explicitly', () => {
    const stack = makeStack();
    const p = OidcProvider.gitHubActions(stack, 'P');
    new iam.Role(stack, 'Role', { assumedBy: p.principal({ allowAnySubject: true, subjects: ['repo:*'] }) });
    new iam.Role(stack, 'Role2', { assumedBy: p.principal({ allowAnySubject: true }) });
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 2);
  });

  test('accepts a token subject for a multi-tenant issuer', () => {
    const stack = makeStack();
    const p = OidcProvider.gitHubActions(stack, 'P');
    expect(() => p.principal({ subjects: [Fn.importValue('Subject')] })).not.toThrow();
  });

  test('a single-tenant issuer allows a principal without subject', () => {
    const stack = makeStack();
    const p = new OidcProvider(stack, 'P', { url: 'https://login.example.com', clientIds: ['app'] });
    new iam.Role(stack, 'Role', { assumedBy: p.principal() });
    expect(trustPolicyOf(stack).Statement[0].Condition).toEqual({ StringEquals: { 'login.example.com:aud': 'app' } });
  });

  test('rejects a principal without any audience', () => {
    const stack = makeStack();
    const p = new OidcProvider(stack, 'P', { url: 'https://login.example.com' });
    expect(() => p.principal({ subjects: ['x'] })).toThrow(/Stack\/P: audiences \[\] must name at least one audience/);
    expect(() => p.principal({ subjects: ['x'], audiences: [] })).toThrow(/audiences \[\] must name at least one audience/);
    expect(() => p.principal({ subjects: ['x'], audiences: ['app'] })).not.toThrow();
  });

  test('rejects an empty subject', () => {
    const stack = makeStack();
    const p = new OidcProvider(stack, 'P', { url: 'https://login.example.com', clientIds: ['a'] });
    expect(() => p.principal({ subjects: [''] })).toThrow(/subjects\[0\] "" must not be empty/);
  });
});

describe('presets', () => {
  test('gitHubActions: GitHub issuer, audience sts.amazonaws.com, no thumbprint', () => {
    const stack = makeStack();
    OidcProvider.gitHubActions(stack, 'GitHub');
    const res = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::OIDCProvider'))[0];
    expect(res.Properties).toEqual({ Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] });
  });

  test('gitLab: gitlab.com by default, self-managed by url; audience is the instance URL', () => {
    const stack = makeStack();
    OidcProvider.gitLab(stack, 'GitLab');
    OidcProvider.gitLab(stack, 'SelfManaged', { url: 'https://gitlab.example.com' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://gitlab.com', ClientIdList: ['https://gitlab.com'], ThumbprintList: Match.absent() });
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://gitlab.example.com', ClientIdList: ['https://gitlab.example.com'] });
  });

  test('a self-managed GitLab is single-tenant: no subject guard', () => {
    const stack = makeStack();
    const p = OidcProvider.gitLab(stack, 'SelfManaged', { url: 'https://gitlab.example.com' });
    expect(() => p.principal()).not.toThrow();
  });

  test('terraformCloud: app.terraform.io with audience aws.workload.identity', () => {
    const stack = makeStack();
    OidcProvider.terraformCloud(stack, 'Tfc');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://app.terraform.io',
      ClientIdList: ['aws.workload.identity'],
      ThumbprintList: Match.absent(),
    });
  });

  test('presets validate their props like the construct', () => {
    const stack = makeStack();
    expect(() => OidcProvider.gitHubActions(stack, 'A', { url: 'http://github.example.com' })).toThrow(/Stack\/A: url/);
    expect(() => OidcProvider.gitLab(stack, 'B', { clientIds: [''] })).toThrow(/Stack\/B: clientIds\[0\]/);
    expect(() => OidcProvider.terraformCloud(stack, 'C', { thumbprints: ['x'] })).toThrow(/Stack\/C: thumbprints\[0\]/);
  });

  test('presets take removal policy and tags', () => {
    const stack = makeStack();
    OidcProvider.gitHubActions(stack, 'GitHub', { removalPolicy: RemovalPolicy.RETAIN, tags: { team: 'ci' } });
    Template.fromStack(stack).hasResource('AWS::IAM::OIDCProvider', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Tags: [{ Key: 'team', Value: 'ci' }] }),
    });
  });
});

describe('subject builders', () => {
  test('GitHubActionsSubject', () => {
    expect(GitHubActionsSubject.branch('octo', 'app', 'main')).toBe('repo:octo/app:ref:refs/heads/main');
    expect(GitHubActionsSubject.tag('octo', 'app', 'v1.*')).toBe('repo:octo/app:ref:refs/tags/v1.*');
    expect(GitHubActionsSubject.environment('octo', 'app', 'prod')).toBe('repo:octo/app:environment:prod');
    expect(GitHubActionsSubject.pullRequest('octo', 'app')).toBe('repo:octo/app:pull_request');
    expect(GitHubActionsSubject.anyRef('octo', 'app')).toBe('repo:octo/app:*');
  });

  test('GitHubActionsSubject with ids builds the immutable form (repo:OWNER@OWNER-ID/REPO@REPO-ID:...)', () => {
    // https://docs.github.com/en/actions/reference/security/oidc#immutable-subject-claims
    const ids = { ownerId: '123456', repositoryId: '456789' };
    expect(GitHubActionsSubject.branch('octo-org', 'octo-repo', 'main', ids)).toBe('repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main');
    expect(GitHubActionsSubject.tag('octo', 'app', 'v1.*', ids)).toBe('repo:octo@123456/app@456789:ref:refs/tags/v1.*');
    expect(GitHubActionsSubject.environment('octo', 'app', 'prod', ids)).toBe('repo:octo@123456/app@456789:environment:prod');
    expect(GitHubActionsSubject.pullRequest('octo', 'app', ids)).toBe('repo:octo@123456/app@456789:pull_request');
    expect(GitHubActionsSubject.anyRef('octo', 'app', ids)).toBe('repo:octo@123456/app@456789:*');
  });

  test('without ids (or with undefined) every factory builds the name-based form', () => {
    expect(GitHubActionsSubject.branch('octo', 'app', 'main', undefined)).toBe('repo:octo/app:ref:refs/heads/main');
    expect(GitHubActionsSubject.tag('octo', 'app', 'v1', undefined)).toBe('repo:octo/app:ref:refs/tags/v1');
    expect(GitHubActionsSubject.environment('octo', 'app', 'prod', undefined)).toBe('repo:octo/app:environment:prod');
    expect(GitHubActionsSubject.pullRequest('octo', 'app', undefined)).toBe('repo:octo/app:pull_request');
    expect(GitHubActionsSubject.anyRef('octo', 'app', undefined)).toBe('repo:octo/app:*');
    // What Python passes when no keyword argument is given: an empty struct.
    expect(GitHubActionsSubject.branch('octo', 'app', 'main', {})).toBe('repo:octo/app:ref:refs/heads/main');
    expect(GitHubActionsSubject.pullRequest('octo', 'app', {})).toBe('repo:octo/app:pull_request');
  });

  test('both forms in one principal (a migration): StringEquals on both subjects', () => {
    const stack = makeStack();
    const p = OidcProvider.gitHubActions(stack, 'P');
    new iam.Role(stack, 'Role', {
      assumedBy: p.principal({
        subjects: [
          GitHubActionsSubject.branch('octo', 'app', 'main'),
          GitHubActionsSubject.branch('octo', 'app', 'main', { ownerId: '123456', repositoryId: '456789' }),
        ],
      }),
    });
    expect(trustPolicyOf(stack).Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:octo/app:ref:refs/heads/main',
      'repo:octo@123456/app@456789:ref:refs/heads/main',
    ]);
  });

  test.each([
    [() => GitHubActionsSubject.branch('octo', 'app', 'refs/heads/main'),
      /^GitHubActionsSubject: branch "refs\/heads\/main" must be the branch name without refs\/heads\/ \(e\.g\. "main"\): the subject adds refs\/heads\/ itself$/],
    [() => GitHubActionsSubject.branch('octo', 'app', 'refs/heads/release/*'), /branch "refs\/heads\/release\/\*" must be the branch name without refs\/heads\/ \(e\.g\. "release\/\*"\)/],
    [() => GitHubActionsSubject.branch('octo', 'app', 'refs/tags/v1'), /branch "refs\/tags\/v1" must be the branch name without refs\/heads\/ \(e\.g\. "main"\)/],
    [() => GitHubActionsSubject.tag('octo', 'app', 'refs/tags/v1.2.0'), /^GitHubActionsSubject: tag "refs\/tags\/v1\.2\.0" must be the Git tag name without refs\/tags\/ \(e\.g\. "v1\.2\.0"\)/],
    [() => GitHubActionsSubject.tag('octo', 'app', 'refs/heads/main', { ownerId: '1', repositoryId: '2' }), /tag "refs\/heads\/main" must be the Git tag name without refs\/tags\//],
  ])('rejects branch and tag arguments that are full refs %#', (build, message) => {
    expect(build).toThrow(message);
  });

  test.each([
    ['main'], ['release/*'], ['refs'], ['my-refs/x'], ['feature/refs/x'],
  ])('accepts the branch and tag name %j', (name) => {
    expect(GitHubActionsSubject.branch('octo', 'app', name)).toBe(`repo:octo/app:ref:refs/heads/${name}`);
    expect(GitHubActionsSubject.tag('octo', 'app', name)).toBe(`repo:octo/app:ref:refs/tags/${name}`);
  });

  test.each([
    ['ownerId', { ownerId: 'octo', repositoryId: '456789' }, "the repository owner's numeric ID"],
    ['ownerId', { ownerId: '0', repositoryId: '456789' }, "the repository owner's numeric ID"],
    ['ownerId', { ownerId: '0123', repositoryId: '456789' }, "the repository owner's numeric ID"],
    ['ownerId', { ownerId: '-1', repositoryId: '456789' }, "the repository owner's numeric ID"],
    ['ownerId', { ownerId: '*', repositoryId: '456789' }, "the repository owner's numeric ID"],
    ['ownerId', { ownerId: '', repositoryId: '456789' }, "the repository owner's numeric ID"],
    ['repositoryId', { ownerId: '123456', repositoryId: '4567 89' }, "the repository's numeric ID"],
    ['repositoryId', { ownerId: '123456', repositoryId: '1e5' }, "the repository's numeric ID"],
    ['repositoryId', { ownerId: '123456', repositoryId: '45678?' }, "the repository's numeric ID"],
  ])('rejects %s in %j', (prop, ids, what) => {
    const value = (ids as any)[prop];
    const expected = `GitHubActionsSubject: ${prop} ${JSON.stringify(value)} must be ${what}: a positive decimal integer without sign, leading zeros or wildcards, e.g. "123456"`;
    for (const build of [
      () => GitHubActionsSubject.branch('octo', 'app', 'main', ids),
      () => GitHubActionsSubject.tag('octo', 'app', 'v1', ids),
      () => GitHubActionsSubject.environment('octo', 'app', 'prod', ids),
      () => GitHubActionsSubject.pullRequest('octo', 'app', ids),
      () => GitHubActionsSubject.anyRef('octo', 'app', ids),
    ]) {
      expect(build).toThrow(expected);
    }
  });

  test.each([
    [{ ownerId: '1', repositoryId: '1' }],
    [{ ownerId: '9007199254740993', repositoryId: '18446744073709551615' }],
  ])('accepts the ids %j', (ids) => {
    expect(GitHubActionsSubject.pullRequest('octo', 'app', ids)).toBe(`repo:octo@${ids.ownerId}/app@${ids.repositoryId}:pull_request`);
  });

  test('ids may be tokens', () => {
    const stack = makeStack();
    const ownerId = new CfnParameter(stack, 'OwnerId').valueAsString;
    const repositoryId = Fn.importValue('RepositoryId');
    const subject = GitHubActionsSubject.branch('octo', 'app', 'main', { ownerId, repositoryId });
    expect(stack.resolve(subject)).toEqual({ 'Fn::Join': ['', ['repo:octo@', { Ref: 'OwnerId' }, '/app@', { 'Fn::ImportValue': 'RepositoryId' }, ':ref:refs/heads/main']] });
    // A token ID after a literal owner name still names one tenant: principal() accepts it.
    const p = OidcProvider.gitHubActions(stack, 'P');
    expect(() => p.principal({ subjects: [subject] })).not.toThrow();
  });

  test.each([
    [() => GitHubActionsSubject.branch('octo@123456', 'app', 'main', { ownerId: '123456', repositoryId: '456789' }),
      /^GitHubActionsSubject: owner "octo@123456" must be the repository owner \(user or organization\) without "@ID" when ids are given/],
    [() => GitHubActionsSubject.anyRef('octo', 'app@456789', { ownerId: '123456', repositoryId: '456789' }),
      /^GitHubActionsSubject: repo "app@456789" must be the repository name without "@ID" when ids are given/],
    [() => GitHubActionsSubject.anyRef('octo', 'app', { ownerId: '123456' }),
      /^GitHubActionsSubject: repositoryId undefined is required with ownerId: GitHub's immutable subject carries both IDs, repo:OWNER@OWNER-ID\/REPO@REPO-ID/],
    [() => GitHubActionsSubject.branch('octo', 'app', 'main', { repositoryId: '456789' }),
      /^GitHubActionsSubject: ownerId undefined is required with repositoryId/],
    [() => GitHubActionsSubject.anyRef('octo', 'app', { ownerId: 123456, repositoryId: '1' } as any),
      /^GitHubActionsSubject: ownerId 123456 must be a string: the repository owner's numeric ID/],
    [() => GitHubActionsSubject.anyRef('octo', 'app', '123456' as any), /^GitHubActionsSubject: ids "123456" must be an object \(or left out\): GitHubRepositoryIds/],
  ])('rejects malformed names and ids %#', (build, message) => {
    expect(build).toThrow(message);
  });

  test('GitLabSubject', () => {
    expect(GitLabSubject.branch('group/project', 'main')).toBe('project_path:group/project:ref_type:branch:ref:main');
    expect(GitLabSubject.tag('group/project', 'v1')).toBe('project_path:group/project:ref_type:tag:ref:v1');
    expect(GitLabSubject.anyRef('group/project')).toBe('project_path:group/project:*');
  });

  test('TerraformCloudSubject', () => {
    expect(TerraformCloudSubject.workspace({ organization: 'acme', workspace: 'network' })).toBe(
      'organization:acme:project:Default Project:workspace:network:run_phase:*',
    );
    expect(TerraformCloudSubject.workspace({ organization: 'acme', project: 'infra', workspace: 'network', runPhase: 'apply' })).toBe(
      'organization:acme:project:infra:workspace:network:run_phase:apply',
    );
  });

  test.each([
    [() => GitHubActionsSubject.branch('', 'app', 'main'), /^GitHubActionsSubject: owner "" must not be empty$/],
    [() => GitHubActionsSubject.environment('octo', '', 'prod'), /^GitHubActionsSubject: repo "" must not be empty$/],
    [() => GitLabSubject.branch('', 'main'), /^GitLabSubject: projectPath "" must not be empty$/],
    [() => TerraformCloudSubject.workspace({ organization: 'acme', workspace: '' }), /^TerraformCloudSubject: workspace "" must not be empty$/],
    [() => TerraformCloudSubject.workspace({ organization: 'acme', workspace: 'w', runPhase: 'destroy' }), /runPhase "destroy" must be "plan", "apply" or "\*"/],
  ])('rejects empty or invalid segments %#', (build, message) => {
    expect(build).toThrow(message);
  });

  test('accept tokens', () => {
    expect(() => GitHubActionsSubject.branch(Fn.importValue('Owner'), 'app', 'main')).not.toThrow();
    expect(() => GitHubActionsSubject.branch('octo', 'app', Fn.importValue('Branch'))).not.toThrow();
    expect(() => GitHubActionsSubject.tag('octo', 'app', Fn.importValue('Tag'), { ownerId: '1', repositoryId: '2' })).not.toThrow();
    expect(() => TerraformCloudSubject.workspace({ organization: 'a', workspace: 'w', runPhase: Fn.importValue('Phase') })).not.toThrow();
  });
});

describe('one provider per URL per account (app-wide)', () => {
  const GH_URL = 'https://token.actions.githubusercontent.com';
  const A = { account: '123456789012', region: 'us-east-1' };
  const B = { account: '210987654321', region: 'us-east-1' };

  test.each([
    ['two gitHubActions() in two stacks of one account', (app: App) => {
      OidcProvider.gitHubActions(new Stack(app, 'One', { env: A }), 'GitHub');
      OidcProvider.gitHubActions(new Stack(app, 'Two', { env: { ...A, region: 'eu-west-1' } }), 'GitHub');
    }, 'One/GitHub', 'Two/GitHub', 'in the same AWS account (123456789012)'],
    ['two env-agnostic stacks (the CLI deploys both to its account)', (app: App) => {
      OidcProvider.gitHubActions(new Stack(app, 'One'), 'GitHub');
      new OidcProvider(new Stack(app, 'Two'), 'Provider', { url: GH_URL });
    }, 'One/GitHub', 'Two/Provider', 'in the same AWS account (both stacks are env-agnostic: they deploy to the account of the CLI\'s credentials)'],
    ['two providers of one stack', (app: App) => {
      const stack = new Stack(app, 'One', { env: A });
      OidcProvider.gitHubActions(stack, 'GitHub');
      new OidcProvider(stack, 'Again', { url: GH_URL, clientIds: ['other'] });
    }, 'One/GitHub', 'One/Again', 'in the same AWS account (123456789012)'],
  ])('rejects %s, naming both construct paths and fromIssuerUrl', (_name, build, first, second, where) => {
    const app = new App();
    let error: Error | undefined;
    try {
      build(app);
    } catch (e: any) {
      error = e;
    }
    expect(error?.name).toBe('TrustedIdentityValidationError');
    expect(error?.message).toBe(
      `${second}: url "${GH_URL}" is already used by ${first} ${where}: IAM allows one OIDC provider per URL per account, ` +
      'so the second deploy fails with EntityAlreadyExists. Keep one of them and, everywhere else, import the provider instead of ' +
      `creating it: OidcProvider.fromIssuerUrl(scope, id, "${GH_URL}") (a provider that another team, tool or the console created must be imported too)`,
    );
  });

  test.each([
    ['stacks of different accounts', (app: App) => {
      OidcProvider.gitHubActions(new Stack(app, 'One', { env: A }), 'GitHub');
      OidcProvider.gitHubActions(new Stack(app, 'Two', { env: B }), 'GitHub');
    }],
    ['an env-agnostic stack and a stack of a literal account (not known to be the same)', (app: App) => {
      OidcProvider.gitHubActions(new Stack(app, 'One'), 'GitHub');
      OidcProvider.gitHubActions(new Stack(app, 'Two', { env: A }), 'GitHub');
    }],
    ['different URLs in one account', (app: App) => {
      const stack = new Stack(app, 'One', { env: A });
      OidcProvider.gitHubActions(stack, 'GitHub');
      OidcProvider.gitHubActions(stack, 'Enterprise', { url: `${GH_URL}/my-enterprise` });
      OidcProvider.gitLab(stack, 'GitLab');
    }],
    ['URLs that IAM keeps apart (trailing slash, upper-case host: other ARNs)', (app: App) => {
      const stack = new Stack(app, 'One', { env: A });
      new OidcProvider(stack, 'Plain', { url: 'https://issuer.example.com' });
      new OidcProvider(stack, 'Slash', { url: 'https://issuer.example.com/' });
      new OidcProvider(stack, 'Upper', { url: 'https://Issuer.example.com' });
    }],
    ['one provider created and imported elsewhere with fromIssuerUrl', (app: App) => {
      OidcProvider.gitHubActions(new Stack(app, 'One', { env: A }), 'GitHub');
      OidcProvider.fromIssuerUrl(new Stack(app, 'Two', { env: A }), 'GitHub', GH_URL);
    }],
    ['the same URL in two apps', () => {
      OidcProvider.gitHubActions(new Stack(new App(), 'One', { env: A }), 'GitHub');
      OidcProvider.gitHubActions(new Stack(new App(), 'One', { env: A }), 'GitHub');
    }],
  ])('accepts %s', (_name, build) => {
    const app = new App();
    expect(() => build(app)).not.toThrow();
    expect(() => app.synth()).not.toThrow();
  });

  test('accepts token URLs: they are not compared', () => {
    const app = new App();
    const stack = new Stack(app, 'One', { env: A });
    new OidcProvider(stack, 'First', { url: new CfnParameter(stack, 'Url').valueAsString });
    new OidcProvider(stack, 'Second', { url: new CfnParameter(stack, 'Url2').valueAsString });
    new OidcProvider(stack, 'Literal', { url: GH_URL });
    expect(() => new OidcProvider(stack, 'Imported', { url: Fn.importValue('GitHubUrl') })).not.toThrow();
  });

  test('accepts stacks whose account is a token other than the pseudo parameter: they are not compared', () => {
    const app = new App();
    const account = Token.asString({ resolve: () => '123456789012' });
    OidcProvider.gitHubActions(new Stack(app, 'One', { env: { account, region: 'us-east-1' } }), 'GitHub');
    expect(() => OidcProvider.gitHubActions(new Stack(app, 'Two', { env: { account, region: 'us-east-1' } }), 'GitHub')).not.toThrow();
    expect(() => OidcProvider.gitHubActions(new Stack(app, 'Three', { env: A }), 'GitHub')).not.toThrow();
  });
});
