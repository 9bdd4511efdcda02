import { Construct, Token, type TerraformMetaArguments } from "../private/cdktf";
import {
  deploymentV1Class,
  type DeploymentV1,
  type DeploymentV1Config,
  type DeploymentV1SpecTemplateSpecContainerVolumeMount,
  type DeploymentV1SpecTemplateSpecVolume,
} from "../private/kubernetes";
import { integerBetween, isToken, optionalOfKind, reason, required, throwIfInvalid, type Verdict } from "../private/validate";
import { Compliance } from "../compliance/compliance";
import { IMAGE_DIGEST_SUFFIX } from "../facts";
import type { KeyVaultSecretProviderClass } from "./key-vault-secret-provider-class";
import { SECRETS_STORE_CSI_DRIVER } from "./key-vault-secret-provider-class";
import { resolveNamespace, type NamespaceRef } from "./namespace-ref";
import { RESTRICTED_POD_DEFAULTS, restrictedPodSecurity } from "./restricted-pod-security";
import type { ResourceAmounts } from "./secure-namespace";
import * as rules from "./validate";
import { WORKLOAD_IDENTITY_USE_LABEL, type WorkloadServiceAccount } from "./workload-service-account";

/** Where mounted Key Vault objects appear in the container. */
export const SECRETS_MOUNT_PATH = "/mnt/secrets-store";

/**
 * How Kubernetes checks the container: an HTTP GET of `path` on `port`, or, without `path`,
 * a TCP connection to `port`.
 */
export interface ContainerProbe {
  /** The HTTP path, e.g. `/healthz`. @default - none: a TCP check of `port` */
  readonly path?: string;
  /** The container port probed (1-65535). */
  readonly port: number;
  /** Seconds after the container starts before the first probe. @default 5 for readiness, 30 for liveness */
  readonly initialDelaySeconds?: number;
  /** Seconds between probes. @default 10 */
  readonly periodSeconds?: number;
}

/** Props of `RestrictedDeployment`. */
export interface RestrictedDeploymentProps {
  /** The namespace. */
  readonly namespace: NamespaceRef;
  /** The deployment's name (a DNS-1123 label); also its `app.kubernetes.io/name` label. */
  readonly name: string;
  /**
   * The image, e.g. from the private registry: a reference
   * `[registry/]repository[:tag][@digest]` with a lower-case repository, pinned by digest
   * (`...@sha256:<64 hex>`), so every node runs the bytes that were reviewed and
   * `IfNotPresent` is safe. A tag (not `latest`) is accepted but fails IMG-4 until
   * acknowledged (`Compliance.acknowledge(deployment, "IMG-4", reason)`); tagged images are
   * pulled `Always`.
   */
  readonly image: string;
  /**
   * When the pod receives traffic: Kubernetes sends none until it passes (K8S-8).
   *
   * @default - none: required unless `withoutProbes` says why
   */
  readonly readinessProbe?: ContainerProbe;
  /**
   * When Kubernetes restarts the container: a hung process is replaced (K8S-8).
   *
   * @default - none: required unless `withoutProbes` says why
   */
  readonly livenessProbe?: ContainerProbe;
  /**
   * Opt-out: run without probes, for a workload with no health endpoint or port. The reason
   * is recorded as the acknowledgement of K8S-8 on the deployment.
   *
   * @default - none: both probes are required
   */
  readonly withoutProbes?: {
    /** Why the workload runs without probes (at least 10 characters), recorded with the K8S-8 acknowledgement. */
    readonly reason: string;
  };
  /** Replicas. @default 2 */
  readonly replicas?: number;
  /** The port the container listens on. @default - none */
  readonly containerPort?: number;
  /**
   * Environment variables (no secrets: mount them from Key Vault). Names are printable ASCII
   * other than '=' (Kubernetes' rule since 1.34).
   *
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The workload identity service account. The pods then carry
   * `azure.workload.identity/use: "true"`.
   *
   * @default - the namespace's default service account, no workload identity
   */
  readonly serviceAccount?: WorkloadServiceAccount;
  /**
   * Key Vault objects to mount read-only at `/mnt/secrets-store` (needs `serviceAccount`
   * with the same identity).
   *
   * @default - none
   */
  readonly secretProviderClass?: KeyVaultSecretProviderClass;
  /** The user id. @default 10001 */
  readonly runAsUser?: number;
  /** Requests. @default { cpu: "100m", memory: "128Mi" } */
  readonly requests?: ResourceAmounts;
  /** Limits. @default { cpu: "500m", memory: "512Mi" } */
  readonly limits?: ResourceAmounts;
}

/**
 * A Deployment that passes Pod Security `restricted` (K8S-6): `restrictedPodSecurity()` for
 * the pod and its container, a writable `/tmp` (the root filesystem is read-only), no
 * Kubernetes API token, and optionally workload identity and Key Vault objects mounted
 * through the Secrets Store CSI driver (SEC-1). For an example app or a simple service.
 */
export class RestrictedDeployment extends Construct {
  /** The `kubernetes_deployment_v1` (escape hatch: `addOverride`). */
  public readonly resource: DeploymentV1;
  /** The labels of its pods (and its selector). */
  public readonly podLabels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: RestrictedDeploymentProps) {
    super(scope, id);
    // What a JavaScript caller may leave out or mistype, before anything below reads it.
    throwIfInvalid(this, required("props", props, "object", "{ namespace, name: 'payments-api', image: 'craksprod.azurecr.io/payments/api:1.4.2' }"));
    throwIfInvalid(
      this,
      rules.namespaceRef("namespace", props.namespace),
      required("name", props.name, "string", "'payments-api'"),
      required("image", props.image, "string", "'craksprod.azurecr.io/payments/api:1.4.2'"),
      optionalOfKind("serviceAccount", props.serviceAccount, "object", "a WorkloadServiceAccount"),
      optionalOfKind("secretProviderClass", props.secretProviderClass, "object", "a KeyVaultSecretProviderClass"),
    );
    const ns = resolveNamespace(props.namespace);
    const requests = { ...RESTRICTED_POD_DEFAULTS.requests, ...definedOnly(props.requests) };
    const limits = { ...RESTRICTED_POD_DEFAULTS.limits, ...definedOnly(props.limits) };
    throwIfInvalid(
      this,
      rules.dns1123Label("namespace", ns.name),
      rules.dns1123Label("name", props.name),
      rules.imageReference("image", props.image) ?? pinnedImage("image", props.image),
      rules.envVarNames("env", props.env),
      integerBetween("replicas", props.replicas, 0, 1000, "a Deployment's replica count"),
      integerBetween("containerPort", props.containerPort, 1, 65535, "a TCP port"),
      integerBetween("runAsUser", props.runAsUser, 1, 2147483647, "containers never run as root (K8S-6)"),
      rules.quantity("requests.cpu", requests.cpu, "100m"),
      rules.quantity("requests.memory", requests.memory, "128Mi"),
      rules.quantity("limits.cpu", limits.cpu, "500m"),
      rules.quantity("limits.memory", limits.memory, "512Mi"),
      rules.requestNotAboveLimit("requests.cpu", requests.cpu, "limits.cpu", limits.cpu),
      rules.requestNotAboveLimit("requests.memory", requests.memory, "limits.memory", limits.memory),
      sameNamespace(ns.name, props.serviceAccount, props.secretProviderClass),
      ...probeVerdicts(props),
    );
    const security = restrictedPodSecurity({ runAsUser: props.runAsUser, requests, limits });
    const podLabels: Record<string, string> = { "app.kubernetes.io/name": props.name };
    if (props.serviceAccount) podLabels[WORKLOAD_IDENTITY_USE_LABEL] = "true";
    this.podLabels = podLabels;

    const volumes: DeploymentV1SpecTemplateSpecVolume[] = [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }];
    const mounts: DeploymentV1SpecTemplateSpecContainerVolumeMount[] = [{ name: "tmp", mountPath: "/tmp" }];
    if (props.secretProviderClass) {
      volumes.push({
        name: "secrets-store",
        csi: {
          driver: SECRETS_STORE_CSI_DRIVER,
          readOnly: true,
          volumeAttributes: { secretProviderClass: props.secretProviderClass.secretProviderClassName },
        },
      });
      mounts.push({ name: "secrets-store", mountPath: SECRETS_MOUNT_PATH, readOnly: true });
    }
    const dependsOn = [
      ...(ns.dependsOn ?? []),
      ...(props.serviceAccount ? [props.serviceAccount.resource] : []),
      ...(props.secretProviderClass ? [props.secretProviderClass.resource] : []),
    ];

    const attributes: Omit<DeploymentV1Config, keyof TerraformMetaArguments> = {
      metadata: { name: props.name, namespace: ns.name, labels: { "app.kubernetes.io/name": props.name } },
      spec: {
        replicas: isToken(props.replicas) ? Token.asString(props.replicas) : String(props.replicas ?? 2),
        selector: { matchLabels: { "app.kubernetes.io/name": props.name } },
        template: {
          metadata: { labels: podLabels },
          spec: {
            serviceAccountName: props.serviceAccount?.serviceAccountName,
            automountServiceAccountToken: false,
            securityContext: security.podSecurityContext,
            container: [
              {
                name: props.name,
                image: props.image,
                // A digest names the bytes, so a cached copy is the same image; a tag may move.
                // An image from a variable is pulled Always unless its digest is written in.
                imagePullPolicy: IMAGE_DIGEST_SUFFIX.test(props.image) ? "IfNotPresent" : "Always",
                readinessProbe: props.readinessProbe && probe(props.readinessProbe, 5),
                // Later than readiness: a slow start (a JVM, migrations) must not be restarted in a loop.
                livenessProbe: props.livenessProbe && probe(props.livenessProbe, 30),
                port: props.containerPort !== undefined ? [{ containerPort: props.containerPort, protocol: "TCP" }] : undefined,
                env: props.env ? Object.entries(props.env).map(([name, value]) => ({ name, value })) : undefined,
                securityContext: security.containerSecurityContext,
                resources: security.resources,
                volumeMount: mounts,
              },
            ],
            volume: volumes,
          },
        },
      },
    };
    const DeploymentV1 = deploymentV1Class();
    this.resource = new DeploymentV1(this, "Resource", { ...attributes, dependsOn: dependsOn.length > 0 ? dependsOn : undefined });
    if (props.withoutProbes) Compliance.acknowledge(this.resource, "K8S-8", props.withoutProbes.reason);
  }
}


/** Both probes, or the opt-out with its reason; never both. */
function probeVerdicts(props: RestrictedDeploymentProps): Verdict[] {
  const given = [props.readinessProbe, props.livenessProbe].filter((p) => p !== undefined).length;
  if (props.withoutProbes !== undefined) {
    if (given > 0) return ["withoutProbes and readinessProbe/livenessProbe contradict each other: keep the probes, or remove them and keep withoutProbes."];
    return [required("withoutProbes", props.withoutProbes, "object", "{ reason: 'a batch worker with no port' }") ?? reason("withoutProbes.reason", props.withoutProbes.reason, "why the workload runs without probes")];
  }
  if (given < 2) {
    const missing = [props.readinessProbe ? undefined : "readinessProbe", props.livenessProbe ? undefined : "livenessProbe"].filter((p) => p !== undefined).join(" and ");
    return [
      `${missing} ${missing.includes(" and ") ? "are" : "is"} required (K8S-8): without a readiness probe Kubernetes sends traffic to pods that are not ready, without a liveness probe a hung container is never restarted. Give e.g. { path: '/healthz', port: 8080 }, or withoutProbes: { reason } for a workload with no health endpoint.`,
    ];
  }
  return (["readinessProbe", "livenessProbe"] as const).flatMap((prop) => {
    const p = props[prop]!;
    return [
      required(prop, p, "object", "{ path: '/healthz', port: 8080 }"),
      integerBetween(`${prop}.port`, p?.port, 1, 65535, "a container port"),
      p?.path === undefined || isToken(p.path) || (typeof p.path === "string" && p.path.startsWith("/"))
        ? undefined
        : `${prop}.path must be an HTTP path starting with '/', e.g. '/healthz'; got ${JSON.stringify(p.path)}.`,
      integerBetween(`${prop}.initialDelaySeconds`, p?.initialDelaySeconds, 0, 3600, "seconds"),
      integerBetween(`${prop}.periodSeconds`, p?.periodSeconds, 1, 3600, "seconds"),
    ];
  });
}

/** A probe as the generated class takes it. */
function probe(p: ContainerProbe, initialDelaySeconds: number) {
  const port = isToken(p.port) ? Token.asString(p.port) : String(p.port);
  return {
    httpGet: p.path !== undefined ? { path: p.path, port } : undefined,
    tcpSocket: p.path === undefined ? [{ port }] : undefined,
    initialDelaySeconds: p.initialDelaySeconds ?? initialDelaySeconds,
    periodSeconds: p.periodSeconds ?? 10,
  };
}

function definedOnly(amounts: ResourceAmounts | undefined): ResourceAmounts {
  const result: { cpu?: string; memory?: string } = {};
  if (amounts?.cpu !== undefined) result.cpu = amounts.cpu;
  if (amounts?.memory !== undefined) result.memory = amounts.memory;
  return result;
}

function pinnedImage(prop: string, image: string): Verdict {
  if (isToken(image)) return undefined;
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const pinned = image.includes("@sha256:") || (lastSegment.includes(":") && !lastSegment.endsWith(":latest"));
  return pinned
    ? undefined
    : `${prop} must be pinned by a tag other than 'latest' or by digest, e.g. 'craksprod.azurecr.io/app:1.4.2'; got '${image}'.`;
}

function sameNamespace(
  namespace: string,
  serviceAccount: WorkloadServiceAccount | undefined,
  secretProviderClass: KeyVaultSecretProviderClass | undefined,
): Verdict {
  if (secretProviderClass && !serviceAccount) {
    return "secretProviderClass needs serviceAccount: the CSI driver reads Key Vault as the pod's workload identity.";
  }
  for (const [prop, other] of [
    ["serviceAccount", serviceAccount?.namespaceName],
    ["secretProviderClass", secretProviderClass?.namespaceName],
  ] as const) {
    if (other !== undefined && !isToken(other) && !isToken(namespace) && other !== namespace) {
      return `${prop} is in namespace '${other}', the deployment in '${namespace}': both must be in the same namespace.`;
    }
  }
  return undefined;
}
