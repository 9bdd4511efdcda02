import { Construct } from "../private/cdktf";
import { ClusterRoleBindingV1, ClusterRoleV1, RoleBindingV1, type ClusterRoleV1Rule } from "../private/kubernetes";
import { isToken, nonEmpty, optionalOfKind, required, throwIfInvalid } from "../private/validate";
import { resolveNamespace, type NamespaceRef } from "./namespace-ref";
import { entraGroups } from "./secure-namespace";
import * as rules from "./validate";

/**
 * What the developer read-only role allows: get, list and watch on workload resources and
 * their logs and events. No secrets, no exec, port-forward or proxy, no writes.
 */
export const DEVELOPER_READ_ONLY_RULES: readonly ClusterRoleV1Rule[] = [
  {
    apiGroups: [""],
    resources: ["pods", "pods/log", "services", "endpoints", "configmaps", "events", "persistentvolumeclaims"],
    verbs: ["get", "list", "watch"],
  },
  {
    apiGroups: ["apps"],
    resources: ["deployments", "replicasets", "statefulsets", "daemonsets"],
    verbs: ["get", "list", "watch"],
  },
  { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["events.k8s.io"], resources: ["events"], verbs: ["get", "list", "watch"] },
];

/** Props of `DeveloperReadOnlyRole`. */
export interface DeveloperReadOnlyRoleProps {
  /** Entra groups (object ids) that get the role. At least one. */
  readonly groupObjectIds: readonly string[];
  /**
   * Namespaces the role is granted in (a RoleBinding in each). Without them it is granted
   * cluster-wide (a ClusterRoleBinding), which also reads the platform namespaces.
   *
   * @default - cluster-wide
   */
  readonly namespaces?: readonly NamespaceRef[];
  /**
   * Name of the ClusterRole (and of its bindings).
   *
   * @default "developer-read-only"
   */
  readonly name?: string;
}

/**
 * A read-only ClusterRole for developers (K8S-5): get, list and watch on the workload
 * resources, never secrets, bound to Entra groups cluster-wide or in chosen namespaces.
 * With Azure RBAC for authorization, the built-in "Azure Kubernetes Service RBAC Reader"
 * role at namespace scope is the equivalent (`NamespaceRoleAssignments`).
 */
export class DeveloperReadOnlyRole extends Construct {
  /** The `kubernetes_cluster_role_v1` (escape hatch). */
  public readonly resource: ClusterRoleV1;
  /** The ClusterRole's name. */
  public readonly roleName: string;
  /** The ClusterRoleBinding, when granted cluster-wide. */
  public readonly clusterRoleBinding?: ClusterRoleBindingV1;
  /** The RoleBindings, by namespace, when granted per namespace. */
  public readonly roleBindings: Readonly<Record<string, RoleBindingV1>>;

  constructor(scope: Construct, id: string, props: DeveloperReadOnlyRoleProps) {
    super(scope, id);
    // What a JavaScript caller may leave out or mistype, before anything below reads it.
    throwIfInvalid(this, required("props", props, "object", "{ groupObjectIds: ['<Entra group object id>'] }"));
    throwIfInvalid(
      this,
      required("groupObjectIds", props.groupObjectIds, "array", "['<Entra group object id>']"),
      optionalOfKind("name", props.name, "string", "'developer-read-only'"),
      optionalOfKind("namespaces", props.namespaces, "array", "[namespace]"),
    );
    throwIfInvalid(
      this,
      ...(props.namespaces === undefined || isToken(props.namespaces) ? [] : props.namespaces.map((ns, i) => rules.namespaceRef(`namespaces[${i}]`, ns))),
    );
    const name = props.name ?? "developer-read-only";
    const namespaces = (props.namespaces ?? []).map(resolveNamespace);
    throwIfInvalid(
      this,
      nonEmpty("groupObjectIds", props.groupObjectIds, "name at least one Entra group whose members get the read-only role."),
      rules.objectIds("groupObjectIds", props.groupObjectIds),
      rules.dns1123Label("name", name),
      ...namespaces.map(
        (ns, i) =>
          rules.dns1123Label(`namespaces[${i}]`, ns.name) ??
          rules.platformNamespace(`namespaces[${i}]`, ns.name, "Bind the developers' role in the teams' namespaces; the platform's are for the cluster admins."),
      ),
    );
    this.roleName = name;
    this.resource = new ClusterRoleV1(this, "Resource", {
      metadata: { name },
      rule: DEVELOPER_READ_ONLY_RULES.map((rule) => ({ ...rule })),
    });
    const roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: this.resource.metadata.name };
    const subject = entraGroups(props.groupObjectIds);

    const bindings: Record<string, RoleBindingV1> = {};
    if (namespaces.length === 0) {
      this.clusterRoleBinding = new ClusterRoleBindingV1(this, "Binding", { metadata: { name }, roleRef, subject });
    } else {
      for (const ns of namespaces) {
        bindings[ns.name] = new RoleBindingV1(this, isToken(ns.name) ? `Binding${Object.keys(bindings).length}` : `Binding-${ns.name}`, {
          metadata: { name, namespace: ns.name },
          roleRef,
          subject,
          dependsOn: ns.dependsOn,
        });
      }
    }
    this.roleBindings = bindings;
  }
}
