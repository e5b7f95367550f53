export * from './oidc-provider';
export * from './trusted-token-issuer';
export * from './identity-center-application';
export * from './identity-context-principal';
export * from './verified-access-trust-provider';
export * from './trusted-identity-checks';
