export * from './oidc/oidc-provider';
export * from './identity-center/trusted-token-issuer';
export * from './identity-center/application';
export * from './identity-center/identity-context-principal';
export * from './verified-access/trust-provider';
export * from './audit/trusted-identity-checks';
