import { AzurermBackend, Testing, TerraformStack, type App } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import {
  ClusterEgress,
  ClusterEncryption,
  ClusterMonitoring,
  Compliance,
  Deployer,
  DeployerPrincipal,
  DeveloperReadOnlyRole,
  EgressAllow,
  EgressFirewall,
  EgressRoute,
  EntraKubernetesProvider,
  KeyVaultSecretProviderClass,
  KubeloginLogin,
  ManagedPrometheus,
  PrivateRegistry,
  RestrictedDeployment,
  SecureNamespace,
  WafIngress,
  WorkloadIdentity,
  WorkloadServiceAccount,
  clusterEndpoint,
  evaluateTerraform,
  type ClusterNetwork,
  type ComplianceReport,
  type EgressFirewallProps,
  type HardenedCluster,
  type HardenedClusterProps,
  type JsonObject,
  type KeyVaultSecretProviderClassProps,
  type ManagedPrometheusProps,
  type PrivateRegistryProps,
  type RestrictedDeploymentProps,
  type RuleResult,
  type SecretsVault,
  type SecretsVaultProps,
  type SecureNamespaceProps,
  type WafIngressProps,
} from "hardened-aks";
import { violationMessages } from "../../lib/compliance/evaluate";
import { ENDPOINTS_SUBNET_ID, PLACEMENT, TENANT_ID, kubernetesTestStack, testCluster, testNetwork, testVault } from "../helpers";

/** Entra ids the test platform uses: valid GUIDs that mean nothing. */
export const DEPLOYER_OBJECT_ID = "44444444-4444-4444-4444-444444444444";
export const ORDERS_TEAM_GROUP_ID = "22222222-2222-2222-2222-222222222222";
export const DEVELOPERS_GROUP_ID = "33333333-3333-3333-3333-333333333333";
export const ORDERS_CLIENT_ID = "55555555-5555-5555-5555-555555555555";
/** The VNet the test platform's deployment runner is in. */
export const RUNNER_VNET_ID = "/subscriptions/s/resourceGroups/rg-runners/providers/Microsoft.Network/virtualNetworks/vnet-runners";

/** Where test platforms deploy from: a runner in its own VNet, as the test deployer. */
export function testDeployer(): Deployer {
  return Deployer.runnerInNetwork({ virtualNetworkId: RUNNER_VNET_ID, principal: DeployerPrincipal.servicePrincipal(DEPLOYER_OBJECT_ID) });
}

/** Remote state for a test stack: an azurerm backend with Entra ID authentication. */
export function remoteState(stack: TerraformStack): AzurermBackend {
  return new AzurermBackend(stack, {
    resourceGroupName: "rg-tfstate",
    storageAccountName: "sttfstatetest",
    containerName: "tfstate",
    key: `${stack.node.id}.tfstate`,
    useAzureadAuth: true,
  });
}

/** What a test platform stack is built from; each part's props can be overridden. */
export interface PlatformOptions {
  readonly cluster?: Partial<HardenedClusterProps>;
  readonly vault?: Partial<SecretsVaultProps>;
  readonly registry?: Partial<PrivateRegistryProps>;
  readonly ingress?: Partial<WafIngressProps>;
  readonly firewall?: Partial<EgressFirewallProps>;
  /** Props of the cluster's Managed Prometheus (created unless the cluster's add-on is off, as HardenedPlatform does). */
  readonly prometheus?: Partial<ManagedPrometheusProps>;
  /**
   * Whether the stack gets an azurerm backend.
   *
   * @default true
   */
  readonly remoteState?: boolean;
}

/** The parts of a test platform stack, for weakening them. */
export interface Platform {
  readonly stack: TerraformStack;
  readonly network: ClusterNetwork;
  readonly monitoring: ClusterMonitoring;
  readonly firewall: EgressFirewall;
  readonly route: EgressRoute;
  readonly ingress: WafIngress;
  readonly registry: PrivateRegistry;
  readonly vault: SecretsVault;
  readonly cluster: HardenedCluster;
  readonly identity: WorkloadIdentity;
  readonly deployer: Deployer;
}

/**
 * The Azure side of a platform with the library's defaults and only the required props, in
 * a stack: network, firewall egress, WAF ingress, private registry, vault with the
 * cluster's keys, cluster, and a workload identity. Passes every Azure rule unacknowledged.
 */
export function buildPlatform(stack: TerraformStack, options: PlatformOptions = {}): Platform {
  if (options.remoteState !== false) remoteState(stack);
  const monitoring = new ClusterMonitoring(stack, "Monitoring", { ...PLACEMENT, workspaceName: "log-aks-test" });
  const network = testNetwork(stack);
  const firewall = new EgressFirewall(stack, "EgressFirewall", {
    ...PLACEMENT,
    name: "afw-aks-test",
    hubAddressSpace: "10.200.0.0/24",
    sourceAddressSpaces: network.addressSpaces,
    monitoring,
    ...options.firewall,
  });
  firewall.peerWith(network);
  const route = new EgressRoute(stack, "EgressRoute", {
    ...PLACEMENT,
    name: "rt-aks-test-egress",
    firewallPrivateIp: firewall.privateIpAddress,
    subnetIds: [network.systemNodesSubnetId, network.userNodesSubnetId],
  });
  const ingress = new WafIngress(stack, "Ingress", { ...PLACEMENT, name: "agw-aks-test", subnetId: network.applicationGatewaySubnetId, monitoring, ...options.ingress });
  const registry = new PrivateRegistry(stack, "Registry", {
    ...PLACEMENT,
    name: "craksplatformtest",
    privateEndpointSubnetId: network.privateEndpointsSubnetId,
    virtualNetworkIds: [network.virtualNetworkId],
    ...options.registry,
  });
  const vault = testVault(stack, {
    privateEndpointSubnetId: network.privateEndpointsSubnetId ?? ENDPOINTS_SUBNET_ID,
    virtualNetworkIds: [network.virtualNetworkId],
    ...options.vault,
  });
  const deployer = testDeployer();
  deployer.declare(stack);
  vault.grantKeyAdministration(deployer.principal);
  const cluster = testCluster(stack, {
    network,
    monitoring,
    egress: ClusterEgress.throughFirewall(route),
    ingress,
    encryption: ClusterEncryption.customerManagedKeys(vault),
    ...options.cluster,
  });
  registry.grantPull(cluster);
  if (options.cluster?.managedPrometheusEnabled !== false) {
    new ManagedPrometheus(stack, "Prometheus", { ...PLACEMENT, clusterId: cluster.clusterId, clusterName: "aks-test", ...options.prometheus });
  }
  const identity = new WorkloadIdentity(stack, "OrdersIdentity", {
    ...PLACEMENT,
    name: "id-orders-api",
    namespace: "orders",
    serviceAccountName: "orders-api",
    oidcIssuerUrl: cluster.oidcIssuerUrl,
  });
  vault.grantSecretsRead(identity, { secretNames: ["orders-db-password"] });
  const zones = [vault.privateEndpoint.dnsZone, registry.privateEndpoint.dnsZone, cluster.apiServerDnsZone].flatMap((zone) =>
    zone ? [{ zoneName: zone.name, resourceGroupName: zone.resourceGroupName }] : [],
  );
  const sight = deployer.connect(stack, "Deployer", { networks: [network], privateDnsZones: zones });
  vault.addKeyPrerequisite(...sight.peerings, ...sight.dnsZoneLinks);
  return { stack, network, monitoring, firewall, route, ingress, registry, vault, cluster, identity, deployer };
}

/** A platform stack `test` in its own test app, built with `buildPlatform`, then `weaken` applied. */
export function platformStack(options: PlatformOptions = {}, weaken: (platform: Platform) => void = () => undefined): Platform {
  const stack = new TerraformStack(Testing.app(), "test");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const platform = buildPlatform(stack, options);
  weaken(platform);
  return platform;
}

/**
 * A platform stack whose cluster has only the required props plus `props`, then `weaken`
 * applied to the cluster.
 */
export function clusterStack(
  props: Partial<HardenedClusterProps> = {},
  weaken: (cluster: HardenedCluster, stack: TerraformStack) => void = () => undefined,
): { stack: TerraformStack; cluster: HardenedCluster } {
  const { stack, cluster } = platformStack({ cluster: props }, (platform) => weaken(platform.cluster, platform.stack));
  return { stack, cluster };
}

/** What a test in-cluster stack is built from. */
export interface BaselineOptions {
  readonly namespace?: Partial<SecureNamespaceProps>;
  readonly deployment?: Partial<RestrictedDeploymentProps>;
  readonly secrets?: Partial<KeyVaultSecretProviderClassProps>;
  /** @default true */
  readonly remoteState?: boolean;
}

/** The parts of a test in-cluster stack. */
export interface Baseline {
  readonly stack: TerraformStack;
  readonly namespace: SecureNamespace;
  readonly developers: DeveloperReadOnlyRole;
  readonly serviceAccount: WorkloadServiceAccount;
  readonly secrets: KeyVaultSecretProviderClass;
  readonly deployment: RestrictedDeployment;
}

/**
 * The in-cluster side with the library's defaults, in a stack with the Kubernetes provider:
 * a locked-down namespace with internet egress on 443, the developers' read-only role, a
 * workload identity service account, a SecretProviderClass and a restricted deployment.
 */
export function buildBaseline(stack: TerraformStack, options: BaselineOptions = {}): Baseline {
  if (options.remoteState !== false) remoteState(stack);
  const namespace = new SecureNamespace(stack, "Orders", {
    name: "orders",
    allowEgressTo: [EgressAllow.internet([{ port: 443 }])],
    adminGroupObjectIds: [ORDERS_TEAM_GROUP_ID],
    ...options.namespace,
  });
  const developers = new DeveloperReadOnlyRole(stack, "Developers", { groupObjectIds: [DEVELOPERS_GROUP_ID], namespaces: [namespace] });
  const serviceAccount = new WorkloadServiceAccount(stack, "OrdersApiAccount", { namespace, name: "orders-api", clientId: ORDERS_CLIENT_ID });
  const secrets = new KeyVaultSecretProviderClass(stack, "OrdersSecrets", {
    namespace,
    name: "orders-secrets",
    keyVaultName: "kv-aks-test",
    tenantId: TENANT_ID,
    clientId: ORDERS_CLIENT_ID,
    objects: [{ name: "orders-db-password", type: "secret" }],
    ...options.secrets,
  });
  const deployment = new RestrictedDeployment(stack, "OrdersApi", {
    namespace,
    name: "orders-api",
    image: `craksplatformtest.azurecr.io/orders/api@sha256:${"0".repeat(64)}`,
    containerPort: 8080,
    readinessProbe: { path: "/ready", port: 8080 },
    livenessProbe: { path: "/healthz", port: 8080 },
    serviceAccount,
    secretProviderClass: secrets,
    ...options.deployment,
  });
  return { stack, namespace, developers, serviceAccount, secrets, deployment };
}

/** An in-cluster stack `baseline` in its own test app, then `weaken` applied. */
export function baselineStack(options: BaselineOptions = {}, weaken: (baseline: Baseline) => void = () => undefined): Baseline {
  const baseline = buildBaseline(kubernetesTestStack(), options);
  weaken(baseline);
  return baseline;
}

/**
 * Both sides in one app, the way users deploy them: `platform` (Azure) and
 * `platform-baseline` (in-cluster, reaching the cluster through cross-stack references).
 */
export function platformApp(app: App = Testing.app()): { app: App; platform: Platform; baseline: Baseline } {
  const azure = new TerraformStack(app, "platform");
  new AzurermProvider(azure, "azurerm", { features: [{}] });
  const platform = buildPlatform(azure);
  const inCluster = new TerraformStack(app, "platform-baseline");
  new EntraKubernetesProvider(inCluster, "Kubernetes", { ...clusterEndpoint(platform.cluster), login: KubeloginLogin.managedIdentity(), tenantId: TENANT_ID });
  platform.deployer.declare(inCluster);
  const baseline = buildBaseline(inCluster);
  return { app, platform, baseline };
}

/** The result of one rule in a report. */
export function ruleResult(report: ComplianceReport, id: string): RuleResult {
  const found = report.rules.find((r) => r.rule.id === id);
  if (!found) throw new Error(`no rule ${id} in the report`);
  return found;
}

/** Ids of the rules that fail, in report order. */
export function failingRules(report: ComplianceReport): string[] {
  return report.rules.filter((r) => r.status === "fail").map((r) => r.rule.id);
}

/** The violation lines of one rule, as the synth error lists them. */
export function violationsOf(report: ComplianceReport, id: string): string[] {
  return violationMessages(report).filter((line) => line.startsWith(`${id} `));
}

/** Evaluates a stack. */
export function evaluate(stack: TerraformStack): ComplianceReport {
  return Compliance.evaluate(stack);
}

/** The problems of one rule on one resource of a fixture stack. */
export function problemsOf(id: string, stack: JsonObject, address: string, production = false): readonly string[] {
  const report = evaluateTerraform(stack, { stackName: "fixture", production });
  const resource = ruleResult(report, id).resources.find((r) => r.address === address);
  if (!resource) throw new Error(`${id} did not evaluate ${address}`);
  return resource.problems;
}
