import { Aspects, TerraformResource, TerraformStack, invokeAspects, type App, type IAspect, type IConstruct, type ISynthesisSession } from "../private/cdktf";
import { CheckingStackSynthesizer, type StackSynthesis, type SynthesisCheck } from "../private/checking-synthesizer";
import { describe, isToken, matches, nonEmpty, optionalOfKind, reason, required, throwIfInvalid, type Verdict } from "../private/validate";
import { environmentAddressPlanVerdicts } from "../network/address-plan";
import { ValidationError } from "../errors";
import { Compliance } from "../compliance/compliance";
import { EnvironmentState } from "./environment-state";
import { DEPLOY_PLAN_GROUP_METADATA_TYPE } from "../private/deploy/deployment-check";
import type { SystemPoolOptions } from "../cluster/hardened-cluster";
import type { NodePoolOptions } from "../cluster/node-pool-options";
import type { PlatformAddressPlan } from "../platform/hardened-platform";
import { SecurityProfile, type ProfileChoice } from "../platform/security-profile";
import {
  acceptedByProfiles,
  compareParity,
  describeDifference,
  describeProfileAcceptance,
  isExcepted,
  securityPosture,
  type ParityException,
  type Posture,
  type ProfileDocumentedDifference,
} from "./parity";

/**
 * What differs between the environments of a `HardenedPlatform` by design: the sizes of its
 * pools. Its fields are `HardenedClusterProps` fields, so `cluster: env.sizing` applies them.
 */
export interface PlatformSizing {
  /**
   * The user node pools, by name.
   *
   * @default - the platform's default pool (`apps`, Standard_D4ds_v5, 3 to 10 nodes)
   */
  readonly userPools?: Record<string, NodePoolOptions>;
  /**
   * The system node pool.
   *
   * @default - "system", Standard_D4ds_v5, 3 to 6 nodes over zones 1-3
   */
  readonly systemPool?: SystemPoolOptions;
}

/** One environment of a platform: its name, its size, its address plan and its state. */
export interface EnvironmentDefinition<TSizing = PlatformSizing> {
  /** Short lowercase label: `dev`, `stage`, `prod` (1-10 lowercase letters or digits, starting with a letter). */
  readonly name: string;
  /**
   * Whether the environment is production: its clusters carry `prevent_destroy` (OPS-3)
   * and its stacks are marked production for the compliance rules.
   *
   * @default false
   */
  readonly production?: boolean;
  /**
   * The environment's address ranges, declared once: the platform builds its networks from
   * them (`addressPlan: env.addressPlan`) and the overlap and parity checks read them.
   */
  readonly addressPlan: PlatformAddressPlan;
  /** What differs between environments by design: sizes, counts, SKUs of capacity. */
  readonly sizing: TSizing;
  /** Where the environment's state lives (OPS-2). */
  readonly state: EnvironmentState;
  /**
   * The environment's security profile: a `HardenedPlatform` in its stacks applies it
   * (`env.profile`), and the parity check accepts exactly the differences it documents, so
   * a profile's choice needs no parity exception.
   *
   * @default SecurityProfile.production() - the library's defaults, no choice
   */
  readonly profile?: SecurityProfile;
}

/** Props of {@link PlatformEnvironments}. */
export interface PlatformEnvironmentsProps<TSizing = PlatformSizing> {
  /** The environments, e.g. dev, stage and prod. */
  readonly environments: readonly EnvironmentDefinition<TSizing>[];
  /**
   * The platform's one definition, called once per environment. Create the environment's
   * stacks with `env.stack(role)` and build the same constructs in each; read sizes from
   * `env.sizing` and names from `env.name`.
   */
  readonly define: (env: Environment<TSizing>) => void;
  /**
   * Whether the environments' networks are peered (e.g. with a shared hub or each other),
   * so their address spaces must not overlap.
   *
   * @default true
   */
  readonly peered?: boolean;
  /**
   * Differences in security posture the platform team accepts, each with its reason, e.g.
   * no paid SLA tier in dev. Every other difference fails synthesis.
   *
   * @default - none
   */
  readonly parityExceptions?: readonly ParityException[];
}

const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{0,9}$/;

/** One environment while it is being defined. */
export class Environment<TSizing = PlatformSizing> {
  /** The environment's stacks, by role. */
  public readonly stacks: Record<string, TerraformStack> = {};

  constructor(
    private readonly app: App,
    /** The environment's definition. */
    public readonly definition: EnvironmentDefinition<TSizing>,
  ) {}

  /** The environment's name. */
  public get name(): string {
    return this.definition.name;
  }

  /** The environment's sizes. */
  public get sizing(): TSizing {
    return this.definition.sizing;
  }

  /** The environment's address ranges. */
  public get addressPlan(): PlatformAddressPlan {
    return this.definition.addressPlan;
  }

  /** Whether the environment is production. */
  public get production(): boolean {
    return this.definition.production ?? false;
  }

  /** The environment's security profile (production unless the definition names one). */
  public get profile(): SecurityProfile {
    return (this.resolvedProfile ??= this.definition.profile ?? SecurityProfile.production());
  }

  private resolvedProfile?: SecurityProfile;

  /**
   * Creates the environment's stack for a role (e.g. `platform`, `baseline`): id
   * `<environment>-<role>`, its own state file, production protections when production.
   * Every environment must create the same roles.
   */
  public stack(role: string): TerraformStack {
    throwIfInvalid(this.app, matches("role", role, /^[a-z][a-z0-9-]{0,30}$/, "a lowercase label such as 'platform' or 'baseline'"));
    if (this.stacks[role]) {
      throw new ValidationError(`environment '${this.name}' already has a '${role}' stack. Give each stack its own role.`, this.app);
    }
    const id = `${this.name}-${role}`;
    const stack = new TerraformStack(this.app, id);
    this.definition.state.configure(stack, id);
    // A HardenedPlatform in the stack takes the environment's profile by default.
    SecurityProfile._assignToStack(stack, this.profile);
    // One deploy plan per environment (<env>-deploy-plan.md).
    stack.node.addMetadata(DEPLOY_PLAN_GROUP_METADATA_TYPE, this.name);
    if (this.production) {
      Compliance.markProduction(stack);
      Aspects.of(stack).add(new ProtectClustersFromDestroy());
    }
    this.stacks[role] = stack;
    return stack;
  }
}

/**
 * Sets `prevent_destroy` on every AKS cluster of a production stack (OPS-3): the library's
 * and any a stack adds itself, with the provider's generated class or otherwise.
 */
class ProtectClustersFromDestroy implements IAspect {
  public visit(node: IConstruct): void {
    if (TerraformResource.isTerraformResource(node) && node.terraformResourceType === "azurerm_kubernetes_cluster") {
      node.lifecycle = { ...node.lifecycle, preventDestroy: true };
    }
  }
}

/**
 * One platform definition, many environments (OPS-1, OPS-2, OPS-3): a stack per environment
 * and role, each with its own remote state, built by the same `define` function so only
 * sizes and names differ. A parity check compares the security posture of the
 * environments' stacks and fails `app.synth()` on any difference not accepted with a reason:
 * it reads each stack's Terraform as the stack's synthesis writes it (after its aspects), and
 * compares a role's stacks once the last of them is written. Production environments protect
 * their clusters from destroy.
 *
 * Deploy with `cdktf deploy <env>-<role>` per stack, Azure stacks before in-cluster ones.
 */
export class PlatformEnvironments<TSizing = PlatformSizing> {
  /** The environments, in the order given. */
  public readonly environments: readonly Environment<TSizing>[];
  private readonly exceptions: readonly ParityException[];

  constructor(app: App, props: PlatformEnvironmentsProps<TSizing>) {
    // What a JavaScript caller may leave out, checked before anything reads it.
    throwIfInvalid(app, ...requiredProps(props));
    this.exceptions = props.parityExceptions ?? [];
    validateEnvironments(app, props);
    this.environments = props.environments.map((definition) => new Environment(app, definition));
    for (const env of this.environments) props.define(env);

    const roles = Object.keys(this.environments[0].stacks).sort();
    for (const env of this.environments) {
      const own = Object.keys(env.stacks).sort();
      if (own.join(",") !== roles.join(",")) {
        throw new ValidationError(
          `environment '${env.name}' has stacks [${own.join(", ")}] but '${this.environments[0].name}' has [${roles.join(", ")}]: the definition must create the same stacks in every environment.`,
          app,
        );
      }
    }
    // Parity compares what the stacks synthesize, after their aspects: each role's check
    // reads every environment's stack as its synthesis writes it, and compares them when the
    // last one is written. One environment has nothing to compare.
    if (this.environments.length > 1) {
      for (const role of roles) {
        const parity = new RoleParity(role, this.environments, this.exceptions);
        for (const env of this.environments) CheckingStackSynthesizer.of(env.stacks[role]).addCheck(parity);
      }
    }
  }

  /** The stacks of one role in every environment, by environment name. */
  public stacksOf(role: string): Record<string, TerraformStack> {
    return Object.fromEntries(this.environments.map((env) => [env.name, env.stacks[role]]));
  }

  /**
   * The unaccepted parity differences of one role's stacks now, as messages (for tools and
   * tests; synthesis checks parity by itself). Runs each stack's aspects first, as synthesis
   * does, and resolves each stack.
   */
  public parityViolations(role: string): string[] {
    const postures = Object.fromEntries(
      this.environments.map((env) => {
        const stack = env.stacks[role];
        invokeAspects(stack);
        return [env.name, postureOf(env, stack, stack.toTerraform())];
      }),
    );
    return parityMessages(role, postures, this.exceptions, this.environments);
  }

  /**
   * The parity differences of one role's stacks that the environments' security profiles
   * accept, as messages naming the profile, the rule and the reason (for reviewers; each is
   * a documented choice, not a failure).
   */
  public parityAcceptedByProfiles(role: string): string[] {
    const postures = Object.fromEntries(
      this.environments.map((env) => {
        const stack = env.stacks[role];
        invokeAspects(stack);
        return [env.name, postureOf(env, stack, stack.toTerraform())];
      }),
    );
    const documented = documentedDifferences(this.environments, role);
    return compareParity(postures).flatMap((difference) => {
      if (isExcepted(difference, this.exceptions)) return [];
      const acceptance = acceptedByProfiles(difference, documented);
      return acceptance ? [describeProfileAcceptance(role, difference, acceptance)] : [];
    });
  }
}

/**
 * The parity differences each environment's profile documents, by environment name: only the
 * choices a platform of the environment applied. A choice it skipped (the user set that prop,
 * or brought the part) caused no difference, so it accepts none.
 */
function documentedDifferences<TSizing>(environments: readonly Environment<TSizing>[], role: string): Record<string, ProfileDocumentedDifference[]> {
  return Object.fromEntries(
    environments.map((env) => [
      env.name,
      appliedChoices(env, role).flatMap((choice) =>
        choice.parityDifferences.map((d) => ({ ...d, profile: env.profile.name, controlId: choice.controlId, reason: choice.reason })),
      ),
    ]),
  );
}

/**
 * The profile choices the platform in the environment's stack of one role applied (a
 * `HardenedPlatform` takes the id `Default` in its stack): parity compares one role's stacks,
 * so a choice applied in another role's stack accepts nothing here.
 */
function appliedChoices<TSizing>(env: Environment<TSizing>, role: string): readonly ProfileChoice[] {
  const platform = env.stacks[role]?.node.tryFindChild("Default") as { readonly appliedProfileChoices?: unknown } | undefined;
  return Array.isArray(platform?.appliedProfileChoices) ? (platform.appliedProfileChoices as readonly ProfileChoice[]) : [];
}

/**
 * The parity check of one role, on each of the role's stacks: records the posture of every
 * stack as its synthesis writes it, and compares them when the last stack of the synthesis
 * is written (that stack's synthesis then fails on a difference). Only postures are kept,
 * and only until the comparison.
 */
class RoleParity<TSizing> implements SynthesisCheck {
  private synthesis?: { readonly session: ISynthesisSession; readonly postures: Map<string, Posture> };

  constructor(
    private readonly role: string,
    private readonly environments: readonly Environment<TSizing>[],
    private readonly exceptions: readonly ParityException[],
  ) {}

  public check({ stack, session, terraform }: StackSynthesis): string[] {
    const env = this.environments.find((e) => e.stacks[this.role] === stack)!;
    // A new synthesis starts over: what an earlier (or failed) one recorded is stale.
    if (this.synthesis?.session !== session) this.synthesis = { session, postures: new Map() };
    const { postures } = this.synthesis;
    postures.set(env.name, postureOf(env, stack, terraform));
    if (postures.size < this.environments.length) return [];
    this.synthesis = undefined;
    return parityMessages(this.role, Object.fromEntries(this.environments.map((e) => [e.name, postures.get(e.name)!])), this.exceptions, this.environments);
  }
}

/** The posture of an environment's stack, from the stack's resolved Terraform. */
function postureOf<TSizing>(env: Environment<TSizing>, stack: TerraformStack, terraform: object): Posture {
  return securityPosture({ environment: env.name, stackId: stack.node.id, terraform, addressSpaces: addressSpacesOf(env.definition) });
}

/**
 * The differences between the environments' postures of one role that neither a parity
 * exception nor the environments' profiles accept, as messages.
 */
function parityMessages<TSizing>(role: string, postures: Record<string, Posture>, exceptions: readonly ParityException[], environments: readonly Environment<TSizing>[]): string[] {
  const documented = documentedDifferences(environments, role);
  return compareParity(postures)
    .filter((difference) => !isExcepted(difference, exceptions) && acceptedByProfiles(difference, documented) === undefined)
    .map((difference) => describeDifference(role, difference));
}

/** The ranges of an environment's address plan, in plan order (spoke, then hub). */
function addressSpacesOf<TSizing>(env: EnvironmentDefinition<TSizing>): string[] {
  return [env.addressPlan.spoke, ...(env.addressPlan.hub === undefined ? [] : [env.addressPlan.hub])];
}

function validateEnvironments<TSizing>(app: App, props: PlatformEnvironmentsProps<TSizing>): void {
  const envs = props.environments;
  throwIfInvalid(app, nonEmpty("environments", envs, "define at least one environment, e.g. { name: 'dev', ... }."));
  const seen = new Set<string>();
  for (const [i, env] of envs.entries()) {
    throwIfInvalid(
      app,
      matches(`environments[${i}].name`, env.name, ENVIRONMENT_NAME, "a short lowercase label: 1-10 lowercase letters or digits starting with a letter, e.g. 'dev' or 'prod'"),
    );
    if (seen.has(env.name)) {
      throw new ValidationError(`environments[${i}].name '${env.name}' is used twice: each environment needs its own name (it names its stacks and state files).`, app);
    }
    seen.add(env.name);
  }
  // Each environment's spoke and hub, and (peered) the ranges of all of them apart: the rules
  // are lib/network/address-plan.ts's, the props named environments[<i>].addressPlan.<field>.
  throwIfInvalid(app, ...environmentAddressPlanVerdicts(envs, props.peered ?? true));
}

/**
 * The props TypeScript requires, for JavaScript callers: each missing, null or mistyped one
 * is named as the caller wrote it (`environments[1].state`), before anything reads it.
 */
function requiredProps<TSizing>(props: PlatformEnvironmentsProps<TSizing>): Verdict[] {
  const example = "{ environments: [{ name: 'dev', addressPlan: { spoke: '10.240.0.0/16' }, sizing: {}, state }], define: (env) => { ... } }";
  const top = required("PlatformEnvironments props", props, "object", example);
  if (top !== undefined) return [top];
  const verdicts: Verdict[] = [
    required("environments", props.environments, "array", "[{ name: 'dev', addressPlan: { spoke: '10.240.0.0/16' }, sizing: {}, state }]"),
    required("define", props.define, "function", "(env) => { const stack = env.stack('platform'); ... }"),
    optionalOfKind("parityExceptions", props.parityExceptions, "array", "[{ resource: 'Cluster/Resource', attribute: 'sku_tier', reason: 'No paid SLA tier in dev.' }]"),
  ];
  for (const [i, env] of (Array.isArray(props.environments) ? props.environments : []).entries()) {
    const at = `environments[${i}]`;
    const whole = required(at, env, "object", "{ name: 'dev', addressPlan: { spoke: '10.240.0.0/16' }, sizing: {}, state }");
    if (whole !== undefined) {
      verdicts.push(whole);
      continue;
    }
    verdicts.push(
      required(`${at}.name`, env.name, "string", "'dev'"),
      // The name is part of construct ids and state keys (`<name>-<role>`), which cdktf needs at synth time.
      isToken(env.name) ? `${at}.name must be a literal such as 'dev', not a Terraform variable or attribute: it names the environment's stacks and state files, which exist before Terraform runs.` : undefined,
      required(`${at}.addressPlan`, env.addressPlan, "object", "{ spoke: '10.240.0.0/16' }"),
      env.addressPlan && typeof env.addressPlan === "object" ? required(`${at}.addressPlan.spoke`, env.addressPlan.spoke, "string", "'10.240.0.0/16'") : undefined,
      env.sizing === undefined || env.sizing === null ? `${at}.sizing is required: what differs between environments by design, e.g. {} or { userPools: { apps: { vmSize: 'Standard_D4ds_v5', maxCount: 10 } } }; got ${describe(env.sizing)}.` : undefined,
      env.state instanceof EnvironmentState
        ? undefined
        : `${at}.state is required and must be an EnvironmentState, e.g. EnvironmentState.azurerm({ resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate', containerName: 'tfstate' }); got ${describe(env.state)}.`,
      env.production === undefined || typeof env.production === "boolean" ? undefined : `${at}.production must be true or false; got ${describe(env.production)}.`,
      env.profile === undefined || SecurityProfile.isSecurityProfile(env.profile)
        ? undefined
        : `${at}.profile must be a SecurityProfile, e.g. SecurityProfile.development(); got ${describe(env.profile)}. The built-in profiles are SecurityProfile.production(), SecurityProfile.regulated() and SecurityProfile.development(); SecurityProfile.custom(name, choices) makes your own.`,
      // A copied definition that would put production on a Standard firewall and the Free tier, already acknowledged.
      env.production === true && SecurityProfile.isSecurityProfile(env.profile) && env.profile.name === "development"
        ? `${at} is production: true with SecurityProfile.development(), whose choices (a Standard firewall without IDPS, the Free tier) are acknowledged for environments without production data. Give it SecurityProfile.production() or SecurityProfile.regulated(), or remove production: true.`
        : undefined,
    );
  }
  for (const [i, exception] of (Array.isArray(props.parityExceptions) ? props.parityExceptions : []).entries()) {
    const at = `parityExceptions[${i}]`;
    const whole = required(at, exception, "object", "{ resource: 'Cluster/Resource', attribute: 'sku_tier', reason: 'No paid SLA tier in dev.' }");
    if (whole !== undefined) {
      verdicts.push(whole);
      continue;
    }
    verdicts.push(
      required(`${at}.resource`, exception.resource, "string", "'Cluster/Resource'"),
      optionalOfKind(`${at}.attribute`, exception.attribute, "string", "'sku_tier'"),
      reason(`${at}.reason`, exception.reason, "why the environments may differ there", "make the environments equal"),
    );
  }
  return verdicts;
}
