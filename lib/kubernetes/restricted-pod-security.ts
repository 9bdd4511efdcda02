import type {
  DeploymentV1SpecTemplateSpecContainerResources,
  DeploymentV1SpecTemplateSpecContainerSecurityContext,
  DeploymentV1SpecTemplateSpecSecurityContext,
} from "../private/kubernetes";
import { ValidationError } from "../errors";
import type { ResourceAmounts } from "./secure-namespace";
import { deepFreeze } from "../private/freeze";

/** Options of `restrictedPodSecurity`. */
export interface RestrictedPodSecurityOptions {
  /**
   * The user id containers run as: not 0.
   *
   * @default 10001
   */
  readonly runAsUser?: number;
  /** The group id. @default - the same as runAsUser */
  readonly runAsGroup?: number;
  /** Container requests. @default { cpu: "100m", memory: "128Mi" } */
  readonly requests?: ResourceAmounts;
  /** Container limits. @default { cpu: "500m", memory: "512Mi" } */
  readonly limits?: ResourceAmounts;
}

/** The security settings and resources of a workload the library templates. */
export interface RestrictedPodSecurity {
  /** For the pod's `security_context`. */
  readonly podSecurityContext: DeploymentV1SpecTemplateSpecSecurityContext;
  /** For each container's `security_context`. */
  readonly containerSecurityContext: DeploymentV1SpecTemplateSpecContainerSecurityContext;
  /** For each container's `resources`. */
  readonly resources: DeploymentV1SpecTemplateSpecContainerResources;
}

/** The defaults of `restrictedPodSecurity`. */
export const RESTRICTED_POD_DEFAULTS = deepFreeze({
  /** A high, unprivileged id that does not collide with users of common base images. */
  runAsUser: 10001,
  /** Requests when the options give none: what the scheduler reserves for the container on a node. */
  requests: {
    /** CPU the container requests when the options give none. */
    cpu: "100m",
    /** Memory the container requests when the options give none. */
    memory: "128Mi",
  },
  /** Limits when the options give none, so one container cannot take a whole node. */
  limits: {
    /** CPU limit of the container when the options give none. */
    cpu: "500m",
    /** Memory limit of the container when the options give none. */
    memory: "512Mi",
  },
});

/**
 * Pod and container settings that pass the Pod Security Standards `restricted` level and go
 * further (K8S-6): non-root with a non-zero user id, no privilege escalation, read-only
 * root filesystem, every capability dropped, seccomp `RuntimeDefault`, and requests and
 * limits. Every workload the library templates uses it. Pure: throws on a root user id.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export function restrictedPodSecurity(options: RestrictedPodSecurityOptions = {}): RestrictedPodSecurity {
  const user = options.runAsUser ?? RESTRICTED_POD_DEFAULTS.runAsUser;
  const group = options.runAsGroup ?? user;
  for (const [name, id] of [
    ["runAsUser", user],
    ["runAsGroup", group],
  ] as const) {
    if (!Number.isInteger(id) || id < 1) {
      // eslint-disable-next-line no-restricted-syntax -- a pure helper users call: no construct at hand
      throw new ValidationError(`${name} must be a whole number above 0 (containers never run as root, K8S-6); got ${id}.`);
    }
  }
  const seccompProfile = { type: "RuntimeDefault" };
  return {
    podSecurityContext: {
      runAsNonRoot: true,
      runAsUser: String(user),
      runAsGroup: String(group),
      fsGroup: String(group),
      seccompProfile,
    },
    containerSecurityContext: {
      runAsNonRoot: true,
      runAsUser: String(user),
      runAsGroup: String(group),
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile,
    },
    resources: {
      requests: {
        cpu: options.requests?.cpu ?? RESTRICTED_POD_DEFAULTS.requests.cpu,
        memory: options.requests?.memory ?? RESTRICTED_POD_DEFAULTS.requests.memory,
      },
      limits: {
        cpu: options.limits?.cpu ?? RESTRICTED_POD_DEFAULTS.limits.cpu,
        memory: options.limits?.memory ?? RESTRICTED_POD_DEFAULTS.limits.memory,
      },
    },
  };
}
