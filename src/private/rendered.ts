/*
 * What the public factories' `_render()` methods return (library-internal): the shapes between a public factory
 * (an ApplicationGrant, a TrustedTokenIssuerConfiguration, a TrustProvider) and the construct that renders it.
 * They are not part of the API, so they do not sit in the public files.
 */
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { ITrustedTokenIssuer } from '../identity-center/trusted-token-issuer';

/**
 * What a grant renders to (library-internal).
 *
 * @internal
 */
export interface RenderedApplicationGrant {
  /** `GrantType` of `PutApplicationGrant`. */
  readonly grantType: string;
  /** `Grant` of `PutApplicationGrant`: exactly one union member. */
  readonly grant: { [member: string]: any };
  /** Trusted token issuers the grant references: created before the grant, deleted after it. */
  readonly issuers: ITrustedTokenIssuer[];
}

/**
 * What a trusted token issuer configuration renders to (library-internal).
 *
 * @internal
 */
export interface RenderedTrustedTokenIssuerConfiguration {
  /** `TrustedTokenIssuerType` of the create call. */
  readonly type: string;
  /** `TrustedTokenIssuerConfiguration` of the create call. */
  readonly create: { [member: string]: any };
  /** `TrustedTokenIssuerConfiguration` of the update call: only what `UpdateTrustedTokenIssuer` accepts. */
  readonly update: { [member: string]: any };
  /** The issuer URL (for the one-issuer-per-URL-per-instance rule). */
  readonly issuerUrl: string;
}

/**
 * Options passed to `TrustProvider._render()` (library-internal).
 *
 * @internal
 */
export interface TrustProviderRenderOptions {
  /** Accept client secrets that resolve to plain text. */
  readonly allowPlainTextSecret: boolean;
}

/**
 * What a trust provider renders to (library-internal): CloudFormation property values.
 *
 * @internal
 */
export interface RenderedTrustProvider {
  readonly trustProviderType: string;
  readonly userTrustProviderType?: string;
  readonly deviceTrustProviderType?: string;
  readonly oidcOptions?: ec2.CfnVerifiedAccessTrustProvider.OidcOptionsProperty;
  readonly nativeApplicationOidcOptions?: ec2.CfnVerifiedAccessTrustProvider.NativeApplicationOidcOptionsProperty;
  readonly deviceOptions?: ec2.CfnVerifiedAccessTrustProvider.DeviceOptionsProperty;
}
