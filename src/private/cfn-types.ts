/**
 * What the library knows about CloudFormation resource types that are newer than the models in
 * `shared/aws-models` (and than the aws-cdk-lib floor, which has no L1 class for them). Hand-written, not generated:
 * each entry names its sources (in the design doc it links). The property constraints themselves are the API's (the
 * generated table), because the resource's properties mirror the API request shape.
 */

/** A CloudFormation resource type rendered with `CfnResource`. */
export interface CfnTypeInfo {
  /** The resource type name. */
  readonly type: string;
  /** The property names of the primary identifier (what `cdk import` asks for). */
  readonly primaryIdentifier: string[];
  /** Properties the resource requires. */
  readonly required: string[];
  /**
   * Property paths (`A.B.C`) whose change replaces the resource (create-only). Every other property updates in place.
   */
  readonly createOnly: string[];
  /** The read-only attribute (`Fn::GetAtt`) that holds the resource's ARN. */
  readonly arnAttribute: string;
}

/**
 * `AWS::SSO::TrustedTokenIssuer` (CloudFormation, 2026-11; aws-cdk-lib `aws_sso.CfnTrustedTokenIssuer` from 2.278).
 * Create-only: what `UpdateTrustedTokenIssuer` cannot change. Sources and the create-only inference:
 * docs/design/native-trusted-token-issuer.md
 */
export const SSO_TRUSTED_TOKEN_ISSUER: CfnTypeInfo = {
  type: 'AWS::SSO::TrustedTokenIssuer',
  primaryIdentifier: ['TrustedTokenIssuerArn'],
  required: ['InstanceArn', 'Name', 'TrustedTokenIssuerConfiguration', 'TrustedTokenIssuerType'],
  createOnly: ['InstanceArn', 'TrustedTokenIssuerType', 'TrustedTokenIssuerConfiguration.OidcJwtConfiguration.IssuerUrl'],
  arnAttribute: 'TrustedTokenIssuerArn',
};

/**
 * The values of `info`'s create-only properties in `properties` (CloudFormation names; a path `A.B.C` is followed into
 * nested objects), in the order of `info.createOnly`, keyed by the path's last segment in lower camel case (the prop
 * name users know, e.g. `issuerUrl`). Constructs read their create-only values (for generated names and warnings)
 * from here, so the list has one home.
 */
export function createOnlyValues(info: CfnTypeInfo, properties: { [name: string]: any }): { [prop: string]: any } {
  const values: { [prop: string]: any } = {};
  for (const path of info.createOnly) {
    const segments = path.split('.');
    const last = segments[segments.length - 1];
    const value = segments.reduce((v: any, k) => (v === undefined || v === null ? undefined : v[k]), properties);
    values[last.charAt(0).toLowerCase() + last.slice(1)] = value;
  }
  return values;
}
