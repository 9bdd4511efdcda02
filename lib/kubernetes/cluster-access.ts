import { Construct, Fn } from "../private/cdktf";
import { KubernetesProvider } from "../private/kubernetes";
import type { KubernetesCluster } from "../private/azurerm";
import { describe, guid, isToken, matches, optionalOfKind, required, throwIfInvalid, type Verdict } from "../private/validate";

/**
 * The application id of the AKS Microsoft Entra server application: the audience of every
 * token for an Entra-enabled AKS cluster, the same in every tenant (kubelogin's
 * `--server-id`).
 *
 * @see https://azure.github.io/kubelogin/concepts/aks.html
 */
export const AKS_ENTRA_SERVER_APPLICATION_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

/** The client authentication API version kubelogin speaks. */
export const EXEC_CREDENTIAL_API_VERSION = "client.authentication.k8s.io/v1beta1";

/**
 * How kubelogin signs in to Microsoft Entra ID to get a token for the cluster. Secrets are
 * never part of it: the service principal's secret comes from the runner's environment.
 *
 * @see https://azure.github.io/kubelogin/concepts/login-modes.html
 */
export class KubeloginLogin {
  /**
   * The Azure CLI's signed-in account (`az login` on the runner or a workstation). Also
   * what the AzureCLI task of Azure Pipelines and `azure/login` on GitHub leave behind.
   */
  public static azureCli(): KubeloginLogin {
    return new KubeloginLogin("azurecli", []);
  }

  /**
   * A service principal whose credentials are in the runner's environment:
   * `AAD_SERVICE_PRINCIPAL_CLIENT_ID` and `AAD_SERVICE_PRINCIPAL_CLIENT_SECRET` (or
   * `AZURE_CLIENT_ID` / `AZURE_CLIENT_SECRET`, or a certificate). With
   * `useAzurermEnvironment`, kubelogin reads the azurerm provider's `ARM_CLIENT_ID`,
   * `ARM_CLIENT_SECRET` and `ARM_TENANT_ID` instead, so one set of variables serves both
   * providers. Give the tenant with `tenantId` or `AZURE_TENANT_ID`.
   */
  public static servicePrincipal(options: { readonly useAzurermEnvironment?: boolean } = {}): KubeloginLogin {
    return new KubeloginLogin("spn", options.useAzurermEnvironment ? ["--use-azurerm-env-vars"] : []);
  }

  /**
   * The managed identity of the machine the deployment runs on (a self-hosted agent or a
   * jump host in the VNet). Pass the client id when it has several user-assigned ones.
   */
  public static managedIdentity(options: { readonly clientId?: string } = {}): KubeloginLogin {
    return new KubeloginLogin("msi", options.clientId !== undefined ? ["--client-id", options.clientId] : [], options.clientId);
  }

  /**
   * Workload identity federation: `AZURE_CLIENT_ID`, `AZURE_TENANT_ID`,
   * `AZURE_FEDERATED_TOKEN_FILE` and `AZURE_AUTHORITY_HOST` in the runner's environment
   * (a runner pod with workload identity, or a CI system's OIDC token written to a file).
   */
  public static workloadIdentity(): KubeloginLogin {
    return new KubeloginLogin("workloadidentity", []);
  }

  private constructor(
    /** kubelogin's `--login` value. */
    public readonly mode: "azurecli" | "spn" | "msi" | "workloadidentity",
    /** Extra arguments for this mode. */
    public readonly extraArgs: readonly string[],
    /** The managed identity's client id (msi), when given. */
    public readonly clientId?: string,
  ) {}
}

/** Props of `EntraKubernetesProvider`. */
export interface EntraKubernetesProviderProps {
  /**
   * The API server URL, e.g. `https://aks-prod-xxxx.privatelink.westeurope.azmk8s.io:443`:
   * `kube_config[0].host` of the cluster. `clusterEndpoint(cluster)` gives it.
   */
  readonly host: string;
  /**
   * The cluster's CA certificate, base64-encoded PEM as the cluster reports it
   * (`kube_config[0].cluster_ca_certificate`). The provider decodes it.
   */
  readonly clusterCaCertificateBase64: string;
  /**
   * How kubelogin signs in.
   *
   * @default KubeloginLogin.azureCli()
   */
  readonly login?: KubeloginLogin;
  /**
   * The Entra tenant to sign in to (`--tenant-id`).
   *
   * @default - kubelogin's own default for the mode (the CLI's tenant, or `AZURE_TENANT_ID`)
   */
  readonly tenantId?: string;
  /**
   * The Azure cloud (`--environment`), e.g. `AzureUSGovernmentCloud`.
   *
   * @default - kubelogin's default, `AzurePublicCloud`
   */
  readonly environment?: string;
  /**
   * The kubelogin executable.
   *
   * @default "kubelogin" (on the runner's PATH)
   */
  readonly kubeloginCommand?: string;
  /**
   * The provider alias, when one stack talks to several clusters.
   *
   * @default - the default kubernetes provider of the stack
   */
  readonly alias?: string;
}

/**
 * The Kubernetes provider for an AKS cluster with Entra ID and no local accounts (IAM-1,
 * IAM-2): there is no admin kubeconfig, so the provider gets a token from kubelogin through
 * an exec plugin, for the user, service principal or identity the deployment runs as.
 * Authorization is then the cluster's own (Azure RBAC or Kubernetes RBAC).
 *
 * A private API server is reachable only from its network: deploy the stack that holds
 * this provider from a runner with line of sight (a self-hosted agent in the VNet, a jump
 * host, or a peered network), in its own stack, never in the Azure stack.
 */
export class EntraKubernetesProvider extends Construct {
  /** The `kubernetes` provider (escape hatch). */
  public readonly resource: KubernetesProvider;
  /** The kubelogin arguments the provider runs. */
  public readonly execArgs: readonly string[];

  constructor(scope: Construct, id: string, props: EntraKubernetesProviderProps) {
    super(scope, id);
    // What a JavaScript caller may leave out or mistype, before anything below reads it.
    throwIfInvalid(this, required("props", props, "object", "{ ...clusterEndpoint(cluster), login: KubeloginLogin.managedIdentity() }"));
    throwIfInvalid(
      this,
      required("host", props.host, "string", "clusterEndpoint(cluster).host"),
      required("clusterCaCertificateBase64", props.clusterCaCertificateBase64, "string", "clusterEndpoint(cluster).clusterCaCertificateBase64"),
      props.login === undefined || props.login instanceof KubeloginLogin
        ? undefined
        : `login must be a KubeloginLogin, e.g. KubeloginLogin.managedIdentity(); got ${describe(props.login)}.`,
      optionalOfKind("tenantId", props.tenantId, "string", "'<tenant GUID>'"),
    );
    const login = props.login ?? KubeloginLogin.azureCli();
    throwIfInvalid(
      this,
      host("host", props.host),
      guid("tenantId", props.tenantId),
      guid("login clientId", login.clientId),
      matches("environment", props.environment, /^[A-Za-z]+$/, "an Azure environment name such as 'AzurePublicCloud' or 'AzureUSGovernmentCloud'"),
    );
    const args = ["get-token", "--login", login.mode, "--server-id", AKS_ENTRA_SERVER_APPLICATION_ID, ...login.extraArgs];
    if (props.tenantId !== undefined) args.push("--tenant-id", props.tenantId);
    if (props.environment !== undefined) args.push("--environment", props.environment);
    this.execArgs = args;

    this.resource = new KubernetesProvider(this, "Resource", {
      alias: props.alias,
      host: props.host,
      clusterCaCertificate: Fn.base64decode(props.clusterCaCertificateBase64),
      exec: [{ apiVersion: EXEC_CREDENTIAL_API_VERSION, command: props.kubeloginCommand ?? "kubelogin", args }],
    });
  }
}

/** What the Kubernetes provider needs to reach a cluster: its URL and CA. */
export interface ClusterEndpoint {
  /** API server URL (`kube_config[0].host`). */
  readonly host: string;
  /** CA certificate, base64-encoded PEM (`kube_config[0].cluster_ca_certificate`). */
  readonly clusterCaCertificateBase64: string;
}

/**
 * The API server URL and CA of a cluster, referenced field by field from its non-admin
 * `kube_config` (with local accounts disabled it carries no usable credentials, only
 * these). From another stack, cdktf turns each into a cross-stack reference: an output of
 * the cluster stack (always marked sensitive) read through remote state; nothing else of
 * the kubeconfig leaves the cluster stack.
 */
export function clusterEndpoint(cluster: { readonly resource: KubernetesCluster }): ClusterEndpoint {
  const config = cluster.resource.kubeConfig.get(0);
  return { host: config.host, clusterCaCertificateBase64: config.clusterCaCertificate };
}

function host(prop: string, value: string): Verdict {
  if (isToken(value)) return undefined;
  return /^https:\/\/[^\s/]+(?::\d+)?\/?$/.test(value)
    ? undefined
    : `${prop} must be the API server's https URL, e.g. 'https://aks-prod-1a2b3c.privatelink.westeurope.azmk8s.io:443'; got '${value}'.`;
}
