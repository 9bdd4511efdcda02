// The deployment check of a stack, in its checking synthesizer: line of sight from the
// declared deployer to every data plane, missing wiring, and the deploy plan. Facts cross
// stacks through the synthesis: each checked stack records its Terraform in the session as it
// is written (cdktf synthesizes an app's stacks in creation order, after preparing them all),
// so the in-cluster stack finds its cluster in the Azure stack's JSON. A stack not recorded
// yet is resolved on demand.
import * as fs from "fs";
import * as path from "path";
import { TerraformStack, resolveInScope, type ISynthesisSession } from "../cdktf";
import { CheckingStackSynthesizer, type StackSynthesis, type SynthesisCheck } from "../checking-synthesizer";
import { isObject, type JsonObject } from "../../compliance/terraform-json";
import { fqdnPoliciesWithoutAcns } from "./fqdn-policies";
import { checkableDataPlaneResources, describeUnreachable, lineOfSight, type ReachabilityVerdict, type StackLookup } from "./line-of-sight";
import { describeWiring, missingWiring, type DeployerObjectId, type WiringProblem } from "./wiring";
import { renderDeployPlan, type PlanStack } from "./deploy-plan";
import { zoneNameConflicts } from "./network-facts";
import type { Deployer } from "../../deploy/deployer";

/** Node metadata type that names the environment a stack belongs to (its deploy plan). */
export const DEPLOY_PLAN_GROUP_METADATA_TYPE = "hardened-aks/deploy-plan-group";

/** The deploy plan's file name for an app without environments. */
export const DEPLOY_PLAN_FILE = "deploy-plan.md";

/** What the deployment check found in one stack: the compliance report's `deployment` section. */
export interface DeploymentSection {
  /** Where the deployer runs, in words; undefined when none was declared. */
  readonly deployer?: string;
  /** The acknowledged weakening of a public-ranges deployer, with its reason. */
  readonly weakening?: {
    /** The one weakening a deployer can carry: data planes open to public IP ranges. */
    readonly kind: "public-ip-ranges";
    /** The public IP ranges the data planes allow. */
    readonly ranges: readonly string[];
    /** Why, as the deployer was declared with it. */
    readonly reason: string;
  };
  /** One verdict per resource that calls a data plane. */
  readonly verdicts: readonly ReachabilityVerdict[];
  /** Missing wires. */
  readonly wiring: readonly WiringProblem[];
  /** What fails the synthesis, one line each. */
  readonly failures: readonly string[];
}

const DECLARED = new WeakMap<TerraformStack, Deployer>();

/** Records the deployer of a stack. @internal */
export function recordDeclaration(stack: TerraformStack, deployer: Deployer): void {
  DECLARED.set(stack, deployer);
}

/** The deployer declared for a stack, if any. */
export function declaredDeployer(stack: TerraformStack): Deployer | undefined {
  return DECLARED.get(stack);
}

/** Each synthesis's recorded stacks, in the order written. */
const SESSIONS = new WeakMap<ISynthesisSession, Map<TerraformStack, { terraform: JsonObject; section: DeploymentSection }>>();

/** Sections computed for a Terraform object, so the compliance report reuses the check's. */
const SECTIONS = new WeakMap<JsonObject, DeploymentSection>();

/** The deployment check of a stack's synthesizer. */
class DeploymentCheck implements SynthesisCheck {
  public check({ stack, session, terraform }: StackSynthesis): string[] {
    const section = deploymentSection(stack, terraform, session);
    let recorded = SESSIONS.get(session);
    if (!recorded) SESSIONS.set(session, (recorded = new Map()));
    recorded.set(stack, { terraform, section });
    writeDeployPlan(stack, session, recorded);
    // Across the app: environments that share one runner VNet would link it to each one's zones.
    const conflicts = zoneNameConflicts([...recorded.entries()].map(([s, entry]) => ({ id: s.node.id, terraform: entry.terraform }))).filter((c) => c.stack === stack.node.id);
    return [
      ...section.failures,
      ...conflicts.map(
        (c) =>
          `${c.constructPath} (${c.address}): links ${c.virtualNetwork} to a second zone named ${c.zoneName} (the first: ${c.other}); Azure refuses to link one VNet to two zones with the same name. Fix: give each environment its own runner VNet (Deployer.runnerInNetwork per environment), or share one zone between them (privateDnsZoneId).`,
      ),
    ];
  }
}

/** Installs the deployment check on a stack once (`Deployer.declare`, `Compliance.check`). */
export function installDeploymentCheck(stack: TerraformStack): void {
  const synthesizer = CheckingStackSynthesizer.of(stack);
  if (synthesizer.findCheck(DeploymentCheck)) return;
  synthesizer.addCheck(new DeploymentCheck());
  // For what bypasses synthesizers (Testing.synth(stack, true)): the stack as it is now.
  stack.node.addValidation({ validate: () => (synthesizer.synthesizing ? [] : [...deploymentSection(stack, stack.toTerraform() as JsonObject).failures]) });
}

/** Whether a stack has the deployment check. */
export function hasDeploymentCheck(stack: TerraformStack): boolean {
  return CheckingStackSynthesizer.installedOn(stack)?.findCheck(DeploymentCheck) !== undefined;
}

/** The deployment verdicts of a stack's Terraform (cached per Terraform object). */
export function deploymentSection(stack: TerraformStack, terraform: JsonObject, session?: ISynthesisSession): DeploymentSection {
  const cached = SECTIONS.get(terraform);
  if (cached) return cached;
  const lookup = stackLookup(stack, session);
  const deployer = declaredDeployer(stack);
  let section: DeploymentSection;
  if (!deployer) {
    const needing = checkableDataPlaneResources(terraform, lookup);
    const wiring = [...missingWiring(terraform), ...fqdnPoliciesWithoutAcns(terraform, lookup)];
    const failures = [
      ...(needing.length > 0
        ? [
            `stack '${stack.node.id}' calls data planes the app itself serves (${needing.slice(0, 3).join(", ")}${needing.length > 3 ? ", ..." : ""}) but declares no deployer, so whether its first deploy can reach them is unknown. Declare where cdktf deploy runs: Deployer.runnerInNetwork({ virtualNetworkId }).declare(stack), or Deployer.publicIpRanges([...], { reason }).declare(stack) for a trial.`,
          ]
        : []),
      ...wiring.map(describeWiring),
    ];
    section = { verdicts: [], wiring, failures };
  } else {
    const location = deployer.location;
    const sight =
      location.kind === "network"
        ? ({ kind: "network", virtualNetworkId: String(resolveInScope(stack, location.virtualNetworkId)) } as const)
        : ({ kind: "public", ranges: (resolveInScope(stack, location.ranges) as unknown[]).map(String) } as const);
    const verdicts = lineOfSight(terraform, sight, lookup);
    const principal = deployer.principal;
    const objectId: DeployerObjectId = principal.isCurrent ? { kind: "client-config" } : { kind: "literal", objectId: String(resolveInScope(stack, principal.objectId(stack))) };
    const wiring = [...missingWiring(terraform, objectId), ...fqdnPoliciesWithoutAcns(terraform, lookup)];
    section = {
      deployer: deployer.describe(),
      weakening: location.kind === "public" ? { kind: "public-ip-ranges", ranges: sight.kind === "public" ? sight.ranges : [], reason: location.reason } : undefined,
      verdicts,
      wiring,
      failures: [...verdicts.filter((v) => v.status === "unreachable").map(describeUnreachable), ...wiring.map(describeWiring)],
    };
  }
  SECTIONS.set(terraform, section);
  return section;
}

/** Another stack of the app by id: as recorded in this synthesis, else resolved now. */
function stackLookup(stack: TerraformStack, session: ISynthesisSession | undefined): StackLookup {
  return (id) => {
    const recorded = session ? SESSIONS.get(session) : undefined;
    for (const [other, entry] of recorded ?? []) if (other.node.id === id) return entry.terraform;
    const other = stack.node.root.node.findAll().find((c): c is TerraformStack => TerraformStack.isStack(c) && c.node.id === id);
    if (!other) return undefined;
    const resolved: unknown = other.toTerraform();
    return isObject(resolved) ? resolved : undefined;
  };
}

/** The environment (or app) a stack's deploy plan belongs to: undefined for the app's one plan. */
function planGroup(stack: TerraformStack): string | undefined {
  const entry = stack.node.metadata.find((m) => m.type === DEPLOY_PLAN_GROUP_METADATA_TYPE);
  return entry ? String(entry.data) : undefined;
}

/** The deploy plan's file name for a group: `deploy-plan.md`, or `<env>-deploy-plan.md`. */
export function deployPlanFile(group: string | undefined): string {
  return group === undefined ? DEPLOY_PLAN_FILE : `${group}-${DEPLOY_PLAN_FILE}`;
}

/** Rewrites the plan of the stack's group with every stack of the group recorded so far. */
function writeDeployPlan(stack: TerraformStack, session: ISynthesisSession, recorded: Map<TerraformStack, { terraform: JsonObject; section: DeploymentSection }>): void {
  const group = planGroup(stack);
  const members = [...recorded.entries()].filter(([s]) => planGroup(s) === group);
  const stacks: PlanStack[] = members.map(([s, entry]) => ({
    id: s.node.id,
    terraform: entry.terraform,
    dependsOn: s.dependencies.map((d) => d.node.id),
    deployer: entry.section.deployer,
    runnerInNetwork: declaredDeployer(s)?.location.kind === "network",
    verdicts: entry.section.verdicts,
  }));
  fs.mkdirSync(session.outdir, { recursive: true });
  fs.writeFileSync(path.join(session.outdir, deployPlanFile(group)), renderDeployPlan(group ?? "the app", stacks));
}
