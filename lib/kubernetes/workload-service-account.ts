import { Construct } from "../private/cdktf";
import { ServiceAccountV1 } from "../private/kubernetes";
import { guid, isToken, optionalOfKind, required, throwIfInvalid } from "../private/validate";
import { ValidationError } from "../errors";
import { resolveNamespace, type NamespaceRef } from "./namespace-ref";
import * as rules from "./validate";

/** The service account annotation that names the workload identity's client id. */
export const WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";
/** The optional annotation that names its tenant. */
export const WORKLOAD_IDENTITY_TENANT_ID_ANNOTATION = "azure.workload.identity/tenant-id";
/**
 * The label a pod needs for the workload identity webhook to inject the token volume and
 * the `AZURE_*` variables. It goes on the pod template, not on the service account.
 */
export const WORKLOAD_IDENTITY_USE_LABEL = "azure.workload.identity/use";

/**
 * The Azure side of a workload identity, as `WorkloadIdentity` exposes it: the identity's
 * client id and the namespace and service account its federated credential trusts.
 */
export interface WorkloadIdentityBinding {
  /** Namespace of the service account the federated credential trusts. */
  readonly namespace: string;
  /** Name of the service account the federated credential trusts. */
  readonly serviceAccountName: string;
  /** Client ID of the managed identity, the service account's `azure.workload.identity/client-id` annotation. */
  readonly clientId: string;
}

/** Options of `WorkloadServiceAccount.forIdentity`. */
export interface WorkloadServiceAccountOptions {
  /**
   * The namespace construct, so the service account is created after it. Its name must be
   * the identity's namespace.
   *
   * @default - the identity's namespace, by name
   */
  readonly namespace?: NamespaceRef;
  /** @default false */
  readonly automountServiceAccountToken?: boolean;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Props of `WorkloadServiceAccount`. */
export interface WorkloadServiceAccountProps {
  /** The namespace: a `SecureNamespace` or a namespace's name. */
  readonly namespace: NamespaceRef;
  /** The service account's name (a DNS-1123 label). */
  readonly name: string;
  /**
   * Client id of the user-assigned identity (or app registration) whose federated
   * credential trusts this service account (IAM-4).
   */
  readonly clientId: string;
  /**
   * Tenant of the identity, when it is not the cluster's.
   *
   * @default - the cluster's tenant
   */
  readonly tenantId?: string;
  /**
   * Whether pods get a Kubernetes API token mounted. Workload identity does not need it:
   * the webhook projects its own token for Entra ID.
   *
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;
  /** More labels. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A service account for workload identity (IAM-4, SEC-1): annotated with the identity's
 * client id, no API token mounted by default. Its `federatedSubject` is what the
 * identity's federated credential must name. Pods that use it carry the label
 * `azure.workload.identity/use: "true"` (see `WORKLOAD_IDENTITY_USE_LABEL`).
 */
export class WorkloadServiceAccount extends Construct {
  /**
   * The subject a federated identity credential names for a service account:
   * `system:serviceaccount:<namespace>:<name>`. Plain strings in, so the Azure stack can
   * compute it without referencing the in-cluster stack.
   */
  public static federatedSubject(namespace: string, name: string): string {
    return `system:serviceaccount:${namespace}:${name}`;
  }

  /**
   * The service account a workload identity's federated credential trusts, with the
   * identity's client id: namespace and name come from the identity, so they cannot drift
   * apart. In the in-cluster stack, the client id becomes a cross-stack reference to the
   * Azure stack.
   */
  public static forIdentity(
    scope: Construct,
    id: string,
    identity: WorkloadIdentityBinding,
    options: WorkloadServiceAccountOptions = {},
  ): WorkloadServiceAccount {
    throwIfInvalid(scope, required("identity", identity, "object", "a WorkloadIdentity"));
    throwIfInvalid(scope, options.namespace === undefined ? undefined : rules.namespaceRef("options.namespace", options.namespace));
    const given = options.namespace === undefined ? undefined : resolveNamespace(options.namespace).name;
    if (given !== undefined && !isToken(given) && !isToken(identity.namespace) && given !== identity.namespace) {
      throw new ValidationError(
        `namespace '${given}' is not the namespace the identity's federated credential trusts ('${identity.namespace}'): pods there could not use the identity. Use the same namespace on both sides.`,
        scope,
      );
    }
    return new WorkloadServiceAccount(scope, id, {
      namespace: options.namespace ?? identity.namespace,
      name: identity.serviceAccountName,
      clientId: identity.clientId,
      automountServiceAccountToken: options.automountServiceAccountToken,
      labels: options.labels,
    });
  }

  /** The `kubernetes_service_account_v1` (escape hatch). */
  public readonly resource: ServiceAccountV1;
  /** Name of the service account, for the pods' `serviceAccountName`. */
  public readonly serviceAccountName: string;
  /** Namespace the service account is in, where the pods that use it must run. */
  public readonly namespaceName: string;
  /** `system:serviceaccount:<namespace>:<name>`, for the federated credential. */
  public readonly federatedSubject: string;

  constructor(scope: Construct, id: string, props: WorkloadServiceAccountProps) {
    super(scope, id);
    // What a JavaScript caller may leave out or mistype, before anything below reads it.
    throwIfInvalid(this, required("props", props, "object", "{ namespace, name: 'payments-api', clientId: identity.clientId }"));
    throwIfInvalid(
      this,
      rules.namespaceRef("namespace", props.namespace),
      required("name", props.name, "string", "'payments-api'"),
      required("clientId", props.clientId, "string", "identity.clientId"),
      optionalOfKind("tenantId", props.tenantId, "string", "'<tenant GUID>'"),
    );
    const ns = resolveNamespace(props.namespace);
    throwIfInvalid(
      this,
      rules.dns1123Label("namespace", ns.name),
      rules.dns1123Label("name", props.name),
      guid("clientId", props.clientId),
      guid("tenantId", props.tenantId),
      rules.labels("labels", props.labels),
    );
    this.serviceAccountName = props.name;
    this.namespaceName = ns.name;
    this.federatedSubject = WorkloadServiceAccount.federatedSubject(ns.name, props.name);
    const annotations: Record<string, string> = { [WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION]: props.clientId };
    if (props.tenantId !== undefined) annotations[WORKLOAD_IDENTITY_TENANT_ID_ANNOTATION] = props.tenantId;
    this.resource = new ServiceAccountV1(this, "Resource", {
      metadata: { name: props.name, namespace: ns.name, annotations, labels: props.labels ? { ...props.labels } : undefined },
      automountServiceAccountToken: props.automountServiceAccountToken ?? false,
      dependsOn: ns.dependsOn,
    });
  }
}
