// The first-deploy plan, pure: rendered from the synthesized Terraform of an environment's
// stacks, their dependencies and their declared deployer, so the runbook is what the app
// synthesizes, not what someone remembers.
import { block, isObject, isTrue, resourcesOfType, type JsonObject } from "../../compliance/terraform-json";
import { literalName } from "./network-facts";
import type { ReachabilityVerdict } from "./line-of-sight";

/** One stack, as the plan reads it. */
export interface PlanStack {
  /** The stack's id (what `cdktf deploy` takes). */
  readonly id: string;
  /** Its synthesized Terraform. */
  readonly terraform: JsonObject;
  /** Ids of the stacks it reads outputs from (cdktf's cross-stack dependencies). */
  readonly dependsOn: readonly string[];
  /** Where its deployer runs, in words; undefined when none was declared. */
  readonly deployer?: string;
  /** Whether the deployer is a runner in a network (its VNet is peered by the stack). */
  readonly runnerInNetwork?: boolean;
  /** The line-of-sight verdicts of the stack. */
  readonly verdicts: readonly ReachabilityVerdict[];
}

/** Resource types that configure the whole subscription, not an environment. */
const SUBSCRIPTION_TYPES = ["azurerm_security_center_subscription_pricing", "azurerm_resource_provider_registration", "azurerm_security_center_contact"];

/** Whether a stack holds only subscription-wide settings (a SubscriptionPrerequisites stack). */
function isSubscriptionStack(terraform: JsonObject): boolean {
  const types = Object.keys(isObject(terraform.resource) ? terraform.resource : {});
  return types.length > 0 && types.every((t) => SUBSCRIPTION_TYPES.includes(t));
}

/**
 * The stacks in deployment order: each after those it depends on; otherwise subscription-wide
 * stacks first, then in the order given.
 */
export function deploymentOrder(stacks: readonly PlanStack[]): PlanStack[] {
  const byId = new Map(stacks.map((s) => [s.id, s]));
  const ordered: PlanStack[] = [];
  const visiting = new Set<string>();
  const visit = (stack: PlanStack): void => {
    if (ordered.includes(stack) || visiting.has(stack.id)) return;
    visiting.add(stack.id);
    for (const dependency of stack.dependsOn) {
      const found = byId.get(dependency);
      if (found) visit(found);
    }
    visiting.delete(stack.id);
    ordered.push(stack);
  };
  [...stacks.filter((s) => isSubscriptionStack(s.terraform)), ...stacks.filter((s) => !isSubscriptionStack(s.terraform))].forEach(visit);
  return ordered;
}

/** Commands that register host encryption; the library does not synthesize them (see the plan's text). */
export const ENCRYPTION_AT_HOST_COMMANDS = [
  "az feature register --namespace Microsoft.Compute --name EncryptionAtHost",
  'az feature show --namespace Microsoft.Compute --name EncryptionAtHost --query "properties.state"   # repeat until "Registered"',
  "az provider register --namespace Microsoft.Compute",
];

/** Whether any pool of the stack encrypts at host. */
export function usesHostEncryption(terraform: JsonObject): boolean {
  return (
    resourcesOfType(terraform, "azurerm_kubernetes_cluster").some((c) => isTrue(block(c.config, "default_node_pool")?.host_encryption_enabled)) ||
    resourcesOfType(terraform, "azurerm_kubernetes_cluster_node_pool").some((p) => isTrue(p.config.host_encryption_enabled))
  );
}

/** Resource groups the stacks name by a literal and none of them creates. */
function groupsThatMustExist(stack: PlanStack, all: readonly PlanStack[]): string[] {
  const created = new Set(all.flatMap((s) => resourcesOfType(s.terraform, "azurerm_resource_group").map((g) => literalName(s.terraform, g.config.name)?.toLowerCase())));
  const named = new Set<string>();
  for (const type of Object.keys(isObject(stack.terraform.resource) ? stack.terraform.resource : {})) {
    for (const resource of resourcesOfType(stack.terraform, type)) {
      const group = resource.config.resource_group_name;
      if (typeof group === "string" && !group.includes("${") && !created.has(group.toLowerCase())) named.add(group);
    }
  }
  return [...named].sort();
}

function groupsOf(terraform: JsonObject): string[] {
  return resourcesOfType(terraform, "azurerm_resource_group")
    .map((g) => literalName(terraform, g.config.name))
    .filter((n): n is string => n !== undefined);
}

/** Renders the plan of one environment (or app). */
export function renderDeployPlan(title: string, stacks: readonly PlanStack[]): string {
  const ordered = deploymentOrder(stacks);
  const lines: string[] = [
    `# Deploy plan: ${title}`,
    "",
    "Generated at synthesis from the synthesized Terraform: regenerate it with `cdktf synth`, do not edit it.",
    `Deploy the stacks in this order: ${ordered.map((s) => `\`${s.id}\``).join(" → ")}.`,
    "",
  ];
  const hostEncryption = ordered.some((s) => usesHostEncryption(s.terraform));
  lines.push("## Before the first deploy (once per subscription)", "");
  if (hostEncryption) {
    lines.push(
      "Node pools encrypt at host: register the `Microsoft.Compute/EncryptionAtHost` feature first, or creating the pools fails.",
      "The library does not synthesize this registration: `azurerm_resource_provider_registration` refuses a provider that is already registered, conflicts with the provider's own registrations, and unregisters `Microsoft.Compute` on destroy (azurerm v4.55.0, resource_provider_registration_resource.go).",
      "",
      "```sh",
      ...ENCRYPTION_AT_HOST_COMMANDS,
      "```",
      "",
    );
  } else {
    lines.push("No subscription feature registration is needed: no node pool encrypts at host.", "");
  }
  ordered.forEach((stack, i) => {
    lines.push(`## ${i + 1}. \`cdktf deploy ${stack.id}\``, "");
    const undeclared =
      stack.verdicts.length === 0 && isSubscriptionStack(stack.terraform)
        ? "anywhere the deployer can sign in to Azure: the stack calls no data plane"
        : "**no deployer declared**: declare one with `Deployer.runnerInNetwork(...)` or `Deployer.publicIpRanges(...)` and `deployer.declare(stack)`";
    lines.push(`Runs from: ${stack.deployer ?? undeclared}.`);
    if (stack.dependsOn.length > 0) lines.push(`After: ${stack.dependsOn.map((d) => `\`${d}\``).join(", ")} (it reads ${stack.dependsOn.length === 1 ? "its" : "their"} outputs).`);
    lines.push("", "What must exist first:", "");
    const before: string[] = [];
    for (const group of groupsThatMustExist(stack, ordered)) before.push(`the resource group \`${group}\` (the stack names it and no stack creates it)`);
    const assigns = resourcesOfType(stack.terraform, "azurerm_role_assignment").length > 0;
    const azure = Object.keys(isObject(stack.terraform.resource) ? stack.terraform.resource : {}).some((t) => t.startsWith("azurerm_"));
    const scope = groupsOf(stack.terraform).length > 0 ? "the subscription (the stack creates its resource groups)" : "the resource groups it deploys into";
    if (assigns) {
      before.push(`the deployer's roles: Owner, or User Access Administrator (or Role Based Access Control Administrator) together with Contributor, on ${scope}: the stack creates role assignments`);
    } else if (azure) {
      before.push(`the deployer's roles: Contributor on ${scope}`);
    }
    if (SUBSCRIPTION_TYPES.some((t) => resourcesOfType(stack.terraform, t).length > 0)) {
      before.push(
        "nothing but the subscription: its settings are subscription-wide, so deploy this stack once per subscription, not per environment (the Defender plan must still be Free, or be imported: the provider refuses to create a plan that is already on)",
      );
    }
    if (stack.runnerInNetwork && resourcesOfType(stack.terraform, "azurerm_virtual_network_peering").length > 0) {
      before.push("Network Contributor for the deployer on the runner's VNet: the runner-side peerings are created there");
    }
    if (stack.verdicts.some((v) => v.plane === "Kubernetes API server")) {
      before.push("the deployer's identity in one of the cluster's admin groups (Azure RBAC for Kubernetes): the Kubernetes provider signs in with it through kubelogin");
    }
    lines.push(...(before.length > 0 ? before.map((b) => `- ${b}`) : ["- nothing beyond the stacks before it"]), "");
    if (stack.verdicts.length > 0) {
      lines.push("Data planes the deployer reaches (checked at synthesis):", "");
      for (const v of stack.verdicts) lines.push(`- \`${v.address}\` (${v.plane}): ${v.status}, ${v.status === "unreachable" ? v.missing.join("; ") : v.detail}`);
      lines.push("");
    }
    lines.push("Check afterwards:", "", "```sh", ...checksAfter(stack), "```", "");
  });
  return `${lines.join("\n").trimEnd()}\n`;
}

/** What a person runs after a stack is deployed, from the resources it created. */
function checksAfter(stack: PlanStack): string[] {
  const t = stack.terraform;
  const checks: string[] = [];
  for (const cluster of resourcesOfType(t, "azurerm_kubernetes_cluster")) {
    const name = literalName(t, cluster.config.name) ?? "<cluster>";
    const group = literalName(t, cluster.config.resource_group_name) ?? "<resource group>";
    checks.push(`az aks show -g ${group} -n ${name} --query "{state: provisioningState, api: apiServerAccessProfile, fqdn: privateFqdn}"`);
  }
  for (const vault of resourcesOfType(t, "azurerm_key_vault")) {
    const name = literalName(t, vault.config.name) ?? "<vault>";
    checks.push(`az keyvault key list --vault-name ${name} -o table   # from where the deployer runs: proves line of sight`);
  }
  for (const registry of resourcesOfType(t, "azurerm_container_registry")) {
    const name = literalName(t, registry.config.name) ?? "<registry>";
    checks.push(`az acr show -n ${name} --query "{public: publicNetworkAccess, sku: sku.name}"`);
  }
  if (isObject(t.provider) && t.provider.kubernetes !== undefined) {
    checks.push("kubectl get nodes   # from the runner", "kubectl get namespaces");
  }
  if (checks.length === 0) checks.push("terraform -chdir=cdktf.out/stacks/" + stack.id + " plan   # shows no changes");
  return checks;
}
