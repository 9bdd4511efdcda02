import { TerraformOutput, TerraformVariable } from "cdktf";
import { ValidationError, WorkloadIdentity, type WorkloadIdentityProps } from "hardened-aks";
import { PLACEMENT, only, ref, resources, synth, testCluster, testStack, testVault } from "../helpers";

const FIC = "azurerm_federated_identity_credential";
const ISSUER = "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/";

/** A workload identity built with the given props (on top of valid defaults) in a fresh stack. */
function workloadIdentity(props: Partial<WorkloadIdentityProps> = {}) {
  const stack = testStack();
  const identity = new WorkloadIdentity(stack, "Payments", {
    ...PLACEMENT,
    name: "id-payments",
    namespace: "payments",
    serviceAccountName: "payments-api",
    oidcIssuerUrl: ISSUER,
    ...props,
  });
  return { stack, identity };
}

describe("WorkloadIdentity (IAM-4)", () => {
  const { stack, identity } = workloadIdentity();
  new TerraformOutput(stack, "annotations", { value: identity.serviceAccountAnnotations });
  const json = synth(stack);

  it("creates a user-assigned identity", () => {
    expect(only(json, "azurerm_user_assigned_identity")).toEqual({ name: "id-payments", resource_group_name: "rg-test", location: "westeurope" });
  });

  it("trusts exactly the service account's tokens from the cluster's issuer, for the token exchange audience", () => {
    expect(only(json, FIC)).toEqual({
      name: "payments-payments-api",
      resource_group_name: "rg-test",
      parent_id: ref(json, "azurerm_user_assigned_identity"),
      issuer: ISSUER,
      subject: "system:serviceaccount:payments:payments-api",
      audience: ["api://AzureADTokenExchange"],
    });
    expect(identity.subject).toBe("system:serviceaccount:payments:payments-api");
  });

  it("exposes the annotation the service account needs, naming the identity's client id", () => {
    expect(json.output.annotations.value).toEqual({ "azure.workload.identity/client-id": ref(json, "azurerm_user_assigned_identity", "client_id") });
  });

  it("grants nothing by itself", () => {
    expect(resources(json, "azurerm_role_assignment")).toHaveLength(0);
  });
});

describe("SecretsVault.grantSecretsRead to a WorkloadIdentity (IAM-5)", () => {
  it("grants Key Vault Secrets User on the vault to the identity", () => {
    const { stack, identity } = workloadIdentity();
    const vault = testVault(stack);
    const [assignment] = vault.grantSecretsRead(identity);
    // In the identity, under the id WorkloadIdentity.grantSecretsRead gave it: the Terraform
    // address of a grant made the old way stays where it was.
    expect(assignment.node.scope).toBe(identity);
    expect(assignment.node.id).toBe("SecretsUser-Vault");
    const json = synth(stack);
    expect(only(json, "azurerm_role_assignment")).toEqual({
      scope: ref(json, "azurerm_key_vault"),
      role_definition_name: "Key Vault Secrets User",
      principal_id: ref(json, "azurerm_user_assigned_identity", "principal_id"),
      principal_type: "ServicePrincipal",
    });
  });

  it("grants single secrets only when named, and two identities can read from one vault", () => {
    const { stack, identity } = workloadIdentity();
    const vault = testVault(stack);
    vault.grantSecretsRead(identity, { secretNames: ["db-password"] });
    const other = new WorkloadIdentity(stack, "Billing", {
      ...PLACEMENT,
      name: "id-billing",
      namespace: "billing",
      serviceAccountName: "billing",
      oidcIssuerUrl: ISSUER,
    });
    vault.grantSecretsRead(other, { secretNames: ["db-password"] });
    const json = synth(stack);
    const grants = resources(json, "azurerm_role_assignment");
    expect(grants).toHaveLength(2);
    for (const grant of grants) {
      expect(grant.scope).toBe(`${ref(json, "azurerm_key_vault")}/secrets/db-password`);
      expect(grant.role_definition_name).toBe("Key Vault Secrets User");
    }
    expect(new Set(grants.map((g) => g.principal_id)).size).toBe(2);
  });

  it("a grant on a named secret requires the secret to exist: it waits for a check of the vault's secret names", () => {
    // Nothing shows that ARM accepts a role assignment scoped to a secret that does not exist
    // (azurerm v4.55.0 role_assignment_resource.go validates only the scope's syntax), so the
    // grant depends on data.azurerm_key_vault_secrets, whose postcondition fails the run
    // before the grant when a named secret is missing.
    const { stack, identity } = workloadIdentity();
    const vault = testVault(stack);
    vault.grantSecretsRead(identity, { secretNames: ["db-password", "api-key"] });
    vault.grantSecretsRead(identity, { secretNames: ["db-password"] });
    const json = synth(stack);
    const checks = Object.entries(json.data.azurerm_key_vault_secrets) as [string, Record<string, any>][];
    expect(checks).toHaveLength(1);
    const [name, check] = checks[0];
    expect(check.key_vault_id).toBe(ref(json, "azurerm_key_vault"));
    expect(check.lifecycle.postcondition).toEqual([
      { condition: '${contains(self.names, "db-password")}', error_message: expect.stringMatching(/^Key Vault secret 'db-password' does not exist in the vault test\/Vault: .*Store the secret first/) },
      { condition: '${contains(self.names, "api-key")}', error_message: expect.stringMatching(/^Key Vault secret 'api-key' does not exist/) },
    ]);
    const grants = resources(json, "azurerm_role_assignment");
    expect(grants).toHaveLength(2);
    for (const grant of grants) expect(grant.depends_on).toEqual([`data.azurerm_key_vault_secrets.${name}`]);
    expect(check.lifecycle.postcondition[0].error_message).toContain(`the workload identity ${identity.node.path} is granted`);
  });

  it("a grant on the whole vault needs no check", () => {
    const { stack, identity } = workloadIdentity();
    testVault(stack).grantSecretsRead(identity);
    const json = synth(stack);
    expect(json.data?.azurerm_key_vault_secrets).toBeUndefined();
    expect(only(json, "azurerm_role_assignment").depends_on).toBeUndefined();
  });
});

describe("WorkloadIdentity with a cluster", () => {
  it("federates with the cluster's OIDC issuer", () => {
    const stack = testStack();
    const cluster = testCluster(stack);
    new WorkloadIdentity(stack, "Payments", {
      ...PLACEMENT,
      name: "id-payments",
      namespace: "payments",
      serviceAccountName: "payments-api",
      oidcIssuerUrl: cluster.oidcIssuerUrl,
    });
    const json = synth(stack);
    expect(only(json, FIC).issuer).toBe(ref(json, "azurerm_kubernetes_cluster", "oidc_issuer_url"));
  });
});

describe("WorkloadIdentity bad input", () => {
  const bad = (props: Partial<WorkloadIdentityProps>) => () => workloadIdentity(props);

  it.each([
    ["namespace", "payments:admin"],
    ["namespace", "*"],
    ["namespace", "pay*"],
    ["serviceAccountName", "api:default"],
    ["serviceAccountName", "api sa"],
  ])("rejects a %s '%s' that would let the subject match another namespace", (prop, value) => {
    expect(bad({ [prop]: value })).toThrow(ValidationError);
    expect(bad({ [prop]: value })).toThrow(
      new RegExp(`${prop} must not contain ':', '\\*', '\\?' or spaces; got '${value.replace("*", "\\*")}'\\. .*match a service account of another namespace`),
    );
  });

  it.each([
    ["namespace", "Payments"],
    ["namespace", "-payments"],
    ["namespace", "payments-"],
    ["namespace", "pay.ments"],
    ["namespace", "a".repeat(64)],
    ["serviceAccountName", "payments_api"],
    ["serviceAccountName", "api.v1"],
  ])("rejects a %s '%s' that is not a DNS-1123 label", (prop, value) => {
    expect(bad({ [prop]: value })).toThrow(
      new RegExp(`${prop} must be a DNS-1123 label: 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit; got '${value}'`),
    );
  });

  it("accepts a 63-character label", () => {
    expect(bad({ namespace: "a".repeat(63) })).not.toThrow();
  });

  it("rejects an issuer that is not https, and invalid identity and credential names", () => {
    expect(bad({ oidcIssuerUrl: "http://issuer" })).toThrow(/oidcIssuerUrl must be the cluster's OIDC issuer URL, an https:\/\/ URL .*; got 'http:\/\/issuer'/);
    expect(bad({ name: "id" })).toThrow(/name must be 3-128 letters, digits, hyphens or underscores.*; got 'id'/);
    expect(bad({ credentialName: "-x" })).toThrow(/credentialName must be 3-120 letters, digits, hyphens or underscores.*; got '-x'/);
  });

  it("names the construct path in the error", () => {
    expect(bad({ namespace: "Payments" })).toThrow(/\(at test\/Payments\)/);
  });
});

describe("WorkloadIdentity from JavaScript", () => {
  // What TypeScript would refuse, as a JavaScript caller can write it: each names the prop.
  it.each([
    ["name", undefined, /^name is required and must be a non-empty string, e\.g\. 'id-payments-api'; got nothing \(the prop is missing\)/],
    ["namespace", null, /^namespace is required and must be a non-empty string, e\.g\. 'payments'; got null/],
    ["namespace", "", /^namespace is required and must be a non-empty string.*got ''/],
    ["serviceAccountName", 7, /^serviceAccountName is required and must be a non-empty string.*got 7/],
    ["oidcIssuerUrl", undefined, /^oidcIssuerUrl is required and must be a non-empty string, e\.g\. cluster\.oidcIssuerUrl/],
    ["resourceGroupName", undefined, /^resourceGroupName is required/],
    ["location", "west europe!", /^location must be an Azure region name such as 'westeurope'.*got 'west europe!'/],
  ])("names %s when it is %p", (prop, value, message) => {
    expect(() => workloadIdentity({ [prop]: value } as any)).toThrow(message);
  });

  it("names the props object when there is none", () => {
    expect(() => new WorkloadIdentity(testStack(), "Payments", undefined as any)).toThrow(/^props is required and must be an object/);
  });
});

describe("WorkloadIdentity with tokens", () => {
  it("accepts Terraform variables for the namespace, service account and issuer without checking them", () => {
    const stack = testStack();
    const v = (name: string) => new TerraformVariable(stack, name, {}).stringValue;
    const identity = new WorkloadIdentity(stack, "Workload", {
      ...PLACEMENT,
      name: v("identity"),
      namespace: v("namespace"),
      serviceAccountName: v("sa"),
      oidcIssuerUrl: v("issuer"),
    });
    testVault(stack).grantSecretsRead(identity, { secretNames: [v("secret")] });
    const json = synth(stack);
    expect(only(json, FIC)).toMatchObject({
      name: "${var.namespace}-${var.sa}",
      issuer: "${var.issuer}",
      subject: "system:serviceaccount:${var.namespace}:${var.sa}",
    });
    expect(only(json, "azurerm_role_assignment").scope).toBe(`${ref(json, "azurerm_key_vault")}/secrets/\${var.secret}`);
  });
});
