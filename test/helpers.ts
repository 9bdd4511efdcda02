import * as fs from "node:fs";
import * as path from "node:path";
import { Testing, TerraformStack, type App } from "cdktf";
import type { Construct } from "constructs";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import {
  ClusterEgress,
  ClusterEncryption,
  ClusterNetwork,
  EntraKubernetesProvider,
  HardenedCluster,
  SecretsVault,
  type HardenedClusterProps,
  type SecretsVaultProps,
} from "hardened-aks";

/** Ids a test cluster uses: valid GUIDs that mean nothing. */
export const TENANT_ID = "00000000-0000-0000-0000-000000000000";
export const ADMIN_GROUP_ID = "11111111-1111-1111-1111-111111111111";
export const PLACEMENT = { resourceGroupName: "rg-test", location: "westeurope" };

/** A synthesized stack, parsed. */
export interface Synthesized {
  readonly resource: Record<string, Record<string, Record<string, any>>>;
  readonly [key: string]: any;
}

/** A stack with the azurerm provider to build constructs in, inside a test app. */
export function testStack(): TerraformStack {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  return stack;
}

/** Synthesizes a stack with validations on and returns the parsed JSON. */
export function synth(stack: TerraformStack): Synthesized {
  return JSON.parse(Testing.synth(stack, true));
}

/** All resources of one type, as a list. */
export function resources(json: Synthesized, type: string): Record<string, any>[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The only resource of a type; fails the test when there are none or several. */
export function only(json: Synthesized, type: string): Record<string, any> {
  const found = resources(json, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0];
}

/** A network in the test stack. */
export function testNetwork(scope: Construct, addressSpace = "10.240.0.0/16"): ClusterNetwork {
  return new ClusterNetwork(scope, "Network", { ...PLACEMENT, name: "vnet-test", addressSpace });
}

/**
 * A cluster with only the required props (plus one user pool), and overrides. Egress and
 * encryption are the opt-outs (load balancer, platform keys) unless a test passes its own:
 * most tests are about the cluster, not the firewall or the vault.
 */
export function testCluster(scope: Construct, overrides: Partial<HardenedClusterProps> = {}): HardenedCluster {
  new ResourceGroup(scope, "Group", { name: PLACEMENT.resourceGroupName, location: PLACEMENT.location });
  return new HardenedCluster(scope, "Cluster", {
    ...PLACEMENT,
    name: "aks-test",
    tenantId: TENANT_ID,
    adminGroupObjectIds: [ADMIN_GROUP_ID],
    network: overrides.network ?? testNetwork(scope),
    egress: ClusterEgress.loadBalancerUnrestricted(),
    encryption: ClusterEncryption.platformManagedKeys(),
    userPools: { apps: { vmSize: "Standard_D4ds_v5" } },
    ...overrides,
  });
}

/** Resource id of the Log Analytics workspace tests send logs to. */
export const WORKSPACE_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log";

/** The Terraform reference to a resource's attribute, e.g. `${azurerm_firewall.Firewall_1234.id}`. */
export function ref(json: Synthesized, type: string, attribute = "id"): string {
  const ids = Object.keys(json.resource?.[type] ?? {});
  if (ids.length !== 1) throw new Error(`expected exactly one ${type}, found ${ids.length}`);
  return `\${${type}.${ids[0]}.${attribute}}`;
}

/** A literal API server URL and CA for in-cluster tests (no real cluster behind them). */
export const TEST_API_SERVER = {
  host: "https://aks-test-1a2b3c.privatelink.westeurope.azmk8s.io:443",
  clusterCaCertificateBase64: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
};

/** A stack with the Kubernetes provider (Entra ID through kubelogin) for in-cluster constructs. */
export function kubernetesTestStack(): TerraformStack {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, "baseline");
  new EntraKubernetesProvider(stack, "Kubernetes", TEST_API_SERVER);
  return stack;
}

/** The resources of one type whose `metadata.namespace` is the given namespace. */
export function inNamespace(json: Synthesized, type: string, namespace: string): Record<string, any>[] {
  return resources(json, type).filter((r) => r.metadata?.namespace === namespace);
}

/** Ids a test vault uses: a subnet and a network that exist only as strings. */
export const ENDPOINTS_SUBNET_ID = "/subscriptions/s/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet-test/subnets/snet-endpoints";
export const VNET_ID = "/subscriptions/s/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet-test";

/** A vault with only the required props, and overrides. */
export function testVault(scope: Construct, overrides: Partial<SecretsVaultProps> = {}, id = "Vault"): SecretsVault {
  return new SecretsVault(scope, id, {
    ...PLACEMENT,
    name: "kv-aks-test",
    tenantId: TENANT_ID,
    privateEndpointSubnetId: ENDPOINTS_SUBNET_ID,
    virtualNetworkIds: [VNET_ID],
    ...overrides,
  });
}

/**
 * Synthesizes a whole app the way `cdktf synth` does (cross-stack references, validations,
 * compliance reports) into its output directory, and returns each stack's files by name.
 */
export function synthApp(app: App): Record<string, { json: Synthesized; text: string; dir: string }> {
  app.synth();
  const stacksDir = path.join(app.outdir, "stacks");
  const result: Record<string, { json: Synthesized; text: string; dir: string }> = {};
  for (const name of fs.readdirSync(stacksDir).sort()) {
    const dir = path.join(stacksDir, name);
    const text = fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8");
    result[name] = { json: JSON.parse(text), text, dir };
  }
  return result;
}

/** Readiness and liveness probes for a RestrictedDeployment (K8S-8) in tests about something else. */
export const PROBES = { readinessProbe: { path: "/ready", port: 8080 }, livenessProbe: { path: "/healthz", port: 8080 } } as const;
