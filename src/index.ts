export * from './oidc-provider';
