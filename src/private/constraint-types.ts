/** One member of an AWS request shape (or CloudFormation property), as the generated tables describe it. */
export interface MemberConstraint {
  /** string, boolean, integer, list, map, structure, union, document */
  readonly type: string;
  /** The model's required trait, relative to the parent structure. */
  readonly required?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** JavaScript translation of the model's pattern, to compile with the `u` flag. */
  readonly pattern?: string;
  /** The pattern as the model writes it (for messages). */
  readonly patternSource?: string;
  /** true for AWS API patterns (whole value must match); false for CloudFormation registry patterns (search). */
  readonly fullMatch?: boolean;
  readonly enum?: string[];
  /** Exactly one member must be set. */
  readonly union?: boolean;
  /** Member names of a structure or union. */
  readonly members?: string[];
  readonly idempotencyToken?: boolean;
  /** CloudFormation: a change replaces the resource. */
  readonly createOnly?: boolean;
}

/** One side's own limits (a CloudFormation type or an API operation) of a prop that reaches several. */
export interface ConstraintSide {
  /** `AWS::SSO::Application` or `sso-admin:CreateApplication`. */
  readonly source: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** One side's pattern (sides with the same pattern are listed together in `source`). */
export interface SidePattern {
  readonly source: string;
  readonly pattern: string;
  readonly patternSource: string;
  readonly fullMatch: boolean;
}

/**
 * A prop that reaches both CloudFormation and the API: the stricter limit of every side, and a `pattern` that requires
 * every side's pattern (`patterns` lists them one by one).
 */
export interface StrictestConstraint extends MemberConstraint {
  readonly sides: ConstraintSide[];
  readonly patterns?: SidePattern[];
}
