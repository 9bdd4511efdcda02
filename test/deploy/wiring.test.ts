// Missing wiring on Terraform JSON fixtures and on platform stacks wired by hand: each case
// missing exactly one wire fails, the fully wired platform passes.
import { Testing, TerraformStack } from "cdktf";
import { type JsonObject } from "hardened-aks";
import { missingWiring } from "../../lib/private/deploy/wiring";
import { platformStack } from "../compliance/compliance-helpers";

const RG = "rg-app";

function network(name: string) {
  return { name, resource_group_name: RG };
}

function subnet(vnet: string) {
  return { virtual_network_name: `\${azurerm_virtual_network.${vnet}.name}`, resource_group_name: RG };
}

/** A cluster in the spoke with its gateway for AGIC, optionally in another VNet. */
function ingressStack(gatewayVnet: "spoke" | "other", peerings: Record<string, JsonObject> = {}): JsonObject {
  return {
    resource: {
      azurerm_virtual_network: { spoke: network("vnet-spoke"), other: network("vnet-other") },
      azurerm_subnet: { nodes: subnet("spoke"), agw: subnet(gatewayVnet) },
      azurerm_application_gateway: { agw: { gateway_ip_configuration: [{ name: "gw", subnet_id: "${azurerm_subnet.agw.id}" }] } },
      azurerm_kubernetes_cluster: {
        aks: { default_node_pool: { vnet_subnet_id: "${azurerm_subnet.nodes.id}" }, ingress_application_gateway: { gateway_id: "${azurerm_application_gateway.agw.id}" } },
      },
      azurerm_virtual_network_peering: peerings,
    },
  };
}

const peer = (from: string, to: string) => ({ virtual_network_name: `\${azurerm_virtual_network.${from}.name}`, resource_group_name: RG, remote_virtual_network_id: `\${azurerm_virtual_network.${to}.id}` });

describe("an ingress gateway outside the cluster's network", () => {
  test("in the cluster's VNet: nothing missing", () => {
    expect(missingWiring(ingressStack("spoke"))).toEqual([]);
  });

  test("in another VNet, not peered: names the gateway and the fix", () => {
    expect(missingWiring(ingressStack("other"))).toEqual([
      {
        constructPath: "azurerm_application_gateway.agw",
        address: "azurerm_application_gateway.agw",
        missing:
          "its subnet is in vnet-other in resource group rg-app, which is neither the VNet of azurerm_kubernetes_cluster.aks's node subnets (vnet-spoke in resource group rg-app) nor peered with it both ways: the ingress controller could not send traffic to the pods",
        fix: "new WafIngress(..., { subnetId: network.applicationGatewaySubnetId }) with the cluster's network",
      },
    ]);
  });

  test("in a VNet peered both ways: nothing missing; one way only is not enough", () => {
    expect(missingWiring(ingressStack("other", { a: peer("other", "spoke"), b: peer("spoke", "other") }))).toEqual([]);
    expect(missingWiring(ingressStack("other", { a: peer("other", "spoke") }))).toHaveLength(1);
  });
});

describe("keys and the deployer's key administration", () => {
  const keyStack = (keyDependsOn: string[] | undefined, principal = "${data.azurerm_client_config.Deployer.object_id}"): JsonObject => ({
    data: { azurerm_client_config: { Deployer: {} } },
    resource: {
      azurerm_key_vault: { kv: { name: "kv" } },
      azurerm_role_assignment: { admin: { scope: "${azurerm_key_vault.kv.id}", role_definition_name: "Key Vault Crypto Officer", principal_id: principal } },
      time_sleep: { wait: { create_duration: "60s", depends_on: ["azurerm_role_assignment.admin"] } },
      azurerm_key_vault_key: { etcd: { key_vault_id: "${azurerm_key_vault.kv.id}", depends_on: keyDependsOn } },
    },
  });
  const current = { kind: "client-config" } as const;

  test("a key that waits for the deployer's assignment, directly or through a wait for propagation, passes", () => {
    expect(missingWiring(keyStack(["azurerm_role_assignment.admin"]), current)).toEqual([]);
    expect(missingWiring(keyStack(["time_sleep.wait"]), current)).toEqual([]);
  });

  test("a key that does not wait for it fails: Terraform may create the key first", () => {
    expect(missingWiring(keyStack(undefined), current)).toEqual([
      expect.objectContaining({ address: "azurerm_key_vault_key.etcd", missing: expect.stringMatching(/^the key does not depend on the deployer's key administration \(azurerm_role_assignment\.admin\)/) }),
    ]);
  });

  test("an assignment to someone else is not the deployer's", () => {
    const problems = missingWiring(keyStack(["azurerm_role_assignment.admin"], "77777777-7777-7777-7777-777777777777"), current);
    expect(problems).toEqual([expect.objectContaining({ fix: "vault.grantKeyAdministration(deployer.principal)" })]);
    expect(missingWiring(keyStack(["azurerm_role_assignment.admin"], "77777777-7777-7777-7777-777777777777"), { kind: "literal", objectId: "77777777-7777-7777-7777-777777777777" })).toEqual([]);
  });
});

describe("the library's platform, wired by hand", () => {
  test("fully wired, it synthesizes with every check on", () => {
    const { stack } = platformStack();
    expect(() => Testing.synth(stack as TerraformStack, true)).not.toThrow();
  });

  test("an ingress gateway in a subnet of another network fails, naming the gateway", () => {
    const other = "/subscriptions/s/resourceGroups/rg-other/providers/Microsoft.Network/virtualNetworks/vnet-other/subnets/snet-agw";
    const { stack } = platformStack({ ingress: { subnetId: other } });
    expect(() => Testing.synth(stack, true)).toThrow(/test\/Ingress\/Resource \(azurerm_application_gateway\.[^)]+\): its subnet is in vnet-other in resource group rg-other/);
  });
});

describe("KMS with a vault open to selected networks and IP addresses", () => {
  // Microsoft's KMS article: Key Vault "can't be configured with the firewall option Allow
  // public access from specific virtual networks and IP addresses".
  const kmsStack = (vault: JsonObject, keyRef = "${azurerm_key_vault_key.etcd.id}"): JsonObject => ({
    data: {
      azurerm_key_vault_key: {
        latest: { name: "etcd", key_vault_id: "${azurerm_key_vault.kv.id}" },
        // As EncryptionKey writes it: through the key's own attributes, so Terraform defers the read.
        latestOfKey: { name: "${azurerm_key_vault_key.etcd.name}", key_vault_id: "${azurerm_key_vault_key.etcd.key_vault_id}" },
      },
    },
    resource: {
      azurerm_key_vault: { kv: vault },
      azurerm_key_vault_key: { etcd: { key_vault_id: "${azurerm_key_vault.kv.id}" } },
      azurerm_kubernetes_cluster: { aks: { key_management_service: { key_vault_key_id: keyRef, key_vault_network_access: "Private" } } },
    },
  });

  test("a private vault passes; one open to a deployer's ranges fails, also through the key's data source", () => {
    expect(missingWiring(kmsStack({ public_network_access_enabled: false, network_acls: { default_action: "Deny" } }))).toEqual([]);
    const open = { public_network_access_enabled: true, network_acls: { default_action: "Deny", ip_rules: ["203.0.113.7"] } };
    for (const ref of ["${azurerm_key_vault_key.etcd.id}", "${data.azurerm_key_vault_key.latest.id}", "${data.azurerm_key_vault_key.latestOfKey.id}"]) {
      expect(missingWiring(kmsStack(open, ref))).toEqual([
        expect.objectContaining({ address: "azurerm_kubernetes_cluster.aks", missing: expect.stringMatching(/AKS does not support KMS with a vault in that mode/), fix: expect.stringMatching(/Deployer\.runnerInNetwork/) }),
      ]);
    }
  });
});
