import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { POD_TEMPLATE_TYPES, podSpecOf } from "../kubernetes-json";
import { block, blocks, isObject, isSet, isTrue, show, type JsonObject } from "../terraform-json";

/** Seccomp profiles Pod Security restricted accepts. */
const SECCOMP_TYPES = ["runtimedefault", "localhost"];

/** K8S-6: workloads run with a restricted security context, requests and limits. */
export const K8S_6: ComplianceRule = {
  id: "K8S-6",
  name: "RestrictedSecurityContext",
  title: "Every container of the stack's workloads runs as non-root, without privilege escalation, with a read-only root filesystem, all capabilities dropped, seccomp RuntimeDefault, and requests and limits",
  description:
    "These settings are what Pod Security restricted demands, and more: a read-only root filesystem stops an attacker from writing tools into the container, dropped capabilities and no privilege escalation keep a compromised process unprivileged, and requests and limits keep one workload from starving its node.",
  severity: "medium",
  fix: "Use RestrictedDeployment, or restrictedPodSecurity() for your own workloads. In Terraform, on each container's security_context: run_as_non_root = true (or on the pod), allow_privilege_escalation = false, read_only_root_filesystem = true, capabilities { drop = [\"ALL\"] }, seccomp_profile { type = \"RuntimeDefault\" } (or on the pod); and resources { requests and limits with cpu and memory }.",
  references: [R.k8sSecurityContext, R.aksPodSecurity, R.k8sPodSecurityStandards],
  mappings: { cisAks: ["4.2.5", "4.6.2"], checkov: ["CKV_K8S_10", "CKV_K8S_11", "CKV_K8S_12", "CKV_K8S_13", "CKV_K8S_20", "CKV_K8S_22", "CKV_K8S_28", "CKV_K8S_37"] },
  resourceTypes: POD_TEMPLATE_TYPES,
  check: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod) return ["has no pod template spec to check"];
    const podContext = block(pod, "security_context") ?? {};
    const containers = [
      ...blocks(pod.container).map((c) => ({ kind: "container", config: c })),
      ...blocks(pod.init_container).map((c) => ({ kind: "init container", config: c })),
    ];
    if (containers.length === 0) return ["has no container to check"];
    return containers.flatMap(({ kind, config }) => checkContainer(`${kind} ${show(config.name)}`, config, podContext));
  },
};

function checkContainer(where: string, container: JsonObject, podContext: JsonObject): string[] {
  const context = block(container, "security_context") ?? {};
  const found: string[] = [];
  const runAsNonRoot = context.run_as_non_root ?? podContext.run_as_non_root;
  if (!isTrue(runAsNonRoot)) found.push(`${where}: run_as_non_root is ${show(runAsNonRoot)} (container or pod security_context); it must be true`);
  const user = context.run_as_user ?? podContext.run_as_user;
  if (user !== undefined && String(user) === "0") found.push(`${where}: run_as_user is 0 (root)`);
  if (context.allow_privilege_escalation !== false && context.allow_privilege_escalation !== "false") {
    found.push(`${where}: security_context.allow_privilege_escalation is ${show(context.allow_privilege_escalation)}; it must be false`);
  }
  if (isTrue(context.privileged)) found.push(`${where}: security_context.privileged is true`);
  if (!isTrue(context.read_only_root_filesystem)) {
    found.push(`${where}: security_context.read_only_root_filesystem is ${show(context.read_only_root_filesystem)}; it must be true`);
  }
  const capabilities = block(context, "capabilities");
  const dropped = Array.isArray(capabilities?.drop) ? capabilities.drop : [];
  if (!dropped.some((c) => typeof c === "string" && c.toUpperCase() === "ALL")) {
    found.push(`${where}: security_context.capabilities.drop is ${show(capabilities?.drop)}; it must include "ALL"`);
  }
  const added = (Array.isArray(capabilities?.add) ? capabilities.add : []).filter((c) => !(typeof c === "string" && c.toUpperCase() === "NET_BIND_SERVICE"));
  if (added.length > 0) found.push(`${where}: security_context.capabilities.add is ${show(added)}; only NET_BIND_SERVICE may be added`);
  const seccomp = block(context, "seccomp_profile")?.type ?? block(podContext, "seccomp_profile")?.type;
  if (typeof seccomp !== "string" || !SECCOMP_TYPES.includes(seccomp.toLowerCase())) {
    found.push(`${where}: seccomp_profile.type is ${show(seccomp)} (container or pod security_context); it must be 'RuntimeDefault' (or 'Localhost')`);
  }
  const resources = block(container, "resources");
  const missing = ["requests", "limits"].flatMap((kind) => {
    const amounts = resources?.[kind];
    return ["cpu", "memory"].filter((r) => !(isObject(amounts) && isSet(amounts[r]))).map((r) => `${kind}.${r}`);
  });
  if (missing.length > 0) found.push(`${where}: resources ${missing.join(", ")} not set`);
  return found;
}
