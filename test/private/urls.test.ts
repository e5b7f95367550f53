import { Annotations, App, CfnParameter, Fn, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import {
  checkUrl,
  IAM_OIDC_PROVIDER_URL,
  IDENTITY_CENTER_ISSUER_URL,
  OAUTH_REDIRECT_URI,
  parseUrl,
  UrlRules,
  VERIFIED_ACCESS_ENDPOINT,
  VERIFIED_ACCESS_ISSUER,
} from '../../src/private/urls';

/** The strictest rules: each test relaxes or sets one option. */
const STRICT: UrlRules = {
  service: 'Test',
  schemes: ['https'],
  loopbackHttp: false,
  ports: 'none',
  path: true,
  query: false,
  fragment: false,
  userInfo: false,
  issuer: false,
  example: 'https://idp.example.com',
};

function scope(): { stack: Stack; c: Construct } {
  const stack = new Stack(new App(), 'Stack');
  return { stack, c: new Construct(stack, 'Thing') };
}

function check(url: string, rules: Partial<UrlRules> = {}): void {
  checkUrl(scope().c, 'url', url, { ...STRICT, ...rules });
}

function warnings(url: string, rules: Partial<UrlRules>): string[] {
  const { stack, c } = scope();
  checkUrl(c, 'url', url, { ...STRICT, ...rules });
  return AssertAnnotations.fromStack(stack).findWarning('*', Match.anyValue()).map(w => String(w.entry.data));
}

describe('parseUrl', () => {
  test('splits every part as written', () => {
    expect(parseUrl('https://u:p@Host.example.com:8443/a/b/?q=1#f')).toEqual({
      scheme: 'https', userInfo: 'u:p', host: 'Host.example.com', port: '8443', path: '/a/b/', query: 'q=1', fragment: 'f',
    });
    expect(parseUrl('http://[::1]:3000/cb')).toEqual({ scheme: 'http', host: '[::1]', port: '3000', path: '/cb' });
    expect(parseUrl('https://idp.example.com')).toEqual({ scheme: 'https', host: 'idp.example.com', path: '' });
    expect(parseUrl('https://idp.example.com?')).toMatchObject({ path: '', query: '' });
  });
  test.each(['idp.example.com', '/callback', 'https:idp.example.com', 'https:/idp.example.com', '://idp.example.com', ''])(
    'rejects %p (not scheme://authority)', (url) => {
      expect(parseUrl(url)).toBeUndefined();
    });
});

describe('checkUrl', () => {
  // [option, URL, rules that accept it, rules that reject it, message]
  test.each<[string, string, Partial<UrlRules>, Partial<UrlRules>, string]>([
    ['schemes', 'http://idp.example.com', { schemes: ['https', 'http'] }, {},
      'must be an absolute URL starting with "https://" (Test accepts only HTTPS), e.g. "https://idp.example.com"'],
    ['loopbackHttp (localhost)', 'http://localhost:8080/cb', { loopbackHttp: true, ports: 'any' }, { ports: 'any' },
      'must be an absolute URL starting with "https://" (Test accepts only HTTPS)'],
    ['loopbackHttp (127.0.0.1)', 'http://127.0.0.1/cb', { loopbackHttp: true }, {}, 'must be an absolute URL starting with "https://"'],
    ['loopbackHttp ([::1])', 'http://[::1]/cb', { loopbackHttp: true }, {}, 'must be an absolute URL starting with "https://"'],
    ['loopbackHttp (not loopback)', 'http://app.example.com/cb', { schemes: ['https', 'http'] }, { loopbackHttp: true },
      'must be an absolute URL starting with "https://" ("http://" only for a loopback host: localhost, 127.0.0.1, [::1]), e.g. "https://idp.example.com"'],
    ['ports: any', 'https://idp.example.com:8443', { ports: 'any' }, {},
      'must not contain a port: Test connects only on the scheme\'s default port'],
    ['ports: a list', 'https://idp.example.com:8443', { ports: [443, 8443] }, { ports: [80, 443] },
      'must not use port 8443: Test connects only on port 80 or 443'],
    ['query', 'https://idp.example.com/a?b=1', { query: true }, {}, 'must not contain a query ("?...")'],
    ['fragment', 'https://idp.example.com/a#b', { fragment: true }, {}, 'must not contain a fragment ("#...")'],
    ['userInfo', 'https://u:p@idp.example.com', { userInfo: true }, {}, 'must not contain user info ("user@host")'],
    ['path', 'https://idp.example.com/oauth2/default', {}, { path: false }, 'must not contain a path after the host'],
  ])('%s: accepts %p with the option, rejects it without', (_, url, accepting, rejecting, message) => {
    expect(() => check(url, accepting)).not.toThrow();
    expect(() => check(url, rejecting)).toThrow(`Stack/Thing: url ${JSON.stringify(url)} ${message}`);
  });

  test('a port list accepts its ports', () => {
    expect(() => check('http://idp.example.com:80', { schemes: ['https', 'http'], ports: [80, 443] })).not.toThrow();
    expect(() => check('https://idp.example.com:443', { ports: [80, 443] })).not.toThrow();
  });

  test('path: false still accepts an empty path or "/"', () => {
    expect(() => check('https://idp.example.com', { path: false })).not.toThrow();
    expect(() => check('https://idp.example.com/', { path: false })).not.toThrow();
  });

  test('issuer: rejects the discovery document path, and a query with the reason', () => {
    expect(() => check('https://idp.example.com/.well-known/openid-configuration', { issuer: true }))
      .toThrow('must stop before "/.well-known/openid-configuration": Test appends it, and the tokens\' "iss" claim never holds it');
    expect(() => check('https://idp.example.com/.well-known/openid-configuration')).not.toThrow();
    expect(() => check('https://idp.example.com/x?y=1', { issuer: true }))
      .toThrow('must not contain a query ("?..."): an issuer is the tokens\' "iss" claim, a URL without query or fragment');
  });

  test.each<[string, string]>([
    ['idp.example.com', 'must be an absolute URL starting with "https://"'],
    ['/callback', 'must be an absolute URL starting with "https://"'],
    ['https:idp.example.com', 'must be an absolute URL starting with "https://"'],
    ['HTTPS://idp.example.com', 'must be an absolute URL starting with "https://"'],
    ['ftp://idp.example.com', 'must be an absolute URL starting with "https://"'],
    ['https://', 'must name a host after "https://"'],
    ['https://:443', 'must name a host after "https://"'],
    ['https://bad_host.example.com', 'must have a host made of letters, digits, "." and "-" (or an IPv6 address in brackets)'],
    ['https://-x.example.com', 'must have a host made of letters'],
    ['https://idp..example.com', 'must have a host made of letters'],
    [' https://idp.example.com', 'must not contain spaces or control characters'],
    ['https://idp.example.com/a b', 'must not contain spaces or control characters'],
    ['https://idp.example.com/\n', 'must not contain spaces or control characters'],
  ])('rejects %p whatever the options', (url, message) => {
    const everything: Partial<UrlRules> = { schemes: ['https', 'http'], loopbackHttp: true, ports: 'any', query: true, fragment: true, userInfo: true };
    expect(() => check(url, everything)).toThrow(message);
  });

  test('rejects a port that is not digits', () => {
    expect(() => check('https://idp.example.com:x', { ports: 'any' })).toThrow('must have a port made of digits after ":"');
    expect(() => check('https://idp.example.com:', { ports: 'any' })).toThrow('must have a port made of digits after ":"');
  });

  test('accepts IPv4 and bracketed IPv6 hosts', () => {
    expect(() => check('https://10.0.0.1/x')).not.toThrow();
    expect(() => check('https://[2001:db8::1]/x')).not.toThrow();
  });

  test.each<[string, (stack: Stack) => string]>([
    ['Fn.importValue', () => Fn.importValue('Url')],
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'P').valueAsString],
    ['Lazy.string', () => Lazy.string({ produce: () => 'not a url' })],
    ['a string with a token in it', () => `http://${Fn.importValue('Host')}:1/?#`],
  ])('accepts %s and returns undefined', (_, token) => {
    const { stack, c } = scope();
    expect(checkUrl(c, 'url', token(stack), STRICT)).toBeUndefined();
  });

  test('returns the parsed URL', () => {
    expect(checkUrl(scope().c, 'url', 'https://Idp.example.com/x', STRICT)).toMatchObject({ host: 'Idp.example.com', path: '/x' });
  });

  describe('warnings', () => {
    test.each<[string, Partial<UrlRules>, string]>([
      ['https://idp.example.com/', { trailingSlashWarning: 'slash' },
        'url "https://idp.example.com/" ends with "/". Test does not normalize the URL: it must equal the tokens\' "iss" claim byte for byte, and most issuers have no trailing slash. [ack: cdk-trusted-identity:slash]'],
      ['https://Idp.Example.com', { upperCaseHostWarning: 'upper' },
        'url "https://Idp.Example.com" has upper-case letters in its host. Test does not normalize the URL: it must equal the tokens\' "iss" claim byte for byte, which is almost always lower case. [ack: cdk-trusted-identity:upper]'],
      ['http://idp.example.com', { schemes: ['https', 'http'], httpWarning: 'http' },
        'url "http://idp.example.com" uses http://: tokens are only as trustworthy as the keys fetched from it. Use https://. [ack: cdk-trusted-identity:http]'],
    ])('%p with %j warns', (url, option, message) => {
      expect(warnings(url, option)).toEqual([message]);
    });
    test.each<[string, Partial<UrlRules>]>([
      ['https://idp.example.com/', {}],
      ['https://Idp.Example.com', {}],
      ['https://idp.example.com/x', { trailingSlashWarning: 'slash', upperCaseHostWarning: 'upper' }],
      ['https://idp.example.com/X/', { upperCaseHostWarning: 'upper' }],
      ['http://localhost/cb', { loopbackHttp: true, httpWarning: 'http' }],
    ])('%p with %j does not warn', (url, option) => {
      expect(warnings(url, option)).toEqual([]);
    });
    test('a warning is acknowledgeable by its id', () => {
      const { stack, c } = scope();
      checkUrl(c, 'url', 'https://idp.example.com/', { ...STRICT, trailingSlashWarning: 'slash' });
      Annotations.of(c).acknowledgeWarning('cdk-trusted-identity:slash');
      AssertAnnotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    });
  });
});

describe('the services\' rules', () => {
  test.each<[string, UrlRules, string[], string[]]>([
    ['IAM OIDC provider', IAM_OIDC_PROVIDER_URL,
      ['https://token.actions.githubusercontent.com', 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC', 'https://gitlab.example.com/'],
      ['http://gitlab.example.com', 'https://gitlab.example.com:443', 'https://gitlab.example.com/?x', 'https://gitlab.example.com/#x',
        'https://u@gitlab.example.com', 'https://gitlab.example.com/.well-known/openid-configuration']],
    ['Identity Center issuer', IDENTITY_CENTER_ISSUER_URL,
      ['https://example.okta.com', 'http://idp.example.com', 'https://idp.example.com:443/realms/main', 'http://idp.example.com:80'],
      ['https://idp.example.com:8443', 'https://idp.example.com/x/.well-known/openid-configuration', 'https://u@idp.example.com',
        'https://idp.example.com?x', 'ftp://idp.example.com']],
    ['Verified Access issuer', VERIFIED_ACCESS_ISSUER,
      ['https://example.okta.com/oauth2/default', 'https://idp.example.com:8443/x'],
      ['http://example.okta.com', 'https://example.okta.com/?x', 'https://example.okta.com/#x', 'https://u@example.okta.com',
        'https://example.okta.com/.well-known/openid-configuration']],
    ['Verified Access endpoint', VERIFIED_ACCESS_ENDPOINT,
      ['https://example.okta.com/v1/authorize?prompt=login', 'https://idp.example.com:8443/token', 'https://idp.example.com/.well-known/openid-configuration'],
      ['http://example.okta.com/token', 'https://example.okta.com/token#x', 'https://u@example.okta.com/token', 'http://localhost/token']],
    ['OAuth redirect URI', OAUTH_REDIRECT_URI,
      ['https://app.example.com:8443/cb?x=1', 'http://localhost:8080/callback', 'http://LOCALHOST/cb', 'http://127.0.0.1/cb', 'http://[::1]:3000/cb'],
      ['http://app.example.com/cb', 'https://app.example.com/cb#frag', 'app.example.com/cb', 'com.example.app:/cb']],
  ])('%s', (_, rules, valid, invalid) => {
    for (const url of valid) expect(() => checkUrl(scope().c, 'url', url, rules)).not.toThrow();
    for (const url of invalid) expect(() => checkUrl(scope().c, 'url', url, rules)).toThrow(`url ${JSON.stringify(url)} must`);
  });

  test('issuers warn with the same ids; endpoints and redirect URIs do not', () => {
    for (const rules of [IAM_OIDC_PROVIDER_URL, IDENTITY_CENTER_ISSUER_URL, VERIFIED_ACCESS_ISSUER]) {
      expect(rules.trailingSlashWarning).toBe('oidcUrlTrailingSlash');
      expect(rules.upperCaseHostWarning).toBe('oidcUrlUpperCaseHost');
    }
    for (const rules of [VERIFIED_ACCESS_ENDPOINT, OAUTH_REDIRECT_URI]) {
      expect(warnings('https://Idp.example.com/', rules)).toEqual([]);
    }
  });
});
