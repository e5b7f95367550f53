import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { fail, show, warn } from './validation';

/**
 * The one home of the library's URL rules: one parser (`parseUrl`) and one checker (`checkUrl`), with the differences
 * between services as options (`UrlRules`). Each service's options are a named constant below, documented with the
 * source of every rule. A construct calls `checkUrl(scope, prop, value, RULES)`; it adds only what is not about the
 * URL's shape (the model's length and pattern, which `checkString` reads from the generated table).
 */

/** A URL split into its RFC 3986 parts, as written (nothing is normalized). */
export interface ParsedUrl {
  /** The scheme as written, e.g. `https`. */
  readonly scheme: string;
  /** What comes before `@` in the authority, if anything. */
  readonly userInfo?: string;
  /** The host as written: a name, an IPv4 address or a bracketed IPv6 address. */
  readonly host: string;
  /** The port as written (may be empty, as in `https://host:/`). */
  readonly port?: string;
  /** The path, `''` when there is none. */
  readonly path: string;
  /** The query without `?`. */
  readonly query?: string;
  /** The fragment without `#`. */
  readonly fragment?: string;
}

const SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;
const AUTHORITY = /^(?:(.*)@)?(\[[^\]]*\]|[^:]*)(?::(.*))?$/s;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const HOST_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;
const DISCOVERY = /\/\.well-known\/openid-configuration\/?$/;

/** Hosts for which `loopbackHttp` accepts `http://` (RFC 8252 §7.3: loopback redirects for native apps). */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** Splits an absolute `scheme://authority/path?query#fragment` URL; undefined when it has not that shape. */
export function parseUrl(url: string): ParsedUrl | undefined {
  const m = SHAPE.exec(url);
  if (!m) return undefined;
  const [, scheme, authority, path, query, fragment] = m;
  const a = AUTHORITY.exec(authority)!;
  return { scheme, userInfo: a[1], host: a[2], port: a[3], path, query, fragment };
}

/** What a service accepts in a URL. */
export interface UrlRules {
  /** The service as messages name it, e.g. `IAM`. */
  readonly service: string;
  /** The schemes accepted, lower case as they must be written. */
  readonly schemes: ReadonlyArray<'https' | 'http'>;
  /** Also accept `http://` for a loopback host (`LOOPBACK_HOSTS`). */
  readonly loopbackHttp: boolean;
  /** `'none'`: no port at all; `'any'`; or the ports accepted. */
  readonly ports: 'none' | 'any' | readonly number[];
  /** Accept a path after the host. */
  readonly path: boolean;
  /** Accept a query (`?...`). */
  readonly query: boolean;
  /** Accept a fragment (`#...`). */
  readonly fragment: boolean;
  /** Accept user info (`user@host`). */
  readonly userInfo: boolean;
  /**
   * The URL is an OpenID Connect issuer: the service appends `/.well-known/openid-configuration` itself, so a URL that
   * already ends with it is an error.
   */
  readonly issuer: boolean;
  /** Warning id for a path ending in `/` (the URL must equal the tokens' `iss` claim byte for byte). */
  readonly trailingSlashWarning?: string;
  /** Warning id for upper-case letters in the host (same reason). */
  readonly upperCaseHostWarning?: string;
  /** Warning id for an accepted `http://` URL (not a loopback one). */
  readonly httpWarning?: string;
  /** A valid example for messages. */
  readonly example: string;
}

/**
 * IAM `CreateOpenIDConnectProvider` `Url` (IAM API reference: "The URL must begin with https:// ... path components
 * are allowed but query parameters are not ... The URL should not contain a port number"; IAM names the provider by
 * the URL and compares it with the tokens' `iss` without normalizing it).
 */
export const IAM_OIDC_PROVIDER_URL: UrlRules = {
  service: 'IAM',
  schemes: ['https'],
  loopbackHttp: false,
  ports: 'none',
  path: true,
  query: false,
  fragment: false,
  userInfo: false,
  issuer: true,
  trailingSlashWarning: 'oidcUrlTrailingSlash',
  upperCaseHostWarning: 'oidcUrlUpperCaseHost',
  example: 'https://token.actions.githubusercontent.com',
};

/**
 * SSO Admin `CreateTrustedTokenIssuer` `OidcJwtConfiguration.IssuerUrl`, "the URL that IAM Identity Center uses for
 * OpenID Discovery" (IAM Identity Center API reference, `OidcJwtConfiguration`). Its pattern,
 * `https?:\/\/[-a-zA-Z0-9+&@\/%=~_|!:,.;]*[-a-zA-Z0-9+&@\/%=~_|]`, accepts `http://` and has no `?` or `#` (the
 * constructs check it from the generated table), so the API accepts an `http://` issuer: a warning, not an error.
 * Identity Center fetches the discovery document on the web ports only (80, 443).
 */
export const IDENTITY_CENTER_ISSUER_URL: UrlRules = {
  service: 'IAM Identity Center',
  schemes: ['https', 'http'],
  loopbackHttp: false,
  ports: [80, 443],
  path: true,
  query: false,
  fragment: false,
  userInfo: false,
  issuer: true,
  trailingSlashWarning: 'oidcUrlTrailingSlash',
  upperCaseHostWarning: 'oidcUrlUpperCaseHost',
  httpWarning: 'insecureIssuerUrl',
  example: 'https://example.okta.com',
};

/**
 * Verified Access OIDC `Issuer` (`AWS::EC2::VerifiedAccessTrustProvider` `OidcOptions`): an `https://` URL without
 * query or fragment, equal to the tokens' `iss` (OpenID Connect Core 1.0 §2: "a case sensitive URL using the https
 * scheme that contains scheme, host, and optionally, port number and path components and no query or fragment
 * components"); Verified Access only talks to identity providers over HTTPS.
 */
export const VERIFIED_ACCESS_ISSUER: UrlRules = {
  service: 'Verified Access',
  schemes: ['https'],
  loopbackHttp: false,
  ports: 'any',
  path: true,
  query: false,
  fragment: false,
  userInfo: false,
  issuer: true,
  trailingSlashWarning: 'oidcUrlTrailingSlash',
  upperCaseHostWarning: 'oidcUrlUpperCaseHost',
  example: 'https://example.okta.com/oauth2/default',
};

/**
 * Verified Access OIDC endpoints (authorization, token, user info, JWKS) and a device provider's public signing key
 * URL: `https://`, a query allowed, no fragment (OAuth 2.0, RFC 6749 §3.1/§3.2: "The endpoint URI MAY include a query
 * component ... MUST NOT include a fragment component").
 */
export const VERIFIED_ACCESS_ENDPOINT: UrlRules = {
  ...VERIFIED_ACCESS_ISSUER,
  query: true,
  issuer: false,
  trailingSlashWarning: undefined,
  upperCaseHostWarning: undefined,
  example: 'https://idp.example.com/oauth2/v1/token',
};

/**
 * OAuth 2.0 redirect URIs (SSO Admin `PutApplicationGrant` `AuthorizationCode.RedirectUris`, whose model has no
 * pattern): `https://`, or `http://` for a loopback host (RFC 8252 §7.3, §8.3); a query allowed, no fragment
 * (RFC 6749 §3.1.2: "The endpoint URI MUST NOT include a fragment component").
 */
export const OAUTH_REDIRECT_URI: UrlRules = {
  service: 'IAM Identity Center',
  schemes: ['https'],
  loopbackHttp: true,
  ports: 'any',
  path: true,
  query: true,
  fragment: false,
  userInfo: true,
  issuer: false,
  example: 'https://app.example.com/callback',
};

/**
 * Checks a URL against a service's rules: throws the library's error on the first rule it breaks, adds the rules'
 * warnings. An unresolved token (or a string holding one) passes. Returns the parsed URL, undefined for a token.
 */
export function checkUrl(scope: IConstruct, prop: string, url: string, rules: UrlRules): ParsedUrl | undefined {
  if (Token.isUnresolved(url)) return undefined;
  if (/[\s\u0000-\u001f\u007f]/.test(url)) fail(scope, prop, url, 'must not contain spaces or control characters');
  const u = parseUrl(url);
  const loopback = u !== undefined && rules.loopbackHttp && u.scheme === 'http' && LOOPBACK_HOSTS.includes(u.host.toLowerCase());
  if (!u || !(rules.schemes.includes(u.scheme as 'https' | 'http') || loopback)) {
    fail(scope, prop, url, `must be an absolute URL starting with ${schemesAllowed(rules)}, e.g. ${JSON.stringify(rules.example)}`);
  }
  if (u.userInfo !== undefined && !rules.userInfo) fail(scope, prop, url, 'must not contain user info ("user@host")');
  if (u.host === '') fail(scope, prop, url, `must name a host after "${u.scheme}://"`);
  if (!HOST_NAME.test(u.host) && !IPV6.test(u.host)) {
    fail(scope, prop, url, 'must have a host made of letters, digits, "." and "-" (or an IPv6 address in brackets)');
  }
  if (u.port !== undefined) {
    if (rules.ports === 'none') fail(scope, prop, url, `must not contain a port: ${rules.service} connects only on the scheme's default port`);
    if (!/^\d+$/.test(u.port)) fail(scope, prop, url, 'must have a port made of digits after ":"');
    if (rules.ports !== 'any' && !rules.ports.includes(Number(u.port))) {
      fail(scope, prop, url, `must not use port ${u.port}: ${rules.service} connects only on port ${rules.ports.join(' or ')}`);
    }
  }
  if (!rules.path && u.path !== '' && u.path !== '/') fail(scope, prop, url, 'must not contain a path after the host');
  if (u.query !== undefined && !rules.query) fail(scope, prop, url, `must not contain a query ("?...")${rules.issuer ? ISSUER_NOTE : ''}`);
  if (u.fragment !== undefined && !rules.fragment) fail(scope, prop, url, 'must not contain a fragment ("#...")');
  if (rules.issuer && DISCOVERY.test(u.path)) {
    fail(scope, prop, url, `must stop before "/.well-known/openid-configuration": ${rules.service} appends it, and the tokens' "iss" claim never holds it`);
  }
  if (rules.httpWarning && u.scheme === 'http' && !loopback) {
    warn(scope, rules.httpWarning, `${prop} ${show(url)} uses http://: tokens are only as trustworthy as the keys fetched from it. Use https://.`);
  }
  const notNormalized = `${rules.service} does not normalize the URL: it must equal the tokens' "iss" claim byte for byte`;
  if (rules.trailingSlashWarning && u.path.endsWith('/')) {
    warn(scope, rules.trailingSlashWarning, `${prop} ${show(url)} ends with "/". ${notNormalized}, and most issuers have no trailing slash.`);
  }
  if (rules.upperCaseHostWarning && u.host !== u.host.toLowerCase()) {
    warn(scope, rules.upperCaseHostWarning, `${prop} ${show(url)} has upper-case letters in its host. ${notNormalized}, which is almost always lower case.`);
  }
  return u;
}

const ISSUER_NOTE = ': an issuer is the tokens\' "iss" claim, a URL without query or fragment';

function schemesAllowed(rules: UrlRules): string {
  const schemes = rules.schemes.map(s => `"${s}://"`).join(' or ');
  if (rules.loopbackHttp && !rules.schemes.includes('http')) {
    return `${schemes} ("http://" only for a loopback host: ${LOOPBACK_HOSTS.join(', ')})`;
  }
  return rules.schemes.includes('http') ? schemes : `${schemes} (${rules.service} accepts only HTTPS)`;
}
