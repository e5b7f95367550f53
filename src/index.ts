export * from './oidc-provider';
export * from './trusted-token-issuer';
export * from './trusted-identity-checks';
