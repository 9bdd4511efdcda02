import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { DeployerPrincipal, KeyUsage, Principal, SecretsVault, ValidationError, type SecretsVaultProps } from "hardened-aks";
import { VAULT_PRIVATE_DNS_ZONE } from "../../lib/secrets/secrets-vault";
import { ENDPOINTS_SUBNET_ID, TENANT_ID, VNET_ID, only, ref, resources, synth, testStack, testVault } from "../helpers";

const VAULT = "azurerm_key_vault";
const WORKLOAD = "33333333-3333-3333-3333-333333333333";
const OTHER_WORKLOAD = "44444444-4444-4444-4444-444444444444";
const DEPLOYER = "55555555-5555-5555-5555-555555555555";

/** A vault built with the given props (on top of valid defaults) in a fresh stack. */
function vault(props: Partial<SecretsVaultProps> = {}) {
  const stack = testStack();
  return { stack, vault: testVault(stack, props) };
}

/** The role assignments of a synthesized stack, as role, scope, principal and type. */
function grants(json: ReturnType<typeof synth>) {
  return resources(json, "azurerm_role_assignment").map((r) => ({
    role: r.role_definition_name,
    scope: r.scope,
    principal: r.principal_id,
    type: r.principal_type,
  }));
}

describe("SecretsVault defaults (SEC-2, OPS-3)", () => {
  const json = synth(vault().stack);

  it("authorizes with Azure RBAC only, purge protection on, soft delete 90 days, public access off, ACL deny, protected from destroy", () => {
    expect(only(json, VAULT)).toEqual({
      name: "kv-aks-test",
      resource_group_name: "rg-test",
      location: "westeurope",
      tenant_id: TENANT_ID,
      sku_name: "premium",
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
      public_network_access_enabled: false,
      network_acls: { default_action: "Deny", bypass: "AzureServices" },
      enabled_for_deployment: false,
      enabled_for_disk_encryption: false,
      enabled_for_template_deployment: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("uses the current RBAC attribute, never the deprecated one, and no access policies", () => {
    const kv = only(json, VAULT);
    expect(kv.enable_rbac_authorization).toBeUndefined();
    expect(kv.access_policy).toBeUndefined();
    expect(resources(json, "azurerm_key_vault_access_policy")).toHaveLength(0);
  });

  it("is reached through a private endpoint on its 'vault' sub-resource, resolved by privatelink.vaultcore.azure.net", () => {
    expect(only(json, "azurerm_private_endpoint")).toMatchObject({
      name: "pe-kv-aks-test",
      subnet_id: ENDPOINTS_SUBNET_ID,
      private_service_connection: {
        private_connection_resource_id: ref(json, VAULT),
        subresource_names: ["vault"],
        is_manual_connection: false,
      },
      private_dns_zone_group: { name: "default", private_dns_zone_ids: [ref(json, "azurerm_private_dns_zone")] },
    });
    expect(only(json, "azurerm_private_dns_zone").name).toBe(VAULT_PRIVATE_DNS_ZONE);
    expect(only(json, "azurerm_private_dns_zone_virtual_network_link").virtual_network_id).toBe(VNET_ID);
  });

  it("grants nothing by itself", () => {
    expect(resources(json, "azurerm_role_assignment")).toHaveLength(0);
  });
});

describe("SecretsVault options", () => {
  it("can be standard (software keys only)", () => {
    expect(only(synth(vault({ sku: "standard" }).stack), VAULT).sku_name).toBe("standard");
  });

  it("takes a shorter soft delete retention within 7-90 days", () => {
    expect(only(synth(vault({ softDeleteRetentionDays: 7 }).stack), VAULT).soft_delete_retention_days).toBe(7);
  });

  it("turns purge protection off only with a written reason", () => {
    const { stack, vault: v } = vault({ disablePurgeProtection: { reason: "ephemeral preview environment, recreated daily" } });
    expect(only(synth(stack), VAULT).purge_protection_enabled).toBe(false);
    expect(v.purgeProtectionEnabled).toBe(false);
  });

  it("opens the public endpoint to deployerIpRanges only, still denying everything else", () => {
    const kv = only(synth(vault({ deployerIpRanges: ["203.0.113.7", "198.51.100.0/24"] }).stack), VAULT);
    expect(kv.public_network_access_enabled).toBe(true);
    expect(kv.network_acls).toEqual({ default_action: "Deny", bypass: "AzureServices", ip_rules: ["203.0.113.7", "198.51.100.0/24"] });
  });

  it("registers in a zone you own instead of creating one", () => {
    const zone = `/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/${VAULT_PRIVATE_DNS_ZONE}`;
    const json = synth(vault({ privateDnsZoneId: zone, virtualNetworkIds: [] }).stack);
    expect(resources(json, "azurerm_private_dns_zone")).toHaveLength(0);
    expect(only(json, "azurerm_private_endpoint").private_dns_zone_group.private_dns_zone_ids).toEqual([zone]);
  });
});

describe("SecretsVault.grantSecretsRead (IAM-5)", () => {
  it("grants Key Vault Secrets User on the whole vault", () => {
    const { stack, vault: v } = vault();
    const assignments = v.grantSecretsRead(Principal.servicePrincipal(WORKLOAD));
    const json = synth(stack);
    expect(assignments).toHaveLength(1);
    expect(grants(json)).toEqual([{ role: "Key Vault Secrets User", scope: ref(json, VAULT), principal: WORKLOAD, type: "ServicePrincipal" }]);
  });

  it("grants Key Vault Secrets User on single secrets only, one assignment per secret", () => {
    const { stack, vault: v } = vault();
    v.grantSecretsRead(Principal.servicePrincipal(WORKLOAD), { secretNames: ["db-password", "api-key"] });
    const json = synth(stack);
    const kv = ref(json, VAULT);
    expect(grants(json)).toHaveLength(2);
    expect(grants(json)).toEqual(
      expect.arrayContaining([
        { role: "Key Vault Secrets User", scope: `${kv}/secrets/db-password`, principal: WORKLOAD, type: "ServicePrincipal" },
        { role: "Key Vault Secrets User", scope: `${kv}/secrets/api-key`, principal: WORKLOAD, type: "ServicePrincipal" },
      ]),
    );
  });

  it("makes a grant on named secrets wait for a check, in the vault, that they exist", () => {
    // Nothing shows ARM accepts a role assignment on a secret that does not exist yet
    // (azurerm v4.55.0 role_assignment_resource.go checks only the scope's syntax).
    const { stack, vault: v } = vault();
    v.grantSecretsRead(Principal.user(WORKLOAD), { secretNames: ["db-password"] });
    const json = synth(stack);
    const [[name, check]] = Object.entries(json.data.azurerm_key_vault_secrets) as [string, Record<string, any>][];
    expect(name).toMatch(/^Vault_SecretsExist-Vault_/);
    expect(check.lifecycle.postcondition).toEqual([
      {
        condition: '${contains(self.names, "db-password")}',
        error_message: `Key Vault secret 'db-password' does not exist in the vault test/Vault: the user ${WORKLOAD} is granted Key Vault Secrets User on that secret alone, which needs the secret to exist. Store the secret first (az keyvault secret set), or grant the vault with vault.grantSecretsRead(principal) without secretNames.`,
      },
    ]);
    expect(only(json, "azurerm_role_assignment").depends_on).toEqual([`data.azurerm_key_vault_secrets.${name}`]);
  });

  it("keeps the id SecretsUser in a scope given explicitly, as before", () => {
    const { stack, vault: v } = vault();
    const scope = new Construct(stack, "Team");
    const [assignment] = v.grantSecretsRead(Principal.group(WORKLOAD), { scope });
    expect(assignment.node.scope).toBe(scope);
    expect(assignment.node.id).toBe("SecretsUser");
  });

  it("gives one assignment when the same principal is granted the same scope twice", () => {
    const { stack, vault: v } = vault();
    const [first] = v.grantSecretsRead(Principal.servicePrincipal(WORKLOAD));
    const [second] = v.grantSecretsRead(Principal.servicePrincipal(WORKLOAD));
    expect(second).toBe(first);
    expect(resources(synth(stack), "azurerm_role_assignment")).toHaveLength(1);
  });

  it("asks for a distinct id when a second principal would reuse the default id", () => {
    const { vault: v } = vault();
    v.grantSecretsRead(Principal.servicePrincipal(WORKLOAD));
    expect(() => v.grantSecretsRead(Principal.servicePrincipal(OTHER_WORKLOAD))).toThrow(/id 'SecretsUser' already exists.*Pass a distinct options\.id/);
    expect(v.grantSecretsRead(Principal.servicePrincipal(OTHER_WORKLOAD), { id: "OtherSecretsUser" })).toHaveLength(1);
  });

  it("rejects an empty list and invalid secret names", () => {
    const { vault: v } = vault();
    expect(() => v.grantSecretsRead(Principal.servicePrincipal(WORKLOAD), { secretNames: [] })).toThrow(/secretNames must not be empty; got \[\]\. Leave it out/);
    expect(() => v.grantSecretsRead(Principal.servicePrincipal(WORKLOAD), { secretNames: ["db_password"] })).toThrow(
      /secretNames\[0\] must be 1-127 letters, digits or hyphens .*; got 'db_password'/,
    );
  });
});

describe("SecretsVault.grantKeyAdministration (first apply)", () => {
  it("grants the deployer Key Vault Crypto Officer on the vault, and every key waits for it, its endpoint and DNS", () => {
    const { stack, vault: v } = vault();
    const key = v.addKey("EtcdKey", { name: "etcd", usage: KeyUsage.KUBERNETES_KMS });
    // Granted after the key was added: the key still depends on it.
    v.grantKeyAdministration(Principal.user(DEPLOYER));
    const json = synth(stack);
    expect(grants(json)).toEqual([{ role: "Key Vault Crypto Officer", scope: ref(json, VAULT), principal: DEPLOYER, type: "User" }]);
    const keyResource = only(json, "azurerm_key_vault_key");
    const dependsOn = (type: string) => Object.keys(json.resource[type]).map((k) => `${type}.${k}`);
    expect(keyResource.depends_on).toEqual(
      expect.arrayContaining([
        ...dependsOn("azurerm_role_assignment"),
        ...dependsOn("azurerm_private_endpoint"),
        ...dependsOn("azurerm_private_dns_zone_virtual_network_link"),
      ]),
    );
    // ...and the key's wait for role propagation (EncryptionKey), which waits for them too.
    expect(keyResource.depends_on).toHaveLength(4);
    expect(key.vault).toBe(v);
  });

  // ARM rejects a wrong principal_type with UnmatchedPrincipalType, which the provider never
  // retries; an omitted one is inferred (azurerm v4.55.0
  // internal/services/authorization/role_assignment_resource.go, retryRoleAssignmentsClient
  // and the Optional+Computed principal_type). So an object id alone, whose kind the library
  // would have to guess, is refused.
  it("refuses an object id without its kind", () => {
    const { vault: v } = vault();
    expect(() => v.grantKeyAdministration(DEPLOYER as any)).toThrow(
      /^grantKeyAdministration\(principal\) must be a principal with its kind, not an object id alone; got '55555555-5555-5555-5555-555555555555'\..*pass Principal\.servicePrincipal\('55555555-5555-5555-5555-555555555555'\)/,
    );
  });

  it("states no principal type for the identity Terraform runs as, and reads its object id from azurerm_client_config", () => {
    const { stack, vault: v } = vault();
    v.grantKeyAdministration(DeployerPrincipal.current());
    const json = synth(stack);
    const assignment = only(json, "azurerm_role_assignment");
    expect(assignment).not.toHaveProperty("principal_type");
    expect(assignment.principal_id).toBe("${data.azurerm_client_config.Deployer.object_id}");
  });

  it.each([
    ["user", "User"],
    ["servicePrincipal", "ServicePrincipal"],
    ["group", "Group"],
  ] as const)("states the principal type a DeployerPrincipal.%s carries", (method, type) => {
    const { stack, vault: v } = vault();
    v.grantKeyAdministration(DeployerPrincipal[method](DEPLOYER));
    expect(only(synth(stack), "azurerm_role_assignment")).toMatchObject({ principal_id: DEPLOYER, principal_type: type });
  });

  it("states the type the principal carries", () => {
    const { stack, vault: v } = vault();
    v.grantKeyAdministration(Principal.group(DEPLOYER));
    expect(only(synth(stack), "azurerm_role_assignment").principal_type).toBe("Group");
  });

  it("states a type given to DeployerPrincipal.current()", () => {
    const { stack, vault: v } = vault();
    v.grantKeyAdministration(DeployerPrincipal.current("ServicePrincipal"));
    expect(only(synth(stack), "azurerm_role_assignment")).toMatchObject({ principal_id: "${data.azurerm_client_config.Deployer.object_id}", principal_type: "ServicePrincipal" });
  });
});

describe("SecretsVault bad input", () => {
  const bad = (props: Partial<SecretsVaultProps>) => () => vault(props);

  it.each([
    ["kv", "too short"],
    ["1kv-aks-test", "starts with a digit"],
    ["kv--aks-test", "two hyphens in a row"],
    ["kv-aks-test-", "ends with a hyphen"],
    ["kv_aks_test", "underscores"],
    ["kv-aks-test-0123456789abc", "25 characters"],
  ])("rejects the vault name '%s' (%s)", (name) => {
    expect(bad({ name })).toThrow(ValidationError);
    expect(bad({ name })).toThrow(
      new RegExp(`name must be 3-24 letters, digits or hyphens, starting with a letter, ending with a letter or digit, with no two hyphens in a row .*; got '${name}'`),
    );
  });

  it("accepts 3 and 24 character names", () => {
    expect(bad({ name: "kv1" })).not.toThrow();
    expect(bad({ name: "kv-aks-test-0123456789ab" })).not.toThrow();
  });

  it.each([6, 91, 30.5])("rejects softDeleteRetentionDays %s outside 7-90", (days) => {
    expect(bad({ softDeleteRetentionDays: days })).toThrow(
      new RegExp(`softDeleteRetentionDays must be a whole number from 7 to 90 \\(Key Vault's soft delete range\\); got ${days}`),
    );
  });

  it.each(["", "   ", "testing"])("rejects turning purge protection off with the reason '%s'", (reason) => {
    expect(bad({ disablePurgeProtection: { reason } })).toThrow(
      /disablePurgeProtection\.reason must say why purge protection is off, in at least 10 characters; got '.*'\. Write the reason .* or remove disablePurgeProtection/,
    );
  });

  it("rejects a tenant id that is not a GUID", () => {
    expect(bad({ tenantId: "contoso.onmicrosoft.com" })).toThrow(/tenantId must be a GUID .*; got 'contoso\.onmicrosoft\.com'/);
  });

  it("rejects a missing endpoint subnet and an unlinked zone, saying how to fix them", () => {
    expect(bad({ privateEndpointSubnetId: undefined })).toThrow(/privateEndpointSubnetId is required; got undefined\. .*privateEndpointsSubnetId/);
    expect(bad({ virtualNetworkIds: [] })).toThrow(/virtualNetworkIds must not be empty; got \[\]\. .*privatelink\.vaultcore\.azure\.net/);
  });

  it.each([
    ["0.0.0.0/0", /deployerIpRanges\[0\] must not be a catch-all range; got '0\.0\.0\.0\/0'/],
    ["10.1.0.0/16", /deployerIpRanges\[0\] must be a public range; got '10\.1\.0\.0\/16'/],
    ["192.168.1.4", /deployerIpRanges\[0\] must be a public range; got '192\.168\.1\.4'/],
    ["203.0.113.7/32", /deployerIpRanges\[0\] must be written as a single address, not a \/31 or \/32 range .*; got '203\.0\.113\.7\/32'/],
    ["2001:db8::/32", /deployerIpRanges\[0\] must be a public IPv4 address or CIDR .*; got '2001:db8::\/32'\. Key Vault takes no IPv6 rules/],
  ])("rejects the deployer range '%s'", (range, message) => {
    expect(bad({ deployerIpRanges: [range] })).toThrow(message);
  });

  it("names the construct path in the error", () => {
    expect(bad({ name: "kv" })).toThrow(/\(at test\/Vault\)/);
  });
});

describe("SecretsVault with tokens", () => {
  it("accepts Terraform variables for names, tenant, retention and ranges without checking them", () => {
    const stack = testStack();
    const v = (name: string) => new TerraformVariable(stack, name, {});
    const scope = new Construct(stack, "Scope");
    const kv = new SecretsVault(scope, "Vault", {
      resourceGroupName: v("group").stringValue,
      location: v("location").stringValue,
      name: v("name").stringValue,
      tenantId: v("tenant").stringValue,
      softDeleteRetentionDays: v("retention").numberValue,
      privateEndpointSubnetId: v("subnet").stringValue,
      virtualNetworkIds: [v("vnet").stringValue],
      deployerIpRanges: v("ranges").listValue,
    });
    kv.grantSecretsRead(Principal.servicePrincipal(v("principal").stringValue), { secretNames: [v("secret").stringValue] });
    const json = synth(stack);
    expect(only(json, VAULT)).toMatchObject({
      name: "${var.name}",
      tenant_id: "${var.tenant}",
      soft_delete_retention_days: "${var.retention}",
      public_network_access_enabled: true,
      network_acls: { default_action: "Deny", bypass: "AzureServices", ip_rules: "${var.ranges}" },
    });
    expect(only(json, "azurerm_role_assignment").scope).toBe(`${ref(json, VAULT)}/secrets/\${var.secret}`);
  });
});
