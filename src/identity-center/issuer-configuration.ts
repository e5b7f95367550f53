import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { RenderedTrustedTokenIssuerConfiguration } from '../private/rendered';
import { requireString, requireStruct } from '../private/required';
import { checkUrl, IDENTITY_CENTER_ISSUER_URL } from '../private/urls';
import { apiConstraint, checkString, fail } from '../private/validation';

const CREATE = 'sso-admin:CreateTrustedTokenIssuer';
const OIDC = 'TrustedTokenIssuerConfiguration.OidcJwtConfiguration';
/**
 * The Identity Center user attributes a trusted token issuer can match a claim against (IAM Identity Center user
 * guide, "Trusted token issuer configuration settings" → "Attribute mapping": user name, email or external ID).
 * The model's pattern admits any `a.b.c` path; Identity Center only resolves these.
 */
const SUPPORTED_IDENTITY_STORE_ATTRIBUTES = ['userName', 'emails.value', 'externalIds.id'];
/** The supported attributes, quoted, for messages (built once: `oidcJwt` runs for every issuer). */
const SUPPORTED_LIST = SUPPORTED_IDENTITY_STORE_ATTRIBUTES.map(a => JSON.stringify(a)).join(', ');

/**
 * How IAM Identity Center retrieves the JSON Web Key Set that verifies the tokens.
 */
export enum JwksRetrievalOption {
  /** From the `jwks_uri` of the issuer's OpenID Connect discovery document (`<issuerUrl>/.well-known/openid-configuration`). */
  OPEN_ID_DISCOVERY = 'OPEN_ID_DISCOVERY',
}

/**
 * Options for `TrustedTokenIssuerConfiguration.oidcJwt()`.
 */
export interface OidcJwtConfigurationOptions {
  /**
   * The URL that IAM Identity Center uses for OpenID Discovery: the issuer URL up to, and without,
   * `/.well-known/openid-configuration` (it must equal the tokens' `iss` claim). Reachable on ports 80 and 443 only.
   *
   * Changing it replaces the trusted token issuer.
   */
  readonly issuerUrl: string;

  /**
   * The path of the source attribute in the JWT from the trusted token issuer, e.g. `email` or `sub`: one to three
   * words of letters joined by `.` or `_` (not an arbitrary JMESPath: `cognito:username` is rejected by the API).
   *
   * The claim's value must identify exactly one user in Identity Center.
   */
  readonly claimAttributePath: string;

  /**
   * The Identity Center user attribute the claim is compared with: `userName`, `emails.value` or `externalIds.id`.
   */
  readonly identityStoreAttributePath: string;

  /**
   * How Identity Center retrieves the keys that verify the tokens.
   *
   * @default JwksRetrievalOption.OPEN_ID_DISCOVERY
   */
  readonly jwksRetrievalOption?: JwksRetrievalOption;
}

/**
 * The configuration of a trusted token issuer. The issuer type follows from the factory used.
 */
export abstract class TrustedTokenIssuerConfiguration {
  /**
   * A trusted token issuer of type `OIDC_JWT`: an OpenID Connect provider issuing JSON Web Tokens
   * (Okta, Microsoft Entra ID, Amazon Cognito, Ping, ...).
   */
  public static oidcJwt(options: OidcJwtConfigurationOptions): TrustedTokenIssuerConfiguration {
    const at = 'TrustedTokenIssuerConfiguration.oidcJwt';
    requireStruct(at, 'options', options, 'OidcJwtConfigurationOptions, an object with issuerUrl, claimAttributePath and identityStoreAttributePath');
    requireString(at, 'issuerUrl', options.issuerUrl, 'the issuer URL, equal to the tokens\' "iss" claim, e.g. "https://example.okta.com"');
    requireString(at, 'claimAttributePath', options.claimAttributePath, 'the path of the JWT claim that identifies the user, e.g. "email" or "sub"');
    requireString(at, 'identityStoreAttributePath', options.identityStoreAttributePath,
      `the Identity Center user attribute the claim is compared with: ${SUPPORTED_LIST}`);
    requireString(at, 'jwksRetrievalOption', options.jwksRetrievalOption, 'a JwksRetrievalOption, e.g. JwksRetrievalOption.OPEN_ID_DISCOVERY', { optional: true });
    return new OidcJwtConfiguration(options);
  }

  /** The `TrustedTokenIssuerType` of this configuration, e.g. `OIDC_JWT`. */
  public abstract readonly trustedTokenIssuerType: string;

  /**
   * Validates and renders the configuration for `scope`.
   *
   * @internal
   */
  public abstract _render(scope: IConstruct): RenderedTrustedTokenIssuerConfiguration;
}

class OidcJwtConfiguration extends TrustedTokenIssuerConfiguration {
  public readonly trustedTokenIssuerType = 'OIDC_JWT';

  constructor(private readonly options: OidcJwtConfigurationOptions) {
    super();
  }

  public _render(scope: IConstruct): RenderedTrustedTokenIssuerConfiguration {
    const o = this.options;
    const jwks = o.jwksRetrievalOption ?? JwksRetrievalOption.OPEN_ID_DISCOVERY;
    validateIssuerUrl(scope, o.issuerUrl);
    checkString(scope, 'claimAttributePath', o.claimAttributePath, apiConstraint(CREATE, `${OIDC}.ClaimAttributePath`), {
      describe: 'one to three words of letters joined by "." or "_" (e.g. "email", "sub", "preferred_username")',
    });
    validateIdentityStoreAttributePath(scope, o.identityStoreAttributePath);
    checkString(scope, 'jwksRetrievalOption', jwks, apiConstraint(CREATE, `${OIDC}.JwksRetrievalOption`));
    const updatable = {
      ClaimAttributePath: o.claimAttributePath,
      IdentityStoreAttributePath: o.identityStoreAttributePath,
      JwksRetrievalOption: jwks,
    };
    return {
      type: this.trustedTokenIssuerType,
      create: { OidcJwtConfiguration: { IssuerUrl: o.issuerUrl, ...updatable } },
      update: { OidcJwtConfiguration: updatable },
      issuerUrl: o.issuerUrl,
    };
  }
}

/** The model's length and pattern, then Identity Center's URL rules (`private/urls`). */
function validateIssuerUrl(scope: IConstruct, url: string): void {
  checkString(scope, 'issuerUrl', url, apiConstraint(CREATE, `${OIDC}.IssuerUrl`), {
    describe: 'an http(s) URL of letters, digits and - + & @ / % = ~ _ | ! : , . ; that does not end in ! : , . or ; (no query or fragment), e.g. "https://example.okta.com"',
  });
  checkUrl(scope, 'issuerUrl', url, IDENTITY_CENTER_ISSUER_URL);
}

function validateIdentityStoreAttributePath(scope: IConstruct, path: string): void {
  checkString(scope, 'identityStoreAttributePath', path, apiConstraint(CREATE, `${OIDC}.IdentityStoreAttributePath`), {
    describe: 'one to three words of letters joined by "." (e.g. "emails.value")',
  });
  if (Token.isUnresolved(path) || SUPPORTED_IDENTITY_STORE_ATTRIBUTES.includes(path)) return;
  const hint = SUPPORTED_IDENTITY_STORE_ATTRIBUTES.find(a => a.toLowerCase() === path.toLowerCase());
  fail(scope, 'identityStoreAttributePath', path,
    `is not an attribute Identity Center can match users on: use ${SUPPORTED_LIST}` +
    (hint ? ` (paths are case-sensitive: did you mean ${JSON.stringify(hint)}?)` : ''));
}
