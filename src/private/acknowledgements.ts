import * as cdk from 'aws-cdk-lib';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The one home of what the library acknowledges on its own resources, and why: findings of the template validator
 * bundled with aws-cdk-lib and of cdk-nag's AwsSolutions rules that the library knows to be justified. Nothing else is
 * silenced: a real finding on a library resource is a bug to fix.
 */

/** The part of aws-cdk-lib's `Validations` (2.257+) the library uses. */
interface ValidationsApi {
  readonly ACKNOWLEDGED_RULES_METADATA_KEY: string;
}

/**
 * aws-cdk-lib's `Validations`, where the running release has it (2.257 and later); `undefined` at the peer floor,
 * where neither the template validator nor cdk-nag 3 exists, so there is nothing to acknowledge.
 */
const VALIDATIONS: ValidationsApi | undefined = (cdk as any).Validations;

/** Whether the running aws-cdk-lib has `Validations` (and so can take the acknowledgements of this module). */
export function hasValidations(): boolean {
  return VALIDATIONS !== undefined;
}

/**
 * Acknowledges one validation finding id (`Plugin::Rule`, or a cdk-nag finding id) on `scope`, where supported, by
 * recording it in the metadata that `Validations.of(scope).acknowledge()` writes and that aws-cdk-lib's template
 * validator and cdk-nag 3 read (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`, documented for plugin authors; both
 * collect every entry of a construct). Written directly rather than through `acknowledge()`:
 * - a cdk-nag finding id holds "::" inside its brackets (`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:...]`),
 *   which releases before the id parser learned brackets reject, and a rejected id leaves an error file in cdk.out
 *   even when caught;
 * - `acknowledge()` also acknowledges `Annotations` warnings of that id (none of the library's ids is one) at a cost
 *   that showed in the synth-time benchmark (docs/performance.md).
 */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (!VALIDATIONS) return;
  scope.node.addMetadata(VALIDATIONS.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
}

/**
 * A resource of a CloudFormation type newer than the schemas of the validator bundled with aws-cdk-lib (2.262+),
 * which reports it as `F3006 Unknown resource type` (an error under `@aws-cdk/core:validateAgainstDefaultRules`, a
 * warning otherwise). The library checks the resource's properties against the AWS API model instead.
 */
export function acknowledgeNewerType(resource: CfnResource): void {
  acknowledge(resource, 'CloudFormation-Validate::F3006',
    `${resource.cfnResourceType} is newer than the CloudFormation schemas bundled with this aws-cdk-lib; cdk-trusted-identity checks its properties against the AWS API model at synth time instead.`);
}

/**
 * The metadata key cdk-nag 2 (`NagSuppressions`) reads acknowledgements from. Written directly so that the library
 * needs no dependency on cdk-nag.
 */
const NAG_V2_METADATA = 'cdk_nag';

/** One cdk-nag 2 acknowledgement, as its metadata holds it. */
interface NagV2Acknowledgement {
  readonly id: string;
  readonly reason: string;
  readonly applies_to?: string[];
}

/**
 * Acknowledges a cdk-nag rule on `resource` for cdk-nag 2 (template metadata `cdk_nag.rules_to_suppress`) and
 * cdk-nag 3 (`Validations.of(resource).acknowledge`), with the same reason.
 *
 * @param rule e.g. `AwsSolutions-IAM5`
 * @param findings for rules that report one finding per value (IAM4, IAM5): the findings acknowledged, exactly as
 *   cdk-nag prints them (see `nagFinding`); cdk-nag 3 takes one acknowledgement per finding, `Rule[Finding]`, and has
 *   no pattern matching, so the library computes each one. Omit for rules without findings.
 */
export function acknowledgeNag(resource: CfnResource, rule: string, reason: string, findings?: string[]): void {
  const existing = resource.getMetadata(NAG_V2_METADATA) as { rules_to_suppress: NagV2Acknowledgement[] } | undefined;
  const meta = existing ?? { rules_to_suppress: [] };
  const acks = meta.rules_to_suppress.filter(a => a.id === rule);
  // Each finding is acknowledged once per resource (several permissions may add statements on the same ARN).
  const fresh = findings && [...new Set(findings)].filter(f => !acks.some(a => a.applies_to?.includes(f)));
  if (fresh?.length === 0 || (!findings && acks.length > 0)) return;
  const same = acks.find(a => a.reason === reason);
  if (same && fresh) {
    same.applies_to!.push(...fresh);
  } else {
    meta.rules_to_suppress.push(fresh ? { id: rule, reason, applies_to: fresh } : { id: rule, reason });
  }
  if (!existing) resource.addMetadata(NAG_V2_METADATA, meta);

  for (const id of fresh ? fresh.map(f => `${rule}[${f}]`) : [rule]) acknowledge(resource, id, reason);
}

/**
 * A value (a policy resource or managed policy ARN, possibly with tokens) as cdk-nag renders it in a finding:
 * resolved in `scope`'s stack, then `Ref`s as `<Name>`, `Fn::GetAtt` as `<Resource.Attribute>`, `Fn::Join` joined,
 * `Fn::Sub` with `${X}` as `<X>` (the rendering of cdk-nag's `flattenCfnReference`, the same in cdk-nag 2 and 3).
 */
export function nagFinding(scope: IConstruct, kind: 'Resource' | 'Policy', value: string): string {
  return `${kind}::${flatten(Stack.of(scope).resolve(value))}`;
}

function flatten(node: any): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'];
    return (items as any[]).map(flatten).join(delimiter);
  }
  if (node['Fn::Sub']) return flatten(node['Fn::Sub']);
  if (node['Fn::GetAtt']) {
    const [resource, attribute] = node['Fn::GetAtt'];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (node['Fn::ImportValue']) return flatten(node['Fn::ImportValue']);
  if (node.Ref) return `<${flatten(node.Ref)}>`;
  return JSON.stringify(node);
}
