import type { Deployer } from "../deploy/deployer";
import { Construct, type TerraformStack } from "../private/cdktf";
import type { KubernetesCluster } from "../private/azurerm";
import { describe, guid, optionalOfKind, required, throwIfInvalid, type Verdict } from "../private/validate";
import { namespaceName } from "../kubernetes/validate";
import { ValidationError } from "../errors";
import { idFromName } from "./construct-ids";
import { EntraKubernetesProvider, KubeloginLogin, clusterEndpoint } from "../kubernetes/cluster-access";
import { SecureNamespace, type SecureNamespaceProps } from "../kubernetes/secure-namespace";
import { DeveloperReadOnlyRole } from "../kubernetes/developer-read-only-role";
import { WorkloadServiceAccount } from "../kubernetes/workload-service-account";
import type { WorkloadIdentity } from "../identity/workload-identity";

/** Construct ids the baseline gives its own parts, by the prop that creates them. */
const FIXED_IDS: Readonly<Record<string, string>> = { Kubernetes: "the Kubernetes provider", Developers: "the developers' read-only role (developers)" };

/**
 * What the baseline needs from a platform: a `HardenedPlatform`, in the same app (another
 * stack's values arrive as cdktf cross-stack references) or shaped by hand.
 */
export interface BaselinePlatform {
  /** The cluster whose API server the baseline writes to. */
  readonly cluster: {
    /** The `azurerm_kubernetes_cluster`, whose API server address and CA the Kubernetes provider reads. */
    readonly resource: KubernetesCluster;
  };
  /** Entra ID tenant of the cluster. */
  readonly tenantId: string;
  /** The applications' workload identities, by key: each gets its service account. */
  readonly workloads: Readonly<Record<string, WorkloadIdentity>>;
  /** Where the platform's Terraform runs from. */
  readonly deployer: Deployer;
}

/** One namespace of the baseline: a `SecureNamespace`'s props without its name (the key is the name). */
export type BaselineNamespace = Omit<SecureNamespaceProps, "name">;

/** Who gets the read-only developer role. */
export interface BaselineDevelopers {
  /** Object ids of the developers' Entra groups. */
  readonly groupObjectIds: readonly string[];
  /**
   * Names of the baseline's namespaces the role is bound in.
   *
   * @default - every namespace of the baseline
   */
  readonly namespaces?: readonly string[];
}

/** Props of {@link PlatformBaseline}. */
export interface PlatformBaselineProps {
  /** The platform the baseline belongs to. */
  readonly platform: BaselinePlatform;
  /**
   * How Terraform logs in to the cluster with Entra ID.
   *
   * @default KubeloginLogin.managedIdentity() - a runner in the network whose managed identity is in an admin group
   */
  readonly login?: KubeloginLogin;
  /**
   * The teams' namespaces, by name: each locked down (restricted pod security, default-deny
   * network policies, limits and quota) with its teams' bindings. A name's construct id must
   * not be one of the baseline's own (`kubernetes` is the provider's; `developers` is the
   * developer role's when `developers` is set).
   */
  readonly namespaces: Readonly<Record<string, BaselineNamespace>>;
  /**
   * Where this stack's Terraform runs from: it must reach the private API server (the
   * line-of-sight check at synthesis says so when it cannot).
   *
   * @default - the platform's deployer
   */
  readonly deployer?: Deployer;
  /**
   * The read-only developer role and who gets it.
   *
   * @default - no developer role
   */
  readonly developers?: BaselineDevelopers;
}

/**
 * What every cluster of the platform has inside before any application: the Entra ID
 * Kubernetes provider, the teams' locked-down namespaces and their bindings, a service
 * account for each of the platform's workload identities (in its namespace), and the
 * developers' read-only role. Nothing here is an Azure resource: put it in its own stack,
 * deployed after the platform's, from where the private API server is reachable.
 *
 * One baseline per stack: it takes the id `Default`, which cdktf leaves out of Terraform
 * addresses (see `HardenedPlatform`). Construct ids come from names: namespace `orders` is
 * `Orders`, service account `orders-api` is `OrdersApiAccount`.
 */
export class PlatformBaseline extends Construct {
  /** The Kubernetes provider. */
  public readonly provider: EntraKubernetesProvider;
  /** The namespaces, by name. */
  public readonly namespaces: Readonly<Record<string, SecureNamespace>>;
  /** The workloads' service accounts, by the platform's workload key. */
  public readonly serviceAccounts: Readonly<Record<string, WorkloadServiceAccount>>;
  /** The developers' read-only role, when asked for. */
  public readonly developerRole?: DeveloperReadOnlyRole;

  /**
   * @param stack the stack the baseline fills (one baseline per stack)
   */
  constructor(stack: TerraformStack, props: PlatformBaselineProps) {
    if (stack.node.tryFindChild("Default")) {
      throw new ValidationError(
        `PlatformBaseline: stack '${stack.node.id}' already has a child with id 'Default' (a platform or another baseline). Give the baseline its own stack, e.g. env.stack("baseline").`,
        stack,
      );
    }
    super(stack, "Default");
    // What a JavaScript caller may leave out or mistype, before anything below reads it.
    throwIfInvalid(this, required("props", props, "object", "{ platform, namespaces: { orders: {} } }"));
    throwIfInvalid(this, required("platform", props.platform, "object", "the HardenedPlatform"));
    const { platform } = props;
    throwIfInvalid(
      this,
      required("platform.cluster", platform.cluster, "object", "the platform's HardenedCluster"),
      platform.cluster === undefined || platform.cluster === null
        ? undefined
        : required("platform.cluster.resource", platform.cluster.resource, "object", "the cluster's azurerm_kubernetes_cluster"),
      required("platform.tenantId", platform.tenantId, "string", "'<tenant GUID>'"),
      required("platform.workloads", platform.workloads, "object", "{} or the platform's workload identities"),
      props.deployer === undefined ? hasDeclare("platform.deployer", platform.deployer) : hasDeclare("deployer", props.deployer),
      required("namespaces", props.namespaces, "object", "{ orders: {} }"),
      optionalOfKind("developers", props.developers, "object", "{ groupObjectIds: ['<Entra group object id>'] }"),
      props.developers === undefined || props.developers === null
        ? undefined
        : required("developers.groupObjectIds", props.developers.groupObjectIds, "array", "['<Entra group object id>']"),
    );
    throwIfInvalid(
      this,
      ...Object.entries(props.namespaces).map(([name, namespace]) => required(`namespaces['${name}']`, namespace, "object", "{} for the defaults")),
      ...Object.keys(props.namespaces).map((name) => namespaceName(`namespaces key '${name}'`, name)),
    );
    this.rejectIdClashes(Object.keys(props.namespaces), props.developers !== undefined);
    (props.deployer ?? platform.deployer).declare(stack);
    this.provider = new EntraKubernetesProvider(this, "Kubernetes", {
      ...clusterEndpoint(platform.cluster),
      login: props.login ?? KubeloginLogin.managedIdentity(),
      tenantId: platform.tenantId,
    });

    const namespaces: Record<string, SecureNamespace> = {};
    for (const [name, namespace] of Object.entries(props.namespaces)) {
      namespaces[name] = new SecureNamespace(this, idFromName(name), { ...namespace, name });
    }
    this.namespaces = namespaces;

    const accounts: Record<string, WorkloadServiceAccount> = {};
    for (const [key, identity] of Object.entries(platform.workloads)) {
      const namespace = namespaces[identity.namespace];
      if (!namespace) {
        throw new ValidationError(
          `namespaces has no '${identity.namespace}', the namespace of the platform's workload '${key}' (service account '${identity.serviceAccountName}'). Add namespaces['${identity.namespace}'] so its service account is created there.`,
          this,
        );
      }
      const accountId = `${idFromName(identity.serviceAccountName)}Account`;
      if (this.node.tryFindChild(accountId)) {
        throw new ValidationError(
          `workload '${key}': its service account '${identity.serviceAccountName}' would take the construct id '${accountId}', which another workload's service account (or a namespace) already has in this baseline; construct ids come from names. Give the service account a name no other workload or namespace of the platform uses.`,
          this,
        );
      }
      accounts[key] = WorkloadServiceAccount.forIdentity(this, accountId, identity, { namespace });
    }
    this.serviceAccounts = accounts;

    if (props.developers) {
      const names = props.developers.namespaces ?? Object.keys(namespaces);
      throwIfInvalid(this, required("developers.namespaces", names, "array", "['orders']"));
      throwIfInvalid(this, ...props.developers.groupObjectIds.map((id, i) => guid(`developers.groupObjectIds[${i}]`, id)));
      const bound = names.map((name) => {
        const namespace = namespaces[name];
        if (!namespace) {
          throw new ValidationError(
            `developers.namespaces names '${name}', which is not one of the baseline's namespaces (${Object.keys(namespaces).join(", ") || "none"}). Add it to namespaces or remove it here.`,
            this,
          );
        }
        return namespace;
      });
      this.developerRole = new DeveloperReadOnlyRole(this, "Developers", { groupObjectIds: props.developers.groupObjectIds, namespaces: bound });
    }
  }

  /**
   * Namespace names whose construct ids would clash with the baseline's own parts or with
   * each other: cdktf would fail on the duplicate id without saying which name caused it.
   */
  private rejectIdClashes(names: readonly string[], withDevelopers: boolean): void {
    const taken = new Map<string, string>();
    for (const name of names) {
      const id = idFromName(name);
      const fixed = FIXED_IDS[id];
      if (fixed !== undefined && (id !== "Developers" || withDevelopers)) {
        throw new ValidationError(
          `namespaces key '${name}' would take the construct id '${id}', which the baseline uses for ${fixed} (construct ids come from names). Name the namespace for its team or application instead, e.g. '${name}-apps'.`,
          this,
        );
      }
      const twin = taken.get(id);
      if (twin !== undefined) {
        throw new ValidationError(
          `namespaces keys '${twin}' and '${name}' would both take the construct id '${id}' (construct ids come from names, without punctuation). Rename one of them.`,
          this,
        );
      }
      taken.set(id, name);
    }
  }
}

/** A deployer is given: something that can declare where a stack's Terraform runs. */
function hasDeclare(prop: string, value: unknown): Verdict {
  if (typeof value === "object" && value !== null && typeof (value as { declare?: unknown }).declare === "function") return undefined;
  return `${prop} is required and must be a Deployer, e.g. Deployer.runnerInNetwork(...); got ${describe(value)}.`;
}
