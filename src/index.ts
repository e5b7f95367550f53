export * from './oidc-provider';
export * from './trusted-token-issuer';
