import { createOnlyValues, SSO_TRUSTED_TOKEN_ISSUER } from '../../src/private/cfn-types';

describe('createOnlyValues', () => {
  test('reads each create-only path of the trusted token issuer, in the list\'s order, by prop name', () => {
    const values = createOnlyValues(SSO_TRUSTED_TOKEN_ISSUER, {
      InstanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
      Name: 'okta',
      TrustedTokenIssuerType: 'OIDC_JWT',
      TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: { IssuerUrl: 'https://example.okta.com', ClaimAttributePath: 'email' } },
    });
    expect(Object.entries(values)).toEqual([
      ['instanceArn', 'arn:aws:sso:::instance/ssoins-1234567890abcdef'],
      ['trustedTokenIssuerType', 'OIDC_JWT'],
      ['issuerUrl', 'https://example.okta.com'],
    ]);
  });

  test('a missing path reads as undefined', () => {
    expect(createOnlyValues(SSO_TRUSTED_TOKEN_ISSUER, { InstanceArn: 'x' })).toEqual({ instanceArn: 'x', trustedTokenIssuerType: undefined, issuerUrl: undefined });
  });

  test('the trusted token issuer\'s create-only list is what UpdateTrustedTokenIssuer cannot change', () => {
    expect(SSO_TRUSTED_TOKEN_ISSUER.createOnly).toEqual(['InstanceArn', 'TrustedTokenIssuerType', 'TrustedTokenIssuerConfiguration.OidcJwtConfiguration.IssuerUrl']);
  });
});
