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
