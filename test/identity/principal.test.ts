// One grant shape across the library: every grant method takes a principal (an object id and
// its kind) or something granted through one, and its role assignment states exactly that
// kind. ARM refuses a wrong principal_type with UnmatchedPrincipalType, which the provider
// never retries, and the provider sends principal_type as given (azurerm v4.55.0
// internal/services/authorization/role_assignment_resource.go: Create sets
// props.PrincipalType from principal_type; retryRoleAssignmentsClient's default branch).
import { TerraformVariable, type TerraformStack } from "cdktf";
import type { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import {
  DeployerPrincipal,
  DiskEncryption,
  KeyUsage,
  Principal,
  PrivateRegistry,
  ValidationError,
  WorkloadIdentity,
  type Grantee,
  type HardenedCluster,
  type IPrincipal,
} from "hardened-aks";
import { PLACEMENT, ref, synth, testCluster, testStack, testVault, type Synthesized } from "../helpers";

const ID = "44444444-4444-4444-4444-444444444444";
const SUBNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke/subnets/snet-private-endpoints";
const SPOKE = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke";
const ISSUER = "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/";

/** Every granting resource of the library, in one stack. */
function resourcesIn(stack: TerraformStack) {
  const vault = testVault(stack);
  const kmsKey = vault.addKey("KmsKey", { name: "kms", usage: KeyUsage.KUBERNETES_KMS });
  const diskKey = vault.addKey("DiskKey", { name: "disk", usage: KeyUsage.DISK_ENCRYPTION });
  const registry = new PrivateRegistry(stack, "Registry", { ...PLACEMENT, name: "acrtest01", privateEndpointSubnetId: SUBNET, virtualNetworkIds: [SPOKE] });
  const des = new DiskEncryption(stack, "DiskEncryption", { ...PLACEMENT, name: "des-aks-test", vault });
  return { vault, kmsKey, diskKey, registry, des };
}

/** What each grant should make: its assignments, their roles and scopes (`json` to resolve references). */
type Made = { assignment: RoleAssignment; role: string; scope: (json: Synthesized) => string };

/** Every grant method, each given the same principal. */
function grantEverything(stack: TerraformStack, principal: Grantee): Made[] {
  const { vault, kmsKey, diskKey, registry, des } = resourcesIn(stack);
  const kv = (json: Synthesized) => ref(json, "azurerm_key_vault");
  const keyId = (name: string) => (json: Synthesized) => `\${azurerm_key_vault_key.${keyAddress(json, name)}.resource_versionless_id}`;
  const [kmsUser, kmsLink] = kmsKey.grantKmsAccess(principal, { id: "GrantedKms" });
  return [
    { assignment: vault.grantSecretsRead(principal, { id: "GrantedVault" })[0], role: "Key Vault Secrets User", scope: kv },
    { assignment: vault.grantSecretsRead(principal, { id: "GrantedSecret", secretNames: ["db-password"] })[0], role: "Key Vault Secrets User", scope: (json) => `${kv(json)}/secrets/db-password` },
    { assignment: vault.grantKeyAdministration(principal), role: "Key Vault Crypto Officer", scope: kv },
    { assignment: vault.grantMetadataRead(principal), role: "Key Vault Reader", scope: kv },
    { assignment: registry.grantPull(principal, { id: "GrantedAcrPull" }), role: "AcrPull", scope: (json) => ref(json, "azurerm_container_registry") },
    { assignment: kmsUser, role: "Key Vault Crypto User", scope: keyId("kms") },
    { assignment: kmsLink, role: "Key Vault Contributor", scope: kv },
    { assignment: diskKey.grantServiceEncryption(principal, { id: "GrantedServiceEncryption" }), role: "Key Vault Crypto Service Encryption User", scope: keyId("disk") },
    { assignment: des.grantRead(principal, { id: "GrantedDesReader" }), role: "Reader", scope: (json) => ref(json, "azurerm_disk_encryption_set") },
  ];
}

function keyAddress(json: Synthesized, name: string): string {
  const entry = Object.entries(json.resource.azurerm_key_vault_key as Record<string, { name: string }>).find(([, key]) => key.name === name);
  if (!entry) throw new Error(`no key named ${name}`);
  return entry[0];
}

/** The synthesized role assignment of a construct. */
function synthesized(json: Synthesized, assignment: RoleAssignment): Record<string, unknown> {
  return json.resource.azurerm_role_assignment[assignment.friendlyUniqueId];
}

const GRANTS = ["grantSecretsRead (vault)", "grantSecretsRead (secret)", "grantKeyAdministration", "grantMetadataRead", "grantPull", "grantKmsAccess (key)", "grantKmsAccess (vault)", "grantServiceEncryption", "DiskEncryption.grantRead"];

/** A principal kind: how to make one in a stack, and what its assignments must state. */
type Kind = [string, (stack: TerraformStack) => Grantee, (grantee: Grantee) => { principal_id: string; principal_type?: string }];

const KINDS: Kind[] = [
  ["Principal.servicePrincipal", () => Principal.servicePrincipal(ID), () => ({ principal_id: ID, principal_type: "ServicePrincipal" })],
  ["Principal.user", () => Principal.user(ID), () => ({ principal_id: ID, principal_type: "User" })],
  ["Principal.group", () => Principal.group(ID), () => ({ principal_id: ID, principal_type: "Group" })],
  ["an IPrincipal of the user's own", () => ({ principalId: ID, principalType: "Group" }) satisfies IPrincipal, () => ({ principal_id: ID, principal_type: "Group" })],
  [
    "a WorkloadIdentity",
    (stack) => new WorkloadIdentity(stack, "Orders", { ...PLACEMENT, name: "id-orders", namespace: "orders", serviceAccountName: "orders-api", oidcIssuerUrl: ISSUER }),
    (identity) => ({ principal_id: `\${azurerm_user_assigned_identity.${(identity as WorkloadIdentity).resource.friendlyUniqueId}.principal_id}`, principal_type: "ServicePrincipal" }),
  ],
  ["DeployerPrincipal.user", () => DeployerPrincipal.user(ID), () => ({ principal_id: ID, principal_type: "User" })],
  ["DeployerPrincipal.group", () => DeployerPrincipal.group(ID), () => ({ principal_id: ID, principal_type: "Group" })],
];

describe.each(KINDS)("every grant to %s", (_, make, expected) => {
  const stack = testStack();
  const grantee = make(stack);
  const made = grantEverything(stack, grantee);
  const json = synth(stack);

  it.each(GRANTS.map((name, i) => [name, i] as const))("%s states the principal's id and kind, the role and the scope", (_name, i) => {
    const { assignment, role, scope } = made[i];
    expect(synthesized(json, assignment)).toEqual({ ...expected(grantee), role_definition_name: role, scope: scope(json), ...dependsOn(json, assignment) });
  });
});

/** The assignment's own depends_on, which the named-secret grant has (the existence check). */
function dependsOn(json: Synthesized, assignment: RoleAssignment): { depends_on?: unknown } {
  const value = synthesized(json, assignment).depends_on;
  return value === undefined ? {} : { depends_on: value };
}

describe("every grant to DeployerPrincipal.current()", () => {
  const stack = testStack();
  const made = grantEverything(stack, DeployerPrincipal.current());
  const json = synth(stack);

  // Whoever Terraform signs in as may be a person or a service principal: the library does
  // not know, so it states no type and ARM infers it (principal_type is Optional+Computed).
  it.each(GRANTS.map((name, i) => [name, i] as const))("%s reads the object id in the granting stack and states no kind", (_name, i) => {
    const assignment = synthesized(json, made[i].assignment);
    expect(assignment.principal_id).toBe("${data.azurerm_client_config.Deployer.object_id}");
    expect(assignment).not.toHaveProperty("principal_type");
    expect(assignment.role_definition_name).toBe(made[i].role);
  });

  it("a repeated grant to the same current() returns the same assignment, as for any principal", () => {
    const other = testStack();
    const { vault } = resourcesIn(other);
    const deployer = DeployerPrincipal.current();
    const first = vault.grantKeyAdministration(deployer);
    expect(vault.grantKeyAdministration(deployer)).toBe(first);
    expect(vault.grantMetadataRead(deployer)).toBe(vault.grantMetadataRead(deployer));
    // Two current() objects are one principal: the runner's deployer and the user's own.
    expect(vault.grantKeyAdministration(DeployerPrincipal.current())).toBe(first);
  });

  it("states the kind it is given", () => {
    const other = testStack();
    const { vault } = resourcesIn(other);
    const assignment = vault.grantKeyAdministration(DeployerPrincipal.current("User"));
    expect(synthesized(synth(other), assignment)).toMatchObject({ principal_id: "${data.azurerm_client_config.Deployer.object_id}", principal_type: "User" });
  });
});

describe("a HardenedCluster is granted through its kubelet identity", () => {
  const stack = testStack();
  const cluster: HardenedCluster = testCluster(stack);
  const registry = new PrivateRegistry(stack, "Registry", { ...PLACEMENT, name: "acrtest01", privateEndpointSubnetId: SUBNET, virtualNetworkIds: [SPOKE] });
  const vault = testVault(stack);
  const kms = vault.addKey("KmsKey", { name: "kms", usage: KeyUsage.KUBERNETES_KMS });
  const pull = registry.grantPull(cluster);
  const [cryptoUser] = kms.grantKmsAccess(cluster.controlPlanePrincipal, { id: "ControlPlaneKmsByHand" });
  const json = synth(stack);
  const identity = (id: string) => {
    const entry = Object.entries(json.resource.azurerm_user_assigned_identity as Record<string, { name: string }>).find(([, v]) => v.name.includes(id));
    return `\${azurerm_user_assigned_identity.${entry![0]}.principal_id}`;
  };

  it("registry.grantPull(cluster) gives the kubelet identity AcrPull, as a service principal", () => {
    expect(synthesized(json, pull)).toEqual({ scope: ref(json, "azurerm_container_registry"), role_definition_name: "AcrPull", principal_id: identity("kubelet"), principal_type: "ServicePrincipal" });
    expect(cluster.grantPrincipal).toBe(cluster.kubeletPrincipal);
  });

  it("refuses the cluster itself where its control plane is meant", () => {
    expect(() => kms.grantKmsAccess(cluster)).toThrow(/^grantKmsAccess\(principal\) got a cluster, which is granted through its kubelet identity; KMS access is for the cluster's control plane\. Pass cluster\.controlPlanePrincipal\./);
    const des = new DiskEncryption(stack, "DiskEncryption", { ...PLACEMENT, name: "des-aks-test", vault });
    expect(() => des.grantRead(cluster)).toThrow(/^grantRead\(principal\) got a cluster, .*Pass cluster\.controlPlanePrincipal\./);
  });

  it("the control-plane identity is a principal of its own", () => {
    expect(synthesized(json, cryptoUser)).toMatchObject({ role_definition_name: "Key Vault Crypto User", principal_id: identity("control-plane"), principal_type: "ServicePrincipal" });
  });
});

describe("grant bad input (JavaScript callers and casts)", () => {
  type Grant = [string, (principal: any) => unknown];
  const stack = testStack();
  const { vault, kmsKey, diskKey, registry, des } = resourcesIn(stack);
  let n = 0;
  const id = () => `Case${n++}`;
  const grants: Grant[] = [
    ["grantSecretsRead(principal)", (p) => vault.grantSecretsRead(p, { id: id() })],
    ["grantKeyAdministration(principal)", (p) => vault.grantKeyAdministration(p, { id: id() })],
    ["grantMetadataRead(principal)", (p) => vault.grantMetadataRead(p, { id: id() })],
    ["grantPull(principal)", (p) => registry.grantPull(p, { id: id() })],
    ["grantKmsAccess(principal)", (p) => kmsKey.grantKmsAccess(p, { id: id() })],
    ["grantServiceEncryption(principal)", (p) => diskKey.grantServiceEncryption(p, { id: id() })],
    ["grantRead(principal)", (p) => des.grantRead(p, { id: id() })],
  ];
  const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  const BAD: [string, unknown, (arg: string) => RegExp][] = [
    ["an object id alone", ID, (a) => new RegExp(`^${esc(a)} must be a principal with its kind, not an object id alone; got '${ID}'\\. .*UnmatchedPrincipalType.*pass Principal\\.servicePrincipal\\('${ID}'\\) for a managed identity`)],
    ["a name instead of an id", "ci-bot", (a) => new RegExp(`^${esc(a)} must be a principal with its kind, not an object id alone; got 'ci-bot'\\. .*Principal\\.servicePrincipal\\('<object id>'\\)`)],
    ["nothing", undefined, (a) => new RegExp(`^${esc(a)} is required and must be a principal .*Principal\\.servicePrincipal\\('<object id>'\\).*; got nothing \\(the prop is missing\\)`)],
    ["null", null, (a) => new RegExp(`^${esc(a)} is required and must be a principal .*; got null`)],
    ["a number", 42, (a) => new RegExp(`^${esc(a)} is required and must be a principal .*; got 42`)],
    ["no principal type", { principalId: ID }, (a) => new RegExp(`^${esc(a)}\\.principalType is required and must be one of 'ServicePrincipal', 'User', 'Group'; got nothing .*never guesses the kind.*Principal\\.servicePrincipal`)],
    ["a null principal type", { principalId: ID, principalType: null }, (a) => new RegExp(`^${esc(a)}\\.principalType is required .*; got null`)],
    ["a type outside the three", { principalId: ID, principalType: "Application" }, (a) => new RegExp(`^${esc(a)}\\.principalType must be one of 'ServicePrincipal', 'User', 'Group'; got 'Application'\\. Managed identities and applications are 'ServicePrincipal'`)],
    ["a type in the wrong case", { principalId: ID, principalType: "user" }, (a) => new RegExp(`^${esc(a)}\\.principalType must be one of .*; got 'user'\\. Did you mean 'User'\\?`)],
    ["a type that is not a string", { principalId: ID, principalType: 1 }, (a) => new RegExp(`^${esc(a)}\\.principalType must be one of 'ServicePrincipal', 'User', 'Group' \\(a string\\); got 1`)],
    ["no object id", { principalType: "User" }, (a) => new RegExp(`^${esc(a)}\\.principalId is required and must be a non-empty string.*; got nothing`)],
    ["an e-mail address as the id", { principalId: "alice@example.com", principalType: "User" }, (a) => new RegExp(`^${esc(a)}\\.principalId must be a GUID .*; got 'alice@example\\.com'\\. Pass the principal's Entra object id \\(not its client id, name or e-mail address\\)`)],
    ["a grantable without a kind", { grantPrincipal: { principalId: ID } }, (a) => new RegExp(`^${esc(a)}\\.grantPrincipal\\.principalType is required`)],
  ];

  describe.each(grants)("%s", (argument, grant) => {
    it.each(BAD)("refuses %s, naming the argument, the value, the rule and the fix", (_, value, message) => {
      let error: unknown;
      try {
        grant(value);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(message(argument));
    });

    it("accepts every kind, and tokens for the id and the kind unchecked", () => {
      const v = (name: string) => new TerraformVariable(stack, `${name}${n++}`, { type: "string" }).stringValue;
      for (const good of [Principal.servicePrincipal(ID), Principal.user(v("user")), { principalId: v("id"), principalType: v("type") }, { grantPrincipal: Principal.group(ID) }]) {
        expect(() => grant(good)).not.toThrow();
      }
    });
  });

  it("refuses grantPull's old positional id", () => {
    expect(() => registry.grantPull(Principal.servicePrincipal(ID), "KubeletAcrPull" as any)).toThrow(/^grantPull options must be an object when given, e\.g\. \{ id: 'KubeletAcrPull' \}; got 'KubeletAcrPull'/);
  });
});

describe("Principal factories", () => {
  it.each([
    ["servicePrincipal('ci-bot')", () => Principal.servicePrincipal("ci-bot"), /^Principal\.servicePrincipal\(objectId\) must be a GUID .*; got 'ci-bot'\. Pass the principal's Entra object id/],
    ["user('alice@example.com')", () => Principal.user("alice@example.com"), /^Principal\.user\(objectId\) must be a GUID .*; got 'alice@example\.com'/],
    ["group()", () => (Principal.group as (id?: string) => Principal)(), /^Principal\.group\(objectId\) is required and must be a non-empty string.*; got nothing/],
    ["user(null)", () => Principal.user(null as any), /^Principal\.user\(objectId\) is required .*; got null/],
    ["servicePrincipal(42)", () => Principal.servicePrincipal(42 as any), /^Principal\.servicePrincipal\(objectId\) is required .*; got 42/],
  ])("%s is refused", (_, make, message) => {
    expect(make).toThrow(ValidationError);
    expect(make).toThrow(message);
  });

  it("carries the id and the kind it was made with; a token id is not checked", () => {
    expect(Principal.servicePrincipal(ID)).toMatchObject({ principalId: ID, principalType: "ServicePrincipal" });
    expect(Principal.user(ID).principalType).toBe("User");
    expect(Principal.group(ID).principalType).toBe("Group");
    const token = new TerraformVariable(testStack(), "id", { type: "string" }).stringValue;
    expect(Principal.group(token).principalId).toBe(token);
  });
});

describe("DeployerPrincipal as a principal", () => {
  it("a known deployer is granted through the principal it names", () => {
    expect(DeployerPrincipal.user(ID).grantPrincipal).toMatchObject({ principalId: ID, principalType: "User" });
    expect(DeployerPrincipal.servicePrincipal(ID).grantPrincipal).toMatchObject({ principalId: ID, principalType: "ServicePrincipal" });
  });

  it("current() has no principal outside a stack, and says what to pass instead", () => {
    expect(() => DeployerPrincipal.current().grantPrincipal).toThrow(/^DeployerPrincipal\.current\(\) has no grantPrincipal: .*Pass the DeployerPrincipal itself to the grant method/);
  });

  it("current() refuses a kind outside the three", () => {
    expect(() => DeployerPrincipal.current("Application" as any)).toThrow(/^DeployerPrincipal\.current\(principalType\) must be one of 'ServicePrincipal', 'User', 'Group'; got 'Application'.*Or leave it out, and ARM infers the kind\./);
  });
});
