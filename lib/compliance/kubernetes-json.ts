// Helpers for the Terraform kubernetes provider's resources, shared by the K8S rules.
import { block, blocks, isObject, normalizeReference, resourcesOfType, type JsonObject, type TerraformResource } from "./terraform-json";

/** Namespace resources (current and legacy names). */
export const NAMESPACES = ["kubernetes_namespace_v1", "kubernetes_namespace"];
export const NETWORK_POLICIES = ["kubernetes_network_policy_v1", "kubernetes_network_policy"];
export const LIMIT_RANGES = ["kubernetes_limit_range_v1", "kubernetes_limit_range"];
export const RESOURCE_QUOTAS = ["kubernetes_resource_quota_v1", "kubernetes_resource_quota"];

/** The `metadata` block of a Kubernetes resource. */
export function metadataOf(config: JsonObject): JsonObject {
  return block(config, "metadata") ?? {};
}

/** Every resource of the given types in a stack. */
export function resourcesOfTypes(stack: JsonObject, types: readonly string[]): TerraformResource[] {
  return types.flatMap((type) => resourcesOfType(stack, type));
}

/**
 * Whether a namespaced resource is in the namespace a namespace resource creates: its
 * `metadata.namespace` is the namespace's literal name, or a reference to the namespace's
 * name or id.
 */
export function isInNamespace(resource: TerraformResource, namespace: TerraformResource): boolean {
  const value = metadataOf(resource.config).namespace;
  if (typeof value !== "string") return false;
  const name = metadataOf(namespace.config).name;
  if (typeof name === "string" && value === name) return true;
  const normalized = normalizeReference(value);
  return [`metadata[0].name`, "id"].some((attribute) => normalized === `\${${namespace.type}.${namespace.name}.${attribute}}`);
}

/** The resources of some types in a namespace the stack creates. */
export function inNamespace(stack: JsonObject, types: readonly string[], namespace: TerraformResource): TerraformResource[] {
  return resourcesOfTypes(stack, types).filter((resource) => isInNamespace(resource, namespace));
}

/** The `spec` of a resource. */
export function specOf(config: JsonObject): JsonObject {
  return block(config, "spec") ?? {};
}

/** Whether a label selector selects everything: no labels, no expressions. */
export function selectsAll(selector: JsonObject | undefined): boolean {
  if (!selector) return false;
  const labels = selector.match_labels;
  const expressions = blocks(selector.match_expressions);
  return (!isObject(labels) || Object.keys(labels).length === 0) && expressions.length === 0;
}

/** The policy types a network policy declares, lowercased. */
export function policyTypes(spec: JsonObject): string[] {
  const types = spec.policy_types;
  return Array.isArray(types) ? types.filter((t): t is string => typeof t === "string").map((t) => t.toLowerCase()) : [];
}

/**
 * Whether the network policy denies a direction for every pod of its namespace: empty pod
 * selector, the direction in `policy_types`, and no rule for it.
 */
export function deniesAll(policy: TerraformResource, direction: "ingress" | "egress"): boolean {
  const spec = specOf(policy.config);
  return selectsAll(block(spec, "pod_selector") ?? {}) && policyTypes(spec).includes(direction) && blocks(spec[direction]).length === 0;
}

/** Where the pod spec of a workload resource is, by resource type. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  kubernetes_pod_v1: ["spec"],
  kubernetes_pod: ["spec"],
  kubernetes_deployment_v1: ["spec", "template", "spec"],
  kubernetes_deployment: ["spec", "template", "spec"],
  kubernetes_stateful_set_v1: ["spec", "template", "spec"],
  kubernetes_stateful_set: ["spec", "template", "spec"],
  kubernetes_daemon_set_v1: ["spec", "template", "spec"],
  kubernetes_daemonset: ["spec", "template", "spec"],
  kubernetes_replication_controller_v1: ["spec", "template", "spec"],
  kubernetes_replication_controller: ["spec", "template", "spec"],
  kubernetes_job_v1: ["spec", "template", "spec"],
  kubernetes_job: ["spec", "template", "spec"],
  kubernetes_cron_job_v1: ["spec", "job_template", "spec", "template", "spec"],
  kubernetes_cron_job: ["spec", "job_template", "spec", "template", "spec"],
};

/** The workload resource types whose pod templates K8S-6 checks. */
export const POD_TEMPLATE_TYPES: readonly string[] = Object.keys(POD_SPEC_PATHS);

/** The pod spec of a workload resource, if it has one. */
export function podSpecOf(resource: TerraformResource): JsonObject | undefined {
  const path = POD_SPEC_PATHS[resource.type];
  if (!path) return undefined;
  let current: JsonObject | undefined = resource.config;
  for (const key of path) {
    current = current ? block(current, key) : undefined;
  }
  return current;
}

/** `kubernetes_manifest`: custom resources, such as Cilium's network policies. */
export const MANIFEST = "kubernetes_manifest";

/** The object a `kubernetes_manifest` creates (its `manifest`), if it is of the kind. */
export function manifestOfKind(resource: TerraformResource, kind: string): JsonObject | undefined {
  const manifest = block(resource.config, "manifest");
  return manifest && manifest.kind === kind ? manifest : undefined;
}

/**
 * The `kubernetes_manifest`s of a kind in a namespace the stack creates: `manifest.metadata.namespace`
 * is the namespace's literal name, or a reference to its name or id.
 */
export function manifestsInNamespace(stack: JsonObject, namespace: TerraformResource, kind: string): TerraformResource[] {
  return resourcesOfType(stack, MANIFEST).filter((resource) => {
    const manifest = manifestOfKind(resource, kind);
    if (!manifest) return false;
    const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
    return isInNamespace({ ...resource, config: { metadata } }, namespace);
  });
}
