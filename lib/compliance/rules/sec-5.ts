import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { blocks, isExpression, isLiteral, isObject, isTrue, normalizeReference, resourcesOfType, show, type JsonObject } from "../terraform-json";

/** Attribute names whose values are credentials or keys, wherever they appear in a reference. */
const SENSITIVE_ATTRIBUTES: readonly RegExp[] = [
  /^kube_(admin_)?config(_raw)?$/,
  /_raw$/,
  /(^|_)password$/,
  /(^|_)secret(_value)?$/,
  /(^|_)client_key$/,
  /(^|_)(access|shared|primary|secondary|private|master|account|admin)_key(_pem|_openssh)?$/,
  /(^|_)connection_strings?$/,
  /(^|_)sas(_token|_url)?$/,
  /(^|_)token$/,
];

/** Attributes that are the secret itself for particular resource types. */
const SENSITIVE_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  azurerm_key_vault_secret: ["value"],
  random_password: ["result", "bcrypt_hash"],
  kubernetes_secret: ["data", "binary_data"],
  kubernetes_secret_v1: ["data", "binary_data"],
};

/** Provider and backend arguments that hold credentials: never literals in the code. */
const CREDENTIAL_ARGUMENTS = [
  "client_secret",
  "client_certificate_password",
  "client_key",
  "password",
  "token",
  "access_key",
  "sas_token",
  "oidc_token",
];

/** A resource attribute reference inside an expression: `[data.]type.name.rest`. */
const REFERENCE = /(?:^|[^A-Za-z0-9_.])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[^\]]*\])+)/g;

/** SEC-5: no secret material in outputs or in the synthesized code. */
export const SEC_5: ComplianceRule = {
  id: "SEC-5",
  name: "NoSecretsInOutputsOrCode",
  title: "No secret material in outputs or in the synthesized code: sensitive outputs marked sensitive, no admin kubeconfig output, no literal credentials",
  description:
    "An output that is not marked sensitive prints its value in every plan and CI log; an admin kubeconfig is a static cluster-admin credential wherever it lands. Credentials written as literals (provider or backend secrets, Kubernetes or Key Vault secret values) end up in the repository and in cdktf.out. cdktf's cross-stack outputs are always sensitive.",
  severity: "high",
  fix: "Mark outputs of credentials sensitive (TerraformOutput { sensitive: true }), never output kube_admin_config (with local accounts disabled there is none to use), and pass credentials through environment variables, variables marked sensitive, or Key Vault (SecretProviderClass) instead of literals.",
  references: [R.terraformOutputs, R.aksKubeconfigAccess],
  mappings: {},
  resourceTypes: [],
  check: ({ config: stack }) => [...checkOutputs(stack), ...checkLiteralCredentials(stack)],
};

function checkOutputs(stack: JsonObject): string[] {
  const outputs = isObject(stack.output) ? stack.output : {};
  const found: string[] = [];
  for (const name of Object.keys(outputs).sort()) {
    const output = outputs[name];
    if (!isObject(output)) continue;
    const references = sensitiveReferences(output.value);
    const admin = references.find((ref) => /(^|\.)kube_admin_config(_raw)?(\[|\.|$)/.test(ref.path));
    if (admin) {
      found.push(`output ${show(name)} exposes ${admin.text}: an admin kubeconfig is a static cluster-admin credential; do not output it at all`);
    } else if (references.length > 0 && !isTrue(output.sensitive)) {
      found.push(`output ${show(name)} exposes ${references.map((ref) => ref.text).join(", ")} without sensitive = true: plans and CI logs print it`);
    }
  }
  return found;
}

/** The references to sensitive attributes in an output value (any JSON: strings, lists, objects). */
function sensitiveReferences(value: unknown): { text: string; path: string }[] {
  const strings: string[] = [];
  const collect = (v: unknown) => {
    if (typeof v === "string") strings.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (isObject(v)) Object.values(v).forEach(collect);
  };
  collect(value);
  const found: { text: string; path: string }[] = [];
  for (const text of strings.filter(isExpression).map(normalizeReference)) {
    for (const match of text.matchAll(REFERENCE)) {
      const [, , type, , rest] = match;
      const path = rest.replace(/\[[^\]]*\]/g, "").replace(/^\./, "");
      const segments = path.split(".");
      const sensitive =
        segments.some((segment) => SENSITIVE_ATTRIBUTES.some((pattern) => pattern.test(segment))) ||
        (SENSITIVE_BY_TYPE[type] ?? []).includes(segments[0]);
      if (sensitive) found.push({ text: `${match[1] ?? ""}${type}.${match[3]}${rest}`, path });
    }
  }
  return found;
}

function checkLiteralCredentials(stack: JsonObject): string[] {
  const found: string[] = [];
  const providers = isObject(stack.provider) ? stack.provider : {};
  for (const providerName of Object.keys(providers).sort()) {
    for (const [i, provider] of blocks(providers[providerName]).entries()) {
      for (const argument of CREDENTIAL_ARGUMENTS) {
        if (isLiteral(provider[argument])) found.push(`provider ${show(providerName)} (block ${i}) has a literal ${argument}: a credential in the code`);
      }
    }
  }
  const terraform = isObject(stack.terraform) ? stack.terraform : {};
  const backends = isObject(terraform.backend) ? terraform.backend : {};
  for (const backendName of Object.keys(backends).sort()) {
    const backend = backends[backendName];
    if (!isObject(backend)) continue;
    for (const argument of CREDENTIAL_ARGUMENTS) {
      if (isLiteral(backend[argument])) found.push(`the ${show(backendName)} backend has a literal ${argument}: a credential in the code (use Entra ID authentication, use_azuread_auth)`);
    }
  }
  for (const type of ["kubernetes_secret", "kubernetes_secret_v1"]) {
    for (const secret of resourcesOfType(stack, type)) {
      const literal = ["data", "binary_data"].filter((attribute) => isObject(secret.config[attribute]) && Object.values(secret.config[attribute] as JsonObject).some(isLiteral));
      if (literal.length > 0) found.push(`${secret.address} writes literal secret values (${literal.join(", ")}) into the code and the state; mount them from Key Vault instead`);
    }
  }
  for (const secret of resourcesOfType(stack, "azurerm_key_vault_secret")) {
    if (isLiteral(secret.config.value)) found.push(`${secret.address} has a literal value: the secret is in the code and the state; set it outside Terraform (or from a sensitive variable)`);
  }
  return found;
}
