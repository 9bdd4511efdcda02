import { Construct } from "../private/cdktf";
import { FederatedIdentityCredential, UserAssignedIdentity } from "../private/azurerm";
import { azureLocation, isToken, matches, optionalOfKind, required, resourceGroupName, tags, throwIfInvalid, type Verdict } from "../private/validate";
import { derivedName } from "../private/names";
import type { AzureResourceOptions } from "../resource-options";
import type { IPrincipal } from "./principal";
import { WORKLOAD_IDENTITY_AUDIENCE } from "../facts";

export { WORKLOAD_IDENTITY_AUDIENCE } from "../facts";

/**
 * The service account annotation that names the identity a pod's token is exchanged for
 * (the same as `WorkloadServiceAccount`'s; kept local so this module loads no Kubernetes
 * provider code).
 */
const CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";

/** Props of {@link WorkloadIdentity}. */
export interface WorkloadIdentityProps extends AzureResourceOptions {
  /**
   * Name of the user-assigned identity: 3-128 letters, digits, hyphens or underscores,
   * starting with a letter or digit.
   */
  readonly name: string;
  /** Kubernetes namespace of the service account: a DNS-1123 label. */
  readonly namespace: string;
  /**
   * Name of the Kubernetes service account the pods run as: a DNS-1123 label (Kubernetes
   * allows subdomains; the library keeps to labels so the subject stays unambiguous).
   */
  readonly serviceAccountName: string;
  /** The cluster's OIDC issuer URL: `HardenedCluster.oidcIssuerUrl`. */
  readonly oidcIssuerUrl: string;
  /**
   * Name of the federated identity credential: 3-120 letters, digits, hyphens or
   * underscores, starting with a letter or digit.
   *
   * @default - `<namespace>-<serviceAccountName>`
   */
  readonly credentialName?: string;
}

/**
 * Workload identity for one Kubernetes service account (IAM-4): a user-assigned identity and
 * a federated identity credential that trusts tokens the cluster's OIDC issuer signs for
 * exactly `system:serviceaccount:<namespace>:<serviceAccountName>` with the audience
 * `api://AzureADTokenExchange`. No secret exists anywhere: pods exchange their projected
 * service account token for an Entra token.
 *
 * It is a principal (a service principal): grant it what it needs and nothing more, e.g.
 * `vault.grantSecretsRead(identity, { secretNames: ["db-password"] })`.
 * In the cluster, annotate the service account with `serviceAccountAnnotations` and label
 * the pods `azure.workload.identity/use: "true"`.
 *
 * @see https://learn.microsoft.com/azure/aks/workload-identity-overview
 */
export class WorkloadIdentity extends Construct implements IPrincipal {
  /** The user-assigned identity (escape hatch). */
  public readonly resource: UserAssignedIdentity;
  /** The federated identity credential. */
  public readonly federatedCredential: FederatedIdentityCredential;
  /** Resource id of the identity. */
  public readonly identityId: string;
  /** Client (application) id of the identity: what the service account annotation names. */
  public readonly clientId: string;
  /** Object id of the identity's service principal: what role assignments name. */
  public readonly principalId: string;
  /** A managed identity is a service principal. */
  public readonly principalType = "ServicePrincipal" as const;
  /** `system:serviceaccount:<namespace>:<serviceAccountName>`. */
  public readonly subject: string;
  /** The Kubernetes namespace. */
  public readonly namespace: string;
  /** The Kubernetes service account name. */
  public readonly serviceAccountName: string;
  /**
   * Annotations for the Kubernetes service account, so its pods get this identity:
   * `{ "azure.workload.identity/client-id": clientId }`.
   */
  public readonly serviceAccountAnnotations: Record<string, string>;

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    // What a JavaScript caller may leave out or mistype, before anything below reads it.
    throwIfInvalid(this, required("props", props, "object", "{ name, namespace, serviceAccountName, oidcIssuerUrl, resourceGroupName, location }"));
    throwIfInvalid(
      this,
      required("name", props.name, "string", "'id-payments-api'"),
      required("namespace", props.namespace, "string", "'payments'"),
      required("serviceAccountName", props.serviceAccountName, "string", "'payments-api'"),
      required("oidcIssuerUrl", props.oidcIssuerUrl, "string", "cluster.oidcIssuerUrl"),
      required("resourceGroupName", props.resourceGroupName, "string", "'rg-aks-prod'"),
      required("location", props.location, "string", "'westeurope'"),
      optionalOfKind("credentialName", props.credentialName, "string", "'payments-payments-api'"),
      resourceGroupName("resourceGroupName", props.resourceGroupName),
      azureLocation("location", props.location),
      tags("tags", props.tags),
    );
    const anyToken = isToken(props.namespace) || isToken(props.serviceAccountName);
    const credentialName =
      props.credentialName ?? (anyToken ? `${props.namespace}-${props.serviceAccountName}` : derivedName([props.namespace, props.serviceAccountName], 120));
    throwIfInvalid(
      this,
      matches(
        "name",
        props.name,
        /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/,
        "3-128 letters, digits, hyphens or underscores, starting with a letter or digit (Azure's rule for managed identities)",
      ),
      subjectPart("namespace", props.namespace),
      subjectPart("serviceAccountName", props.serviceAccountName),
      matches(
        "credentialName",
        props.credentialName,
        /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/,
        "3-120 letters, digits, hyphens or underscores, starting with a letter or digit (Azure's rule for federated identity credentials)",
      ),
      matches(
        "oidcIssuerUrl",
        props.oidcIssuerUrl,
        /^https:\/\/[^\s]+$/,
        "the cluster's OIDC issuer URL, an https:// URL (pass HardenedCluster.oidcIssuerUrl)",
      ),
    );
    this.namespace = props.namespace;
    this.serviceAccountName = props.serviceAccountName;
    this.subject = `system:serviceaccount:${props.namespace}:${props.serviceAccountName}`;
    this.resource = new UserAssignedIdentity(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
    });
    this.federatedCredential = new FederatedIdentityCredential(this, "FederatedCredential", {
      name: credentialName,
      resourceGroupName: props.resourceGroupName,
      // azurerm 4.x names the identity `parent_id`.
      parentId: this.resource.id,
      audience: [WORKLOAD_IDENTITY_AUDIENCE],
      issuer: props.oidcIssuerUrl,
      subject: this.subject,
    });
    this.identityId = this.resource.id;
    this.clientId = this.resource.clientId;
    this.principalId = this.resource.principalId;
    this.serviceAccountAnnotations = { [CLIENT_ID_ANNOTATION]: this.clientId };
  }
}

/**
 * A namespace or service account name inside the subject `system:serviceaccount:<ns>:<sa>`:
 * a DNS-1123 label. A colon or wildcard would make the subject match another namespace's
 * service account, so it gets its own message.
 */
function subjectPart(prop: string, value: string): Verdict {
  if (isToken(value)) return undefined;
  if (/[:*?\s]/.test(value)) {
    return `${prop} must not contain ':', '*', '?' or spaces; got '${value}'. The credential's subject is system:serviceaccount:<namespace>:<serviceAccountName>, and such characters would let it match a service account of another namespace. Use the plain ${prop} (a DNS-1123 label such as 'payments').`;
  }
  return matches(
    prop,
    value,
    /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    "a DNS-1123 label: 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit",
  );
}
