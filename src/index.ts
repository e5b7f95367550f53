export * from './oidc-provider';
export * from './trusted-token-issuer';
export * from './verified-access-trust-provider';
