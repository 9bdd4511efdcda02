import { Construct, TerraformStack, Token, type IResolvable, type ITerraformDependable } from "../private/cdktf";
import {
  DefaultServiceAccountV1,
  LimitRangeV1,
  Manifest,
  NamespaceV1,
  NetworkPolicyV1,
  ResourceQuotaV1,
  RoleBindingV1,
  type NetworkPolicyV1SpecEgress,
  type NetworkPolicyV1SpecIngress,
} from "../private/kubernetes";
import { describe, isToken, oneOf, optionalOfKind, required, throwIfInvalid, type Verdict } from "../private/validate";
import { ValidationError } from "../errors";
import { Compliance } from "../compliance/compliance";
import type { INamespace } from "./namespace-ref";
import { isCidrPeer, isFqdnPeer, type EgressAllowRule, type FqdnPeer, type IngressAllowRule, type NetworkPort } from "./network-rules";
import * as rules from "./validate";
import { fqdnEgressNames, fqdnEgressPort } from "./validate-fqdn";
import { CILIUM_NETWORK_POLICY, CLUSTER_DNS, DNS_PORT, NAMESPACE_NAME_LABEL, POD_SECURITY_ADMISSION } from "../facts";
import { deepFreeze } from "../private/freeze";

/** CPU and memory amounts, as Kubernetes quantities. */
export interface ResourceAmounts {
  /** CPU, e.g. `"250m"` or `"1"`. */
  readonly cpu?: string;
  /** Memory, e.g. `"256Mi"` or `"1Gi"`. */
  readonly memory?: string;
}

/**
 * An explicit allowance of services that bypass the WAF (LoadBalancer or NodePort) in a
 * namespace's quota: how many, and why. The reason is recorded as an acknowledgement of
 * K8S-4 on the quota and shown in the compliance report.
 */
export interface ServiceAllowance {
  /** How many such services the namespace may have: at least 1. */
  readonly count: number;
  /** Why the namespace needs them (at least 10 characters), e.g. the change that approved it. */
  readonly reason: string;
}

/** The namespace's ResourceQuota (K8S-4). Every field has a default. */
export interface NamespaceQuota {
  /** Sum of CPU requests (`requests.cpu`). @default "4" */
  readonly requestsCpu?: string;
  /** Sum of memory requests (`requests.memory`). @default "8Gi" */
  readonly requestsMemory?: string;
  /** Sum of CPU limits (`limits.cpu`). @default "8" */
  readonly limitsCpu?: string;
  /** Sum of memory limits (`limits.memory`). @default "16Gi" */
  readonly limitsMemory?: string;
  /** Number of pods. @default 50 */
  readonly pods?: number;
  /**
   * Services of type LoadBalancer (`services.loadbalancers`). Ingress comes through the
   * Application Gateway and its WAF (ING-1), so none by default. Allowing some is an
   * opt-out: `{ count, reason }`, recorded as an acknowledgement of K8S-4 on the quota (a
   * bare number above 0 is refused).
   *
   * @default 0
   */
  readonly loadBalancerServices?: number | ServiceAllowance;
  /**
   * Services of type NodePort (`services.nodeports`): they open a port on every node, past
   * the WAF. Allowing some is an opt-out like `loadBalancerServices`: `{ count, reason }`.
   *
   * @default 0
   */
  readonly nodePortServices?: number | ServiceAllowance;
  /**
   * Persistent volume claims (`persistentvolumeclaims`).
   *
   * @default - not limited by count
   */
  readonly persistentVolumeClaims?: number;
}

/** Props of `SecureNamespace`. */
export interface SecureNamespaceProps {
  /**
   * The namespace's name: a DNS-1123 label, not one the platform owns (see
   * `RESERVED_NAMESPACES`, and nothing starting with `kube-`).
   */
  readonly name: string;
  /**
   * The Pod Security Standards version the `restricted` level is pinned to (K8S-1): the
   * cluster's minor version as `v1.<minor>`, or `latest`. Pinning keeps a cluster upgrade
   * from tightening the rules under running workloads; `latest` follows the cluster.
   *
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
   * @default "latest"
   */
  readonly podSecurityVersion?: string;
  /**
   * More labels for the namespace. The `pod-security.kubernetes.io/*` labels are the
   * library's and cannot be set here.
   *
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations for the namespace. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * Ingress allowed beyond the default deny, to every pod of the namespace. Use
   * `IngressAllow.fromNamespace(...)` or `IngressAllow.fromCidr(...)`.
   *
   * @default - none: nothing can reach the namespace's pods
   */
  readonly allowIngressFrom?: readonly IngressAllowRule[];
  /**
   * Egress allowed beyond the default deny and DNS, from every pod of the namespace. Use
   * `EgressAllow.toNamespace(...)`, `EgressAllow.toCidr(...)`, `EgressAllow.internet(...)`,
   * or `EgressAllow.fqdns(...)` for hosts by name (a `CiliumNetworkPolicy`: the cluster must
   * run ACNS security, NET-6). A range that contains 169.254.169.254 must exclude it.
   *
   * @default - none: pods can only resolve names
   */
  readonly allowEgressTo?: readonly EgressAllowRule[];
  /**
   * Requests a container gets when it sets none (LimitRange `defaultRequest`).
   *
   * @default { cpu: "100m", memory: "128Mi" }
   */
  readonly defaultRequests?: ResourceAmounts;
  /**
   * Limits a container gets when it sets none (LimitRange `default`).
   *
   * @default { cpu: "500m", memory: "512Mi" }
   */
  readonly defaultLimits?: ResourceAmounts;
  /** The namespace's quota. @default - see `NamespaceQuota` */
  readonly quota?: NamespaceQuota;
  /**
   * Entra groups bound to the built-in `admin` ClusterRole in this namespace (K8S-5).
   * With Azure RBAC for authorization, you can grant the same with
   * `NamespaceRoleAssignments` in the Azure stack instead.
   *
   * @default - none
   */
  readonly adminGroupObjectIds?: readonly string[];
  /** Entra groups bound to the built-in `edit` ClusterRole in this namespace. @default - none */
  readonly editorGroupObjectIds?: readonly string[];
  /**
   * Entra groups bound to the built-in `view` ClusterRole in this namespace (read-only,
   * no secrets).
   *
   * @default - none
   */
  readonly readerGroupObjectIds?: readonly string[];
}

/** Defaults of `SecureNamespace`, and where they come from. */
export const SECURE_NAMESPACE_DEFAULTS = deepFreeze({
  /** The Pod Security Standards version the `restricted` level follows: the cluster's own. */
  podSecurityVersion: "latest",
  /** Small enough to pack, large enough for a typical web container to start. */
  defaultRequests: {
    /** CPU a container requests when it sets none. */
    cpu: "100m",
    /** Memory a container requests when it sets none. */
    memory: "128Mi",
  },
  /** Limits a container gets when it sets none, so no container can take a whole node. */
  defaultLimits: {
    /** CPU limit of a container that sets none. */
    cpu: "500m",
    /** Memory limit of a container that sets none. */
    memory: "512Mi",
  },
  /** The namespace's quota: what one team's workloads can take from the cluster in total. */
  quota: {
    /** Sum of CPU requests (`requests.cpu`). */
    requestsCpu: "4",
    /** Sum of memory requests (`requests.memory`). */
    requestsMemory: "8Gi",
    /** Sum of CPU limits (`limits.cpu`). */
    limitsCpu: "8",
    /** Sum of memory limits (`limits.memory`). */
    limitsMemory: "16Gi",
    /** Number of pods. */
    pods: 50,
    /** No LoadBalancer services: ingress comes through the Application Gateway and its WAF (ING-1). */
    loadBalancerServices: 0,
    /** No NodePort services: they open a port on every node, past the WAF. */
    nodePortServices: 0,
  },
});

export { CLUSTER_DNS, NAMESPACE_NAME_LABEL } from "../facts";

const POD_SECURITY_PREFIX = POD_SECURITY_ADMISSION.labelPrefix;
const RBAC_API_GROUP = "rbac.authorization.k8s.io";
/** The protocols a network policy port takes. */
const PROTOCOLS: readonly NonNullable<NetworkPort["protocol"]>[] = ["TCP", "UDP", "SCTP"];

/**
 * A namespace locked down from the start (K8S-1 to K8S-5, EGR-3): Pod Security Standards
 * `restricted` for enforce, audit and warn; a default-deny network policy for ingress and
 * egress with DNS to kube-dns allowed explicitly, so the instance metadata endpoint is
 * unreachable; typed allow rules (to namespaces, ranges, or hosts by FQDN through a Cilium
 * policy) that can add traffic but never remove the deny; a
 * LimitRange with default requests and limits; a ResourceQuota with no LoadBalancer or
 * NodePort services; and role bindings for its Entra groups.
 */
export class SecureNamespace extends Construct implements INamespace {
  /** The `kubernetes_namespace_v1` (escape hatch). */
  public readonly resource: NamespaceV1;
  /** The namespace's name. */
  public readonly namespaceName: string;
  public readonly namespaceDependables: readonly ITerraformDependable[];
  /** The network policies, by name: `default-deny-all`, `allow-dns`, and `allow-ingress` / `allow-egress` when rules are given. */
  public readonly networkPolicies: Readonly<Record<string, NetworkPolicyV1>>;
  /**
   * The `CiliumNetworkPolicy` `allow-egress-fqdns` (a `kubernetes_manifest`), when
   * `allowEgressTo` has `EgressAllow.fqdns` rules: their `toFQDNs` rules, and DNS to
   * kube-dns through Cilium's DNS proxy, which is how Cilium learns the names' addresses.
   * Like every `kubernetes_manifest`, it reads the cluster's API during plan, so the
   * cluster must exist with the Cilium data plane (whose CRDs define the kind) and
   * Advanced Container Networking Services security on (`HardenedCluster`'s default,
   * NET-6), without which AKS blocks FQDN policies: plan the in-cluster stack after the
   * cluster stack is applied.
   */
  public readonly fqdnEgressPolicy?: Manifest;
  /** The LimitRange that gives containers without requests or limits the namespace's defaults. */
  public readonly limitRange: LimitRangeV1;
  /** The ResourceQuota that caps the namespace's total requests, limits, pods and services. */
  public readonly resourceQuota: ResourceQuotaV1;
  /** The namespace's `default` service account, managed with token automount off (K8S-7). */
  public readonly defaultServiceAccount: DefaultServiceAccountV1;
  /** The role bindings, by name. */
  public readonly roleBindings: Readonly<Record<string, RoleBindingV1>>;

  constructor(scope: Construct, id: string, props: SecureNamespaceProps) {
    super(scope, id);
    // What a JavaScript caller may leave out or mistype, before anything below reads it.
    throwIfInvalid(this, required("props", props, "object", "{ name: 'payments' }"));
    throwIfInvalid(
      this,
      required("name", props.name, "string", "'payments'"),
      optionalOfKind("allowIngressFrom", props.allowIngressFrom, "array", "[IngressAllow.fromNamespace('web')]"),
      optionalOfKind("allowEgressTo", props.allowEgressTo, "array", "[EgressAllow.internet([{ port: 443 }])]"),
      optionalOfKind("quota", props.quota, "object", "{ pods: 20 }"),
      optionalOfKind("defaultRequests", props.defaultRequests, "object", "{ cpu: '100m' }"),
      optionalOfKind("defaultLimits", props.defaultLimits, "object", "{ cpu: '500m' }"),
      optionalOfKind("adminGroupObjectIds", props.adminGroupObjectIds, "array", "['<Entra group object id>']"),
      optionalOfKind("editorGroupObjectIds", props.editorGroupObjectIds, "array", "['<Entra group object id>']"),
      optionalOfKind("readerGroupObjectIds", props.readerGroupObjectIds, "array", "['<Entra group object id>']"),
    );
    throwIfInvalid(
      this,
      ...(props.allowIngressFrom ?? []).map((rule, i) => required(`allowIngressFrom[${i}]`, rule, "object", "IngressAllow.fromNamespace('web')")),
      ...(props.allowEgressTo ?? []).map((rule, i) => required(`allowEgressTo[${i}]`, rule, "object", "EgressAllow.toNamespace('api')")),
    );
    const defaults = SECURE_NAMESPACE_DEFAULTS;
    const podSecurityVersion = props.podSecurityVersion ?? defaults.podSecurityVersion;
    const requests = {
      cpu: props.defaultRequests?.cpu ?? defaults.defaultRequests.cpu,
      memory: props.defaultRequests?.memory ?? defaults.defaultRequests.memory,
    };
    const limits = {
      cpu: props.defaultLimits?.cpu ?? defaults.defaultLimits.cpu,
      memory: props.defaultLimits?.memory ?? defaults.defaultLimits.memory,
    };
    const q: NamespaceQuota = props.quota ?? {};
    const quota = {
      requestsCpu: q.requestsCpu ?? defaults.quota.requestsCpu,
      requestsMemory: q.requestsMemory ?? defaults.quota.requestsMemory,
      limitsCpu: q.limitsCpu ?? defaults.quota.limitsCpu,
      limitsMemory: q.limitsMemory ?? defaults.quota.limitsMemory,
      pods: q.pods ?? defaults.quota.pods,
      loadBalancerServices: q.loadBalancerServices ?? defaults.quota.loadBalancerServices,
      nodePortServices: q.nodePortServices ?? defaults.quota.nodePortServices,
    };
    const ingressRules = props.allowIngressFrom ?? [];
    const egressRules = props.allowEgressTo ?? [];

    throwIfInvalid(
      this,
      rules.namespaceName("name", props.name),
      rules.podSecurityVersion("podSecurityVersion", podSecurityVersion),
      rules.labels("labels", props.labels),
      ownLabels(props.labels),
      rules.annotations("annotations", props.annotations),
      ...ingressRules.map((rule, i) => allowRule(`allowIngressFrom[${i}]`, rule, "ingress")),
      ...egressRules.map((rule, i) => allowRule(`allowEgressTo[${i}]`, rule, "egress")),
      rules.ingressUnion(
        "allowIngressFrom",
        ingressRules.flatMap((rule, i) => (isCidrPeer(rule) ? [{ prop: `allowIngressFrom[${i}]`, cidr: rule.cidr }] : [])),
      ),
      rules.quantity("defaultRequests.cpu", requests.cpu, "100m"),
      rules.quantity("defaultRequests.memory", requests.memory, "128Mi"),
      rules.quantity("defaultLimits.cpu", limits.cpu, "500m"),
      rules.quantity("defaultLimits.memory", limits.memory, "512Mi"),
      rules.requestNotAboveLimit("defaultRequests.cpu", requests.cpu, "defaultLimits.cpu", limits.cpu),
      rules.requestNotAboveLimit("defaultRequests.memory", requests.memory, "defaultLimits.memory", limits.memory),
      rules.quantity("quota.requestsCpu", quota.requestsCpu, "4"),
      rules.quantity("quota.requestsMemory", quota.requestsMemory, "8Gi"),
      rules.quantity("quota.limitsCpu", quota.limitsCpu, "8"),
      rules.quantity("quota.limitsMemory", quota.limitsMemory, "16Gi"),
      rules.requestNotAboveLimit("quota.requestsCpu", quota.requestsCpu, "quota.limitsCpu", quota.limitsCpu),
      rules.requestNotAboveLimit("quota.requestsMemory", quota.requestsMemory, "quota.limitsMemory", quota.limitsMemory),
      fitsQuota("defaultLimits.cpu", limits.cpu, "quota.limitsCpu", quota.limitsCpu),
      fitsQuota("defaultLimits.memory", limits.memory, "quota.limitsMemory", quota.limitsMemory),
      rules.count("quota.pods", quota.pods, 1),
      rules.serviceAllowance("quota.loadBalancerServices", quota.loadBalancerServices, "LoadBalancer"),
      rules.serviceAllowance("quota.nodePortServices", quota.nodePortServices, "NodePort"),
      rules.count("quota.persistentVolumeClaims", q.persistentVolumeClaims, 0),
      rules.objectIds("adminGroupObjectIds", props.adminGroupObjectIds),
      rules.objectIds("editorGroupObjectIds", props.editorGroupObjectIds),
      rules.objectIds("readerGroupObjectIds", props.readerGroupObjectIds),
    );
    this.rejectDuplicate(props.name);

    this.namespaceName = props.name;
    this.resource = new NamespaceV1(this, "Resource", {
      metadata: {
        name: props.name,
        labels: {
          ...props.labels,
          ...podSecurityLabels(podSecurityVersion),
        },
        annotations: props.annotations ? { ...props.annotations } : undefined,
      },
    });
    // K8S-7: pods that name no service account get no API token. The provider adopts the
    // account Kubernetes creates (it waits for it, then patches automountServiceAccountToken;
    // terraform-provider-kubernetes, resourceKubernetesDefaultServiceAccountCreate).
    this.defaultServiceAccount = new DefaultServiceAccountV1(this, "DefaultServiceAccount", {
      metadata: { namespace: this.resource.metadata.name },
      automountServiceAccountToken: false,
    });
    // What goes into the namespace waits for the account too, or its first pods could start
    // before automount is off and keep a token until they restart.
    this.namespaceDependables = [this.resource, this.defaultServiceAccount];
    const namespace = props.name;
    const inNamespace = (name: string) => ({ name, namespace });
    const dependsOn = [this.resource];

    // K8S-2, K8S-3, EGR-3: deny everything, then allow DNS. Nothing else reaches
    // 169.254.169.254: allow rules to ranges that contain it must carry the except.
    const policies: Record<string, NetworkPolicyV1> = {};
    policies["default-deny-all"] = new NetworkPolicyV1(this, "DefaultDenyAll", {
      metadata: inNamespace("default-deny-all"),
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
      dependsOn,
    });
    policies["allow-dns"] = new NetworkPolicyV1(this, "AllowDns", {
      metadata: inNamespace("allow-dns"),
      spec: {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: CLUSTER_DNS.namespace } },
                podSelector: { matchLabels: { ...CLUSTER_DNS.podLabels } },
              },
            ],
            ports: [
              { port: String(DNS_PORT), protocol: "UDP" },
              { port: String(DNS_PORT), protocol: "TCP" },
            ],
          },
        ],
      },
      dependsOn,
    });
    if (ingressRules.length > 0) {
      policies["allow-ingress"] = new NetworkPolicyV1(this, "AllowIngress", {
        metadata: inNamespace("allow-ingress"),
        spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: ingressRules.map(ingressRule) },
        dependsOn,
      });
    }
    const fqdnRules = egressRules.filter(isFqdnPeer);
    const addressRules = egressRules.filter((rule): rule is Exclude<EgressAllowRule, FqdnPeer> => !isFqdnPeer(rule));
    if (addressRules.length > 0) {
      policies["allow-egress"] = new NetworkPolicyV1(this, "AllowEgress", {
        metadata: inNamespace("allow-egress"),
        spec: { podSelector: {}, policyTypes: ["Egress"], egress: addressRules.map(egressRule) },
        dependsOn,
      });
    }
    this.networkPolicies = policies;
    // Cilium adds the allows of every policy that selects a pod, so this opens the names on
    // top of the default deny without weakening it (K8S-2, K8S-3 still hold).
    if (fqdnRules.length > 0) {
      this.fqdnEgressPolicy = new Manifest(this, "AllowEgressFqdns", {
        manifest: fqdnEgressManifest(namespace, fqdnRules),
        dependsOn,
      });
    }

    // K8S-4
    this.limitRange = new LimitRangeV1(this, "LimitRange", {
      metadata: inNamespace("default-resources"),
      spec: {
        limit: [
          {
            type: "Container",
            defaultRequest: { ...requests },
            default: { ...limits },
          },
        ],
      },
      dependsOn,
    });
    const hard: Record<string, string> = {
      "requests.cpu": quota.requestsCpu,
      "requests.memory": quota.requestsMemory,
      "limits.cpu": quota.limitsCpu,
      "limits.memory": quota.limitsMemory,
      pods: countText(quota.pods),
      "services.loadbalancers": countText(allowed(quota.loadBalancerServices)),
      "services.nodeports": countText(allowed(quota.nodePortServices)),
    };
    if (q.persistentVolumeClaims !== undefined) hard.persistentvolumeclaims = countText(q.persistentVolumeClaims);
    this.resourceQuota = new ResourceQuotaV1(this, "Quota", {
      metadata: inNamespace("namespace-quota"),
      spec: { hard },
      dependsOn,
    });
    // The opt-out is the acknowledgement: K8S-4 fails a quota that allows these services,
    // and this reason (on the quota alone) is what the report shows for it.
    const reasons = [
      ["services.loadbalancers", quota.loadBalancerServices],
      ["services.nodeports", quota.nodePortServices],
    ].flatMap(([key, value]) => (typeof value === "object" ? [`${key as string}: ${(value as ServiceAllowance).reason}`] : []));
    if (reasons.length > 0) Compliance.acknowledge(this.resourceQuota, "K8S-4", reasons.join("; "));

    // K8S-5
    const bindings: Record<string, RoleBindingV1> = {};
    const bind = (id: string, name: string, clusterRole: string, groups: readonly string[] | undefined) => {
      if (!groups || (!isToken(groups) && groups.length === 0)) return;
      bindings[name] = new RoleBindingV1(this, id, {
        metadata: inNamespace(name),
        roleRef: { apiGroup: RBAC_API_GROUP, kind: "ClusterRole", name: clusterRole },
        subject: entraGroups(groups),
        dependsOn,
      });
    };
    bind("Admins", "namespace-admins", "admin", props.adminGroupObjectIds);
    bind("Editors", "namespace-editors", "edit", props.editorGroupObjectIds);
    bind("Readers", "namespace-readers", "view", props.readerGroupObjectIds);
    this.roleBindings = bindings;
  }

  private rejectDuplicate(name: string): void {
    if (isToken(name)) return;
    const twin = TerraformStack.of(this)
      .node.findAll()
      .find((c) => c !== this && c instanceof SecureNamespace && c.namespaceName === name);
    if (twin) {
      throw new ValidationError(`name '${name}' is already used by the SecureNamespace at ${twin.node.path}; each namespace is created once.`, this);
    }
  }
}

/** The Pod Security Standards labels: restricted for enforce, audit and warn (K8S-1). */
export function podSecurityLabels(version: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const mode of POD_SECURITY_ADMISSION.modes) {
    result[`${POD_SECURITY_PREFIX}${mode}`] = POD_SECURITY_ADMISSION.restricted;
    result[`${POD_SECURITY_PREFIX}${mode}-version`] = version;
  }
  return result;
}

/** RBAC subjects for Entra groups: kind Group, named by object id. @internal */
export function entraGroups(objectIds: readonly string[]) {
  return objectIds.map((name) => ({ apiGroup: RBAC_API_GROUP, kind: "Group", name }));
}

/** A number a quota allowance stands for. */
function allowed(value: number | ServiceAllowance): number {
  return typeof value === "object" ? value.count : value;
}

function ownLabels(labels: Readonly<Record<string, string>> | undefined): Verdict {
  const key = Object.keys(labels ?? {}).find((k) => k.startsWith(POD_SECURITY_PREFIX));
  return key
    ? `labels must not set '${key}': the Pod Security labels are the library's (restricted, K8S-1). Pin the version with podSecurityVersion.`
    : undefined;
}

function fitsQuota(limitProp: string, limit: string | undefined, quotaProp: string, quota: string | undefined): Verdict {
  if (rules.requestNotAboveLimit(limitProp, limit, quotaProp, quota) === undefined) return undefined;
  return `${limitProp} ('${limit}') must not be greater than ${quotaProp} ('${quota}'): a single container with the default limits would not fit in the quota. Lower the default or raise the quota.`;
}

function allowRule(prop: string, rule: IngressAllowRule | EgressAllowRule, direction: "ingress" | "egress"): Verdict {
  if (isFqdnPeer(rule) && direction === "ingress") {
    return `${prop} is an FQDN rule (fqdns ${describe(rule.fqdns)}), which selects destinations only: a namespace cannot receive traffic by name. Allow the sources with IngressAllow.fromCidr(...) or IngressAllow.fromNamespace(...).`;
  }
  if (rule.ports !== undefined && !isToken(rule.ports) && !Array.isArray(rule.ports)) {
    return `${prop}.ports must be a list of ports, e.g. [{ port: 443 }]; got ${describe(rule.ports)}.`;
  }
  const portVerdicts = isToken(rule.ports)
    ? []
    : (rule.ports ?? []).map(
        (p, i) =>
          required(`${prop}.ports[${i}]`, p, "object", "{ port: 443 }") ??
          rules.networkPort(`${prop}.ports[${i}]`, p.port, p.endPort) ??
          oneOf(`${prop}.ports[${i}].protocol`, p.protocol, PROTOCOLS),
      );
  const badPort = portVerdicts.find((v) => v !== undefined);
  if (badPort) return badPort;
  if (isFqdnPeer(rule)) return fqdnRule(prop, rule);
  if (isCidrPeer(rule)) {
    if (isToken(rule.ports)) {
      return `${prop}.ports must be a list written in the code for a CIDR rule (its entries may be tokens): a CIDR rule never opens every port, and a list known only when Terraform runs cannot be checked for that. Write the list, e.g. [{ port: 443 }].`;
    }
    if ((rule.ports ?? []).length === 0) {
      return `${prop}.ports must list at least one port: a CIDR rule never opens every port. List the ports the traffic uses, e.g. [{ port: 443 }].`;
    }
    const allPorts = rules.portsNotAll(prop, rule.ports);
    if (allPorts) return allPorts;
    const except = rule.except ?? [];
    const shape =
      required(`${prop}.cidr`, rule.cidr, "string", "'10.240.1.0/24'") ??
      (isToken(except) || Array.isArray(except) ? undefined : `${prop}.except must be a list of CIDRs, e.g. ['10.240.1.128/25']; got ${describe(except)}.`) ??
      (isToken(except) ? undefined : except.map((e, i) => required(`${prop}.except[${i}]`, e, "string", "'10.240.1.128/25'")).find((v) => v !== undefined));
    if (shape) return shape;
    return direction === "egress" ? rules.egressCidr(prop, rule.cidr, except) : rules.ingressCidr(prop, rule.cidr, except);
  }
  if ((rule as { namespace?: string }).namespace === undefined) {
    return `${prop} must name a namespace (NamespacePeer) or a cidr (CidrPeer).`;
  }
  return (
    required(`${prop}.namespace`, rule.namespace, "string", "'web'") ??
    rules.dns1123Label(`${prop}.namespace`, rule.namespace) ??
    rules.labels(`${prop}.podLabels`, rule.podLabels)
  );
}

/** An FQDN rule: a written, non-empty list of numeric ports that is not every port, and names that are no catch-all. */
function fqdnRule(prop: string, rule: FqdnPeer): Verdict {
  if (isToken(rule.ports)) {
    return `${prop}.ports must be a list written in the code for an FQDN rule (its entries may be tokens): an FQDN rule never opens every port, and a list known only when Terraform runs cannot be checked for that. Write the list, e.g. [{ port: 443 }].`;
  }
  if ((rule.ports ?? []).length === 0) {
    return `${prop}.ports must list at least one port: an FQDN rule never opens every port. List the ports the traffic uses, e.g. [{ port: 443 }].`;
  }
  const named = rule.ports.map((p, i) => fqdnEgressPort(`${prop}.ports[${i}].port`, p.port)).find((v) => v !== undefined);
  if (named) return named;
  const allPorts = rules.portsNotAll(prop, rule.ports)?.replace("A CIDR rule", "An FQDN rule");
  if (allPorts) return allPorts;
  if (isToken(rule.fqdns)) {
    return `${prop}.fqdns must be a list written in the code (its entries may be tokens): each name becomes its own Cilium selector, a name or a pattern. Write the list, e.g. ['api.github.com'].`;
  }
  return fqdnEgressNames(`${prop}.fqdns`, rule.fqdns).find((v) => v !== undefined);
}

/**
 * The CiliumNetworkPolicy (cilium.io/v2) for a namespace's FQDN rules, as Microsoft's ACNS
 * FQDN filtering how-to writes it: per rule, `toFQDNs` with its ports; and DNS to kube-dns
 * on port 53 with a `rules.dns` section, which is mandatory: without it Cilium passes the
 * DNS traffic without reading it, learns no address, and every connection to the names is
 * dropped. `matchPattern: "*"` there lets the pods resolve any name (resolving is not
 * reaching: only the `toFQDNs` names are reachable).
 */
function fqdnEgressManifest(namespace: string, fqdnRules: readonly FqdnPeer[]): Record<string, unknown> {
  return {
    apiVersion: CILIUM_NETWORK_POLICY.apiVersion,
    kind: CILIUM_NETWORK_POLICY.kind,
    metadata: { name: "allow-egress-fqdns", namespace },
    spec: {
      endpointSelector: {},
      egress: [
        ...fqdnRules.map((rule) => ({
          // A literal name is matched exactly; a wildcard, or a name known only when
          // Terraform runs, as a pattern (a pattern without '*' matches the name alone).
          toFQDNs: rule.fqdns.map((fqdn) => (isToken(fqdn) || fqdn.includes("*") ? { matchPattern: fqdn } : { matchName: fqdn })),
          toPorts: [{ ports: rule.ports.map((p) => ({ port: String(p.port), protocol: p.protocol ?? "TCP", ...(p.endPort === undefined ? {} : { endPort: p.endPort }) })) }],
        })),
        {
          toEndpoints: [{ matchLabels: { "k8s:io.kubernetes.pod.namespace": CLUSTER_DNS.namespace, ...Object.fromEntries(Object.entries(CLUSTER_DNS.podLabels).map(([k, v]) => [`k8s:${k}`, v])) } }],
          toPorts: [{ ports: [{ port: String(DNS_PORT), protocol: "ANY" }], rules: { dns: [{ matchPattern: "*" }] } }],
        },
      ],
    },
  };
}

function ports(list: readonly NetworkPort[] | undefined) {
  if (list === undefined) return undefined;
  // A whole list known only when Terraform runs goes through as the reference it is.
  if (isToken(list)) return list as unknown as IResolvable;
  return list.map((p) => ({
    port: String(p.port),
    protocol: p.protocol ?? "TCP",
    endPort: p.endPort,
  }));
}

function namespacePeer(namespace: string, podLabels: Readonly<Record<string, string>> | undefined) {
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
    podSelector: podLabels ? { matchLabels: { ...podLabels } } : undefined,
  };
}

function ingressRule(rule: IngressAllowRule): NetworkPolicyV1SpecIngress {
  const from = isCidrPeer(rule)
    ? { ipBlock: { cidr: rule.cidr, except: rule.except && rule.except.length > 0 ? [...rule.except] : undefined } }
    : namespacePeer(rule.namespace, rule.podLabels);
  return { from: [from], ports: ports(rule.ports) };
}

function egressRule(rule: Exclude<EgressAllowRule, FqdnPeer>): NetworkPolicyV1SpecEgress {
  const to = isCidrPeer(rule)
    ? { ipBlock: { cidr: rule.cidr, except: rule.except && rule.except.length > 0 ? [...rule.except] : undefined } }
    : namespacePeer(rule.namespace, rule.podLabels);
  return { to: [to], ports: ports(rule.ports) };
}

/** A count as the text Kubernetes quotas take (a number token stays a reference). */
function countText(value: number): string {
  return isToken(value) ? Token.asString(value) : String(value);
}
