import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ITrustedTokenIssuer } from './trusted-token-issuer';
import { SSO_ARN_EXPECTED } from '../private/arn';
import { GRANT_MEMBER } from '../private/grant-members';
import { RenderedApplicationGrant } from '../private/rendered';
import { requireList, requireResource, requireStringList, requireStruct } from '../private/required';
import { checkUrl, OAUTH_REDIRECT_URI } from '../private/urls';
import { apiConstraint, checkList, checkString, fail } from '../private/validation';

const PUT_GRANT = 'sso-admin:PutApplicationGrant';

/**
 * The OAuth 2.0 grant types of `PutApplicationGrant` and `CreateTokenWithIAM` (`grantType`), as constants so that
 * code calling the token exchange does not hand-type URNs.
 */
export class OAuthGrantType {
  /** `authorization_code`: the application redirects the user's browser to Identity Center. */
  public static readonly AUTHORIZATION_CODE = 'authorization_code';
  /** `refresh_token`: exchange a refresh token for new tokens. */
  public static readonly REFRESH_TOKEN = 'refresh_token';
  /** `urn:ietf:params:oauth:grant-type:jwt-bearer` (RFC 7523): exchange a JWT of a trusted token issuer. */
  public static readonly JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
  /** `urn:ietf:params:oauth:grant-type:token-exchange` (RFC 8693): exchange an Identity Center token of another application. */
  public static readonly TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

  private constructor() {}
}

/**
 * The OAuth 2.0 token type URIs (RFC 8693) used with `CreateTokenWithIAM` (`subjectTokenType`, `requestedTokenType`).
 */
export class OAuthTokenType {
  /** `urn:ietf:params:oauth:token-type:access_token`. */
  public static readonly ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
  /** `urn:ietf:params:oauth:token-type:id_token`. */
  public static readonly ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token';
  /** `urn:ietf:params:oauth:token-type:refresh_token`. */
  public static readonly REFRESH_TOKEN = 'urn:ietf:params:oauth:token-type:refresh_token';

  private constructor() {}
}

/**
 * A trusted token issuer that a jwt-bearer grant accepts, with the audiences its tokens may carry.
 */
export interface AuthorizedTokenIssuer {
  /** The trusted token issuer (a `TrustedTokenIssuer` of this app, or imported with `fromTrustedTokenIssuerArn`). */
  readonly trustedTokenIssuer: ITrustedTokenIssuer;

  /**
   * The audiences accepted from this issuer: the IdP client IDs that appear in the tokens' `aud` claim (1–10, each
   * 1–512 characters).
   */
  readonly authorizedAudiences: string[];
}

/**
 * Options for `ApplicationGrant.jwtBearer()`.
 */
export interface JwtBearerGrantOptions {
  /** The trusted token issuers whose JWTs the application may exchange (1–10). */
  readonly authorizedTokenIssuers: AuthorizedTokenIssuer[];
}

/**
 * Options for `ApplicationGrant.authorizationCode()`.
 */
export interface AuthorizationCodeGrantOptions {
  /**
   * Where Identity Center may redirect the user's browser after authorization (1–10 absolute URIs): `https://`, or
   * `http://` only for a loopback host (`localhost`, `127.0.0.1`, `[::1]`).
   */
  readonly redirectUris: string[];
}

/**
 * An OAuth 2.0 grant of an Identity Center application (`PutApplicationGrant`): which way the application may obtain
 * Identity Center tokens. One factory per grant type; the body follows from the factory used.
 */
export abstract class ApplicationGrant {
  /**
   * `urn:ietf:params:oauth:grant-type:jwt-bearer`: the application exchanges a JWT of a trusted token issuer for an
   * Identity Center token (`CreateTokenWithIAM`), the heart of trusted identity propagation.
   */
  public static jwtBearer(options: JwtBearerGrantOptions): ApplicationGrant {
    const at = 'ApplicationGrant.jwtBearer';
    requireStruct(at, 'options', options, 'JwtBearerGrantOptions, an object with authorizedTokenIssuers');
    requireList(at, 'authorizedTokenIssuers', options.authorizedTokenIssuers, 'the issuers whose JWTs the application may exchange, [{ trustedTokenIssuer, authorizedAudiences }]', (item, prop) => {
      const i = item as AuthorizedTokenIssuer;
      requireStruct(at, prop, i, 'an AuthorizedTokenIssuer, an object with trustedTokenIssuer and authorizedAudiences');
      requireResource(at, `${prop}.trustedTokenIssuer`, i.trustedTokenIssuer, { kind: 'an ITrustedTokenIssuer', attributes: ['trustedTokenIssuerArn', 'instanceArn'] },
        'a TrustedTokenIssuer of this app, or one imported with TrustedTokenIssuer.fromTrustedTokenIssuerArn(...)');
      requireStringList(at, `${prop}.authorizedAudiences`, i.authorizedAudiences, 'the IdP client IDs in the tokens\' "aud" claim');
    });
    return new JwtBearerGrant(options);
  }

  /** `authorization_code`: the application sends the user's browser to Identity Center and gets a code back. */
  public static authorizationCode(options: AuthorizationCodeGrantOptions): ApplicationGrant {
    const at = 'ApplicationGrant.authorizationCode';
    requireStruct(at, 'options', options, 'AuthorizationCodeGrantOptions, an object with redirectUris');
    requireStringList(at, 'redirectUris', options.redirectUris, 'where Identity Center may redirect the user\'s browser, e.g. ["https://app.example.com/callback"]');
    return new AuthorizationCodeGrant(options);
  }

  /** `refresh_token`: the application may refresh the tokens it obtained. */
  public static refreshToken(): ApplicationGrant {
    return new EmptyGrant(OAuthGrantType.REFRESH_TOKEN);
  }

  /** `urn:ietf:params:oauth:grant-type:token-exchange`: the application may exchange another application's Identity Center token. */
  public static tokenExchange(): ApplicationGrant {
    return new EmptyGrant(OAuthGrantType.TOKEN_EXCHANGE);
  }

  /** The `GrantType`, e.g. `urn:ietf:params:oauth:grant-type:jwt-bearer`. */
  public abstract readonly grantType: string;

  /**
   * Validates and renders the grant for `scope`.
   *
   * @internal
   */
  public abstract _render(scope: IConstruct): RenderedApplicationGrant;
}

class JwtBearerGrant extends ApplicationGrant {
  public readonly grantType = OAuthGrantType.JWT_BEARER;

  constructor(private readonly options: JwtBearerGrantOptions) {
    super();
  }

  public _render(scope: IConstruct): RenderedApplicationGrant {
    const path = 'Grant.JwtBearer.AuthorizedTokenIssuers';
    const issuers = this.options.authorizedTokenIssuers;
    const list = apiConstraint(PUT_GRANT, path);
    if (issuers.length < list.minItems! || issuers.length > list.maxItems!) {
      fail(scope, 'authorizedTokenIssuers', issuers.map(i => i.trustedTokenIssuer.node.path),
        `must have ${list.minItems}-${list.maxItems} issuers (got ${issuers.length}): a jwt-bearer grant without a trusted token issuer accepts no token`);
    }
    const seen = new Set<ITrustedTokenIssuer>();
    issuers.forEach((i, n) => {
      if (seen.has(i.trustedTokenIssuer)) {
        fail(scope, `authorizedTokenIssuers[${n}].trustedTokenIssuer`, i.trustedTokenIssuer.node.path, 'is listed twice: list each issuer once with all its audiences');
      }
      seen.add(i.trustedTokenIssuer);
      checkString(scope, `authorizedTokenIssuers[${n}].trustedTokenIssuer`, i.trustedTokenIssuer.trustedTokenIssuerArn, apiConstraint(PUT_GRANT, `${path}[].TrustedTokenIssuerArn`), {
        describe: SSO_ARN_EXPECTED.trustedTokenIssuer,
      });
      const audiences = apiConstraint(PUT_GRANT, `${path}[].AuthorizedAudiences`);
      if (!Token.isUnresolved(i.authorizedAudiences) && i.authorizedAudiences.length < audiences.minItems!) {
        fail(scope, `authorizedTokenIssuers[${n}].authorizedAudiences`, i.authorizedAudiences,
          `must have at least ${audiences.minItems} audience: the IdP client IDs in the tokens' "aud" claim (a grant without audiences accepts no token)`);
      }
      checkList(scope, `authorizedTokenIssuers[${n}].authorizedAudiences`, i.authorizedAudiences, audiences,
        apiConstraint(PUT_GRANT, `${path}[].AuthorizedAudiences[]`), { unique: true });
    });
    return {
      grantType: this.grantType,
      grant: {
        JwtBearer: {
          AuthorizedTokenIssuers: issuers.map(i => ({
            TrustedTokenIssuerArn: i.trustedTokenIssuer.trustedTokenIssuerArn,
            AuthorizedAudiences: i.authorizedAudiences,
          })),
        },
      },
      issuers: issuers.map(i => i.trustedTokenIssuer),
    };
  }
}

class AuthorizationCodeGrant extends ApplicationGrant {
  public readonly grantType = OAuthGrantType.AUTHORIZATION_CODE;

  constructor(private readonly options: AuthorizationCodeGrantOptions) {
    super();
  }

  public _render(scope: IConstruct): RenderedApplicationGrant {
    const uris = this.options.redirectUris;
    const list = apiConstraint(PUT_GRANT, 'Grant.AuthorizationCode.RedirectUris');
    if (!Token.isUnresolved(uris) && uris.length < list.minItems!) {
      fail(scope, 'redirectUris', uris, `must have at least ${list.minItems} URI: the authorization_code grant is required to name where users are sent back`);
    }
    checkList(scope, 'redirectUris', uris, list, apiConstraint(PUT_GRANT, 'Grant.AuthorizationCode.RedirectUris[]'), { unique: true });
    // A list token (Fn.split, a CommaDelimitedList parameter) is one encoded element that is not a URI: skip it.
    if (!Token.isUnresolved(uris)) uris.forEach((u, n) => validateRedirectUri(scope, `redirectUris[${n}]`, u));
    return { grantType: this.grantType, grant: { AuthorizationCode: { RedirectUris: uris } }, issuers: [] };
  }
}

class EmptyGrant extends ApplicationGrant {
  constructor(public readonly grantType: string) {
    super();
  }

  public _render(): RenderedApplicationGrant {
    return { grantType: this.grantType, grant: { [GRANT_MEMBER[this.grantType]]: {} }, issuers: [] };
  }
}

/** An absolute URI: https, or http for a loopback host only (`private/urls`; the model has no pattern for `URI`). */
function validateRedirectUri(scope: IConstruct, prop: string, uri: string): void {
  checkUrl(scope, prop, uri, OAUTH_REDIRECT_URI);
}
