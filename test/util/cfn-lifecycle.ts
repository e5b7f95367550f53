/**
 * A CloudFormation stack, simulated offline, for the permissions of the library's custom resources through a stack's
 * life: deploy a template, deploy the next one, delete the stack. At every SDK call an `AwsCustomResource` makes, it
 * records whether the IAM policies that CloudFormation guarantees to be in place at that moment allow the call.
 *
 * What CloudFormation guarantees, and what this models:
 * - Update phase: resources are created or updated in dependency order, so a custom resource runs after every
 *   resource it depends on (`DependsOn`, `Ref`, `Fn::GetAtt`, transitively) is in its new version. Resources it does
 *   not depend on may or may not have been updated yet (CloudFormation runs them in parallel): they are not counted.
 * - A custom resource whose physical id changes on update (a new application ARN in it, say) gets a delete for the
 *   old physical id, with its old properties, in the cleanup phase.
 * - A resource whose create-only property (`InstanceArn`) changes is replaced: the new one is made in the update
 *   phase, the old one deleted in the cleanup phase.
 * - Cleanup phase and stack deletion: a resource is deleted only after every resource that depends on it (in the
 *   template that declared it). So at a custom resource's delete call, the policies it depends on are still there —
 *   in their updated version if the new template kept them, in their last version if they are being deleted too —
 *   and nothing else is guaranteed.
 *
 * The IAM resources each SSO Admin action needs are the Service Authorization Reference's, as the library's statements
 * assume: `CreateTrustedTokenIssuer` the instance and the new issuer; the other calls the ARN they act on.
 */

/** One SDK call of a custom resource. */
export interface SimulatedCall {
  readonly phase: 'update' | 'cleanup' | 'delete-stack';
  readonly logicalId: string;
  /** `sso:PutApplicationGrant` */
  readonly action: string;
  readonly resources: string[];
  /** The policies (logical ids) guaranteed to be in place at the call. */
  readonly policies: string[];
  readonly allowed: boolean;
}

interface Deployed {
  readonly type: string;
  /** The template's declaration (for dependencies, DeletionPolicy). */
  readonly declaration: any;
  /** Resolved properties. */
  props: any;
  physicalId: string;
  attributes: Record<string, string>;
}

const PSEUDO = (account: string, region: string): Record<string, string> => ({
  'AWS::AccountId': account,
  'AWS::Region': region,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'Stack',
  'AWS::NoValue': '',
});

/** Properties whose change replaces the resource (the ones the library's scenarios change). */
const CREATE_ONLY: Record<string, string[]> = {
  'AWS::SSO::Application': ['InstanceArn'],
  'AWS::SSO::TrustedTokenIssuer': ['InstanceArn', 'TrustedTokenIssuerType'],
};

export class SimulatedStack {
  /** Every call made so far. */
  public readonly calls: SimulatedCall[] = [];
  private template: any = { Resources: {} };
  private deployed = new Map<string, Deployed>();
  private counter = 0;
  private readonly pseudo: Record<string, string>;

  constructor(private readonly account: string, region = 'us-east-1') {
    this.pseudo = PSEUDO(account, region);
  }

  /** Deploys `template` (a create, then updates): the update phase, then the cleanup phase. Returns this deploy's calls. */
  public deploy(template: any): SimulatedCall[] {
    const start = this.calls.length;
    const previous = this.template;
    const before = new Map(this.deployed);
    const cleanup: Array<{ logicalId: string; old: Deployed; declaredIn: any }> = [];
    // Update phase, in dependency order of the new template.
    for (const id of order(template)) {
      const declaration = template.Resources[id];
      const old = this.deployed.get(id);
      const props = this.resolve(declaration.Properties ?? {});
      if (!old) {
        this.create(id, declaration, props, template);
        continue;
      }
      if (JSON.stringify(old.props) === JSON.stringify(props)) {
        this.deployed.set(id, { ...old, declaration });
        continue;
      }
      const replaced = (CREATE_ONLY[declaration.Type] ?? []).some(p => JSON.stringify(old.props[p]) !== JSON.stringify(props[p]));
      if (replaced) {
        this.create(id, declaration, props, template);
        cleanup.push({ logicalId: id, old, declaredIn: template });
        continue;
      }
      if (isSdkResource(declaration)) {
        const physicalId = this.call('update', id, 'Update', props, old.physicalId, template);
        this.deployed.set(id, { ...old, declaration, props, physicalId });
        if (physicalId !== old.physicalId) cleanup.push({ logicalId: id, old, declaredIn: template });
      } else {
        this.deployed.set(id, { ...old, declaration, props });
      }
    }
    // Cleanup phase: removed resources (declared in the previous template) and old physical resources of replacements.
    for (const id of Object.keys(previous.Resources)) {
      if (!(id in template.Resources)) cleanup.push({ logicalId: id, old: before.get(id)!, declaredIn: previous });
    }
    const rank = new Map(order(previous).map((id, i) => [id, i] as [string, number]));
    cleanup.sort((a, b) => (rank.get(b.logicalId) ?? 0) - (rank.get(a.logicalId) ?? 0));
    for (const c of cleanup) {
      if (isSdkResource(c.old.declaration) && c.old.declaration.DeletionPolicy !== 'Retain') {
        this.call('cleanup', c.logicalId, 'Delete', c.old.props, c.old.physicalId, c.declaredIn);
      }
      if (!(c.logicalId in template.Resources)) this.deployed.delete(c.logicalId);
    }
    this.template = template;
    return this.calls.slice(start);
  }

  /** Deletes the stack: every resource after the ones that depend on it. Returns the calls. */
  public destroy(): SimulatedCall[] {
    const start = this.calls.length;
    for (const id of order(this.template).reverse()) {
      const d = this.deployed.get(id)!;
      if (isSdkResource(d.declaration) && d.declaration.DeletionPolicy !== 'Retain') {
        this.call('delete-stack', id, 'Delete', d.props, d.physicalId, this.template);
      }
    }
    this.deployed.clear();
    this.template = { Resources: {} };
    return this.calls.slice(start);
  }

  private create(id: string, declaration: any, props: any, template: any): void {
    const n = ++this.counter;
    let physicalId = `${id}-${n}`;
    const attributes: Record<string, string> = {};
    if (declaration.Type === 'AWS::SSO::Application') {
      physicalId = `arn:aws:sso::${this.account}:application/${instanceIdOf(props.InstanceArn)}/apl-${hex(n, 16)}`;
      attributes.ApplicationArn = physicalId;
    } else if (declaration.Type === 'AWS::SSO::TrustedTokenIssuer') {
      physicalId = this.newIssuerArn(props.InstanceArn, n);
      attributes.TrustedTokenIssuerArn = physicalId;
    } else if (declaration.Type === 'AWS::IAM::Role' || declaration.Type === 'AWS::Lambda::Function') {
      attributes.Arn = `arn:aws:${declaration.Type === 'AWS::IAM::Role' ? 'iam' : 'lambda'}::${this.account}:${physicalId}`;
    }
    this.deployed.set(id, { type: declaration.Type, declaration, props, physicalId, attributes });
    if (isSdkResource(declaration)) {
      this.deployed.get(id)!.physicalId = this.call('update', id, 'Create', props, undefined, template);
    }
  }

  /** Makes the SDK call of `request`, records whether it is allowed, and returns the resulting physical id. */
  private call(phase: SimulatedCall['phase'], logicalId: string, request: 'Create' | 'Update' | 'Delete', props: any,
    physicalId: string | undefined, template: any): string {
    // An AwsCustomResource without a call for this request (e.g. no onDelete) does nothing and keeps its physical id.
    if (props[request] === undefined) return physicalId ?? logicalId;
    const call = JSON.parse(props[request].split('PHYSICAL:RESOURCEID:').join(physicalId ?? ''));
    const prefix = /sso-?admin/i.test(call.service) ? 'sso' : call.service.toLowerCase();
    const action = `${prefix}:${call.action[0].toUpperCase()}${call.action.slice(1)}`;
    const p = call.parameters ?? {};
    let response: Record<string, string> = {};
    let resources: string[];
    switch (action) {
      case 'sso:CreateTrustedTokenIssuer': {
        const arn = this.newIssuerArn(p.InstanceArn, ++this.counter);
        resources = [p.InstanceArn, arn];
        response = { TrustedTokenIssuerArn: arn };
        break;
      }
      case 'sso:UpdateTrustedTokenIssuer':
      case 'sso:DeleteTrustedTokenIssuer':
        resources = [p.TrustedTokenIssuerArn];
        break;
      case 'sso:TagResource':
      case 'sso:UntagResource':
        resources = [p.ResourceArn];
        break;
      default:
        if (!/^sso:(Put|Delete)Application[A-Za-z]+$/.test(action)) throw new Error(`no IAM model for ${action}`);
        resources = [p.ApplicationArn];
    }
    const policies = this.guaranteedPolicies(logicalId, template);
    const statements = policies.flatMap(id => [].concat(this.deployed.get(id)!.props.PolicyDocument.Statement));
    const allowed = resources.every(r => statements.some((s: any) => allows(s, action, r)));
    this.calls.push({ phase, logicalId, action, resources, policies, allowed });
    const pid = call.physicalResourceId;
    if (pid?.id !== undefined) return pid.id;
    if (pid?.responsePath !== undefined) return response[pid.responsePath];
    return physicalId ?? logicalId;
  }

  /**
   * The policies that `logicalId` depends on, transitively, in `template` (the one that declares the resource: the
   * previous template for a removed resource), and that are attached to the role of the function that runs it.
   */
  private guaranteedPolicies(logicalId: string, template: any): string[] {
    const declaration = template.Resources[logicalId];
    const fn = declaration.Properties.ServiceToken['Fn::GetAtt'][0];
    const role = template.Resources[fn].Properties.Role['Fn::GetAtt'][0];
    const roleName = this.deployed.get(role)?.physicalId;
    return [...dependenciesOf(template, logicalId)]
      .filter(id => this.deployed.get(id)?.type === 'AWS::IAM::Policy' && this.deployed.get(id)!.props.Roles.includes(roleName))
      .sort();
  }

  private newIssuerArn(instanceArn: string, n: number): string {
    return `arn:aws:sso::${this.account}:trustedTokenIssuer/${instanceIdOf(instanceArn)}/tti-${hex(n, 8)}-1111-2222-3333-${hex(n, 12)}`;
  }

  private resolve(v: any): any {
    if (Array.isArray(v)) return v.map(x => this.resolve(x));
    if (v === null || typeof v !== 'object') return v;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const [k] = keys;
      const a = v[k];
      switch (k) {
        case 'Ref':
          if (a in this.pseudo) return this.pseudo[a];
          if (!this.deployed.has(a)) throw new Error(`Ref to ${a}: not deployed (or a parameter)`);
          return this.deployed.get(a)!.physicalId;
        case 'Fn::GetAtt': {
          const [id, attr] = typeof a === 'string' ? a.split('.') : a;
          const d = this.deployed.get(id);
          if (!d) throw new Error(`Fn::GetAtt ${id}.${attr}: not deployed`);
          // Attributes the scenarios do not act on (an identity pool's URL, say) get a stand-in.
          return d.attributes[attr] ?? `${d.physicalId}.${attr}`;
        }
        case 'Fn::Sub': {
          const [text, vars] = typeof a === 'string' ? [a, {}] : a;
          return text.replace(/\$\{([^}!][^}]*)\}/g, (_: string, name: string) => String(name in vars
            ? this.resolve(vars[name])
            : this.resolve(name.includes('.') ? { 'Fn::GetAtt': name.split('.') } : { Ref: name })));
        }
        case 'Fn::Join': return this.resolve(a[1]).join(a[0]);
        case 'Fn::Select': return this.resolve(a[1])[Number(this.resolve(a[0]))];
        case 'Fn::Split': return String(this.resolve(a[1])).split(a[0]);
      }
      if (k.startsWith('Fn::')) throw new Error(`${k}: not modelled`);
    }
    return Object.fromEntries(keys.map(k => [k, this.resolve(v[k])]));
  }
}

/** Whether an AwsCustomResource made by the library (its SDK calls are properties). */
function isSdkResource(declaration: any): boolean {
  return declaration.Type.startsWith('Custom::') && ['Create', 'Update', 'Delete'].some(k => declaration.Properties?.[k] !== undefined);
}

/** Logical ids `logicalId` depends on, directly or transitively. */
function dependenciesOf(template: any, logicalId: string): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string) => {
    for (const d of directDependencies(template, id)) {
      if (!seen.has(d)) {
        seen.add(d);
        visit(d);
      }
    }
  };
  if (logicalId in template.Resources) visit(logicalId);
  return seen;
}

function directDependencies(template: any, id: string): string[] {
  const r = template.Resources[id];
  const found = new Set<string>([].concat(r.DependsOn ?? []));
  const walk = (v: any) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    if (typeof v.Ref === 'string' && v.Ref in template.Resources) found.add(v.Ref);
    if (v['Fn::GetAtt']) found.add(typeof v['Fn::GetAtt'] === 'string' ? v['Fn::GetAtt'].split('.')[0] : v['Fn::GetAtt'][0]);
    Object.values(v).forEach(walk);
  };
  walk(r.Properties);
  return [...found];
}

/** The resources of `template` in an order CloudFormation may create them (each after its dependencies). */
function order(template: any): string[] {
  const out: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error(`circular dependency at ${id}`);
    state.set(id, 'visiting');
    for (const d of directDependencies(template, id)) visit(d);
    state.set(id, 'done');
    out.push(id);
  };
  Object.keys(template.Resources).forEach(visit);
  return out;
}

/** Whether an IAM statement allows `action` on `resource` (Allow, no conditions, `*`/`?` wildcards). */
function allows(statement: any, action: string, resource: string): boolean {
  if (statement.Effect !== 'Allow' || statement.Condition || statement.NotAction || statement.NotResource) return false;
  const glob = (pattern: string, value: string, flags = '') =>
    new RegExp(`^${pattern.split('').map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, flags).test(value);
  return [].concat(statement.Action).some((a: string) => glob(a, action, 'i'))
    && [].concat(statement.Resource).some((r: string) => glob(r, resource));
}

function instanceIdOf(instanceArn: string): string {
  return instanceArn.split('/')[1];
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}
