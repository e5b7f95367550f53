/** `PutApplicationGrant` `GrantType` → the member of the `Grant` union that carries its body (SSO Admin model). */
export const GRANT_MEMBER: { [grantType: string]: string } = {
  'authorization_code': 'AuthorizationCode',
  'refresh_token': 'RefreshToken',
  'urn:ietf:params:oauth:grant-type:jwt-bearer': 'JwtBearer',
  'urn:ietf:params:oauth:grant-type:token-exchange': 'TokenExchange',
};
