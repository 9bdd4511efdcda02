import { Construct } from "../private/cdktf";
import { RoleAssignment } from "../private/azurerm";
import { nonEmpty, optionalOfKind, required, throwIfInvalid } from "../private/validate";
import * as rules from "./validate";

/** The built-in Azure roles for Kubernetes authorization with Azure RBAC, at namespace scope. */
export const AKS_NAMESPACE_ROLES = {
  /** Everything in the namespace, role bindings included, except the quota and the namespace itself. */
  admin: "Azure Kubernetes Service RBAC Admin",
  /** Read and write most objects in the namespace, secrets included, but not roles or role bindings. */
  writer: "Azure Kubernetes Service RBAC Writer",
  /** Read most objects in the namespace, but not secrets, roles or role bindings. */
  reader: "Azure Kubernetes Service RBAC Reader",
} as const;

/** Props of `NamespaceRoleAssignments`. */
export interface NamespaceRoleAssignmentsProps {
  /** The cluster's resource id (`HardenedCluster.clusterId`). */
  readonly clusterId: string;
  /**
   * The namespace's name (a plain string: the namespace lives in the in-cluster stack). Not
   * one the platform owns (`RESERVED_NAMESPACES`, `kube-*`): admin there is cluster admin.
   */
  readonly namespace: string;
  /** Entra groups that get "Azure Kubernetes Service RBAC Admin" in the namespace. @default - none */
  readonly adminGroupObjectIds?: readonly string[];
  /** Entra groups that get "Azure Kubernetes Service RBAC Writer". @default - none */
  readonly writerGroupObjectIds?: readonly string[];
  /** Entra groups that get "Azure Kubernetes Service RBAC Reader" (no secrets). @default - none */
  readonly readerGroupObjectIds?: readonly string[];
}

/**
 * Namespace access through Azure RBAC for Kubernetes authorization (K8S-5), the
 * alternative to the role bindings of `SecureNamespace`: role assignments at scope
 * `<clusterId>/namespaces/<namespace>`. They are Azure resources: create them in the
 * Azure (cluster) stack, not in the in-cluster stack. Construct ids follow the list order:
 * reordering a list replaces assignments.
 *
 * @see https://learn.microsoft.com/azure/aks/manage-azure-rbac
 */
export class NamespaceRoleAssignments extends Construct {
  /** The role assignments made. */
  public readonly roleAssignments: readonly RoleAssignment[];
  /** The scope they are made at. */
  public readonly scope: string;

  constructor(scope: Construct, id: string, props: NamespaceRoleAssignmentsProps) {
    super(scope, id);
    // What a JavaScript caller may leave out or mistype, before anything below reads it.
    throwIfInvalid(this, required("props", props, "object", "{ clusterId: cluster.clusterId, namespace: 'payments' }"));
    throwIfInvalid(
      this,
      required("clusterId", props.clusterId, "string", "cluster.clusterId"),
      required("namespace", props.namespace, "string", "'payments'"),
      ...(["adminGroupObjectIds", "writerGroupObjectIds", "readerGroupObjectIds"] as const).map((prop) =>
        optionalOfKind(prop, props[prop], "array", "['<Entra group object id>']"),
      ),
    );
    throwIfInvalid(
      this,
      rules.dns1123Label("namespace", props.namespace),
      rules.platformNamespace(
        "namespace",
        props.namespace,
        "Namespace roles are for the teams' namespaces: in kube-system, admin is cluster admin (IAM-1). Cluster admins come from the cluster's adminGroupObjectIds.",
      ),
      nonEmpty(
        "adminGroupObjectIds, writerGroupObjectIds and readerGroupObjectIds together",
        [...(props.adminGroupObjectIds ?? []), ...(props.writerGroupObjectIds ?? []), ...(props.readerGroupObjectIds ?? [])],
        "name at least one Entra group to grant a role in the namespace.",
      ),
      rules.objectIds("adminGroupObjectIds", props.adminGroupObjectIds),
      rules.objectIds("writerGroupObjectIds", props.writerGroupObjectIds),
      rules.objectIds("readerGroupObjectIds", props.readerGroupObjectIds),
    );
    this.scope = `${props.clusterId}/namespaces/${props.namespace}`;
    const made: RoleAssignment[] = [];
    const assign = (idPrefix: string, role: string, groups: readonly string[] | undefined) => {
      (groups ?? []).forEach((principalId, i) => {
        made.push(
          new RoleAssignment(this, `${idPrefix}${i}`, {
            scope: this.scope,
            roleDefinitionName: role,
            principalId,
            principalType: "Group",
          }),
        );
      });
    };
    assign("Admin", AKS_NAMESPACE_ROLES.admin, props.adminGroupObjectIds);
    assign("Writer", AKS_NAMESPACE_ROLES.writer, props.writerGroupObjectIds);
    assign("Reader", AKS_NAMESPACE_ROLES.reader, props.readerGroupObjectIds);
    this.roleAssignments = made;
  }
}
