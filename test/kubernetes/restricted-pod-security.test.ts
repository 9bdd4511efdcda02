import {
  KeyVaultSecretProviderClass,
  RestrictedDeployment,
  SecureNamespace,
  WorkloadServiceAccount,
  restrictedPodSecurity,
  type RestrictedDeploymentProps,
} from "hardened-aks";
import { TENANT_ID, kubernetesTestStack, only, synth, PROBES } from "../helpers";

const CLIENT_ID = "66666666-6666-6666-6666-666666666666";

describe("restrictedPodSecurity", () => {
  test("runs as non-root with no privilege escalation, read-only root, no capabilities, seccomp RuntimeDefault (K8S-6)", () => {
    const s = restrictedPodSecurity();
    expect(s.podSecurityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: "10001",
      runAsGroup: "10001",
      fsGroup: "10001",
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(s.containerSecurityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: "10001",
      runAsGroup: "10001",
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(s.resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } });
  });

  test("takes a user, a group and resources", () => {
    const s = restrictedPodSecurity({ runAsUser: 2000, runAsGroup: 3000, requests: { cpu: "50m" }, limits: { memory: "1Gi" } });
    expect(s.containerSecurityContext.runAsUser).toBe("2000");
    expect(s.containerSecurityContext.runAsGroup).toBe("3000");
    expect(s.resources).toEqual({ requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "1Gi" } });
  });

  test.each([0, -1, 1.5])("refuses user id %p", (runAsUser) => {
    expect(() => restrictedPodSecurity({ runAsUser })).toThrow(/runAsUser must be a whole number above 0/);
  });
});

describe("RestrictedDeployment", () => {
  function build(overrides: Partial<RestrictedDeploymentProps> = {}, withIdentity = true) {
    const stack = kubernetesTestStack();
    const ns = new SecureNamespace(stack, "Payments", { name: "payments" });
    const serviceAccount = withIdentity ? new WorkloadServiceAccount(stack, "Sa", { namespace: ns, name: "api", clientId: CLIENT_ID }) : undefined;
    const secretProviderClass = withIdentity
      ? new KeyVaultSecretProviderClass(stack, "Secrets", {
          namespace: ns, name: "api-secrets", keyVaultName: "kv-payments", tenantId: TENANT_ID, clientId: CLIENT_ID,
          objects: [{ name: "db-password", type: "secret" }],
        })
      : undefined;
    new RestrictedDeployment(stack, "Api", { ...PROBES,
      namespace: ns, name: "api", image: "craksprod.azurecr.io/payments/api:1.4.2", containerPort: 8080,
      serviceAccount, secretProviderClass, env: { LOG_LEVEL: "info" }, ...overrides,
    });
    return synth(stack);
  }

  const json = build();
  const deployment = only(json, "kubernetes_deployment_v1");
  const pod = deployment.spec.template.spec;
  const container = pod.container[0];

  test("templates a pod that passes Pod Security restricted (K8S-6)", () => {
    expect(pod.security_context).toEqual({
      run_as_non_root: true,
      run_as_user: "10001",
      run_as_group: "10001",
      fs_group: "10001",
      seccomp_profile: { type: "RuntimeDefault" },
    });
    expect(container.security_context).toEqual({
      run_as_non_root: true,
      run_as_user: "10001",
      run_as_group: "10001",
      allow_privilege_escalation: false,
      privileged: false,
      read_only_root_filesystem: true,
      capabilities: { drop: ["ALL"] },
      seccomp_profile: { type: "RuntimeDefault" },
    });
    expect(container.resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } });
    expect(pod.host_network).toBeUndefined();
    expect(pod.host_pid).toBeUndefined();
    expect(pod.automount_service_account_token).toBe(false);
  });

  test("uses workload identity and mounts Key Vault objects read-only through the CSI driver (SEC-1)", () => {
    expect(deployment.spec.template.metadata.labels).toEqual({ "app.kubernetes.io/name": "api", "azure.workload.identity/use": "true" });
    expect(pod.service_account_name).toBe("api");
    expect(pod.volume).toEqual([
      { name: "tmp", empty_dir: { size_limit: "64Mi" } },
      { name: "secrets-store", csi: { driver: "secrets-store.csi.k8s.io", read_only: true, volume_attributes: { secretProviderClass: "api-secrets" } } },
    ]);
    expect(container.volume_mount).toEqual([
      { name: "tmp", mount_path: "/tmp" },
      { name: "secrets-store", mount_path: "/mnt/secrets-store", read_only: true },
    ]);
    expect(deployment.depends_on).toHaveLength(4);
  });

  test("is selected by its name label, in its namespace", () => {
    expect(deployment.metadata).toEqual({ name: "api", namespace: "payments", labels: { "app.kubernetes.io/name": "api" } });
    expect(deployment.spec.selector).toEqual({ match_labels: { "app.kubernetes.io/name": "api" } });
    expect(deployment.spec.replicas).toBe("2");
    expect(container.env).toEqual([{ name: "LOG_LEVEL", value: "info" }]);
    expect(container.port).toEqual([{ container_port: 8080, protocol: "TCP" }]);
  });

  test("needs no identity when it reads no secrets", () => {
    const plain = only(build({}, false), "kubernetes_deployment_v1");
    expect(plain.spec.template.metadata.labels).toEqual({ "app.kubernetes.io/name": "api" });
    expect(plain.spec.template.spec.service_account_name).toBeUndefined();
  });

  test.each([
    [{ image: "nginx" }, /image must be pinned/],
    [{ image: "craksprod.azurecr.io/api:latest" }, /image must be pinned/],
    [{ runAsUser: 0 }, /runAsUser must be a whole number from 1/],
    [{ replicas: -1 }, /replicas must be a whole number from 0 to 1000/],
    [{ requests: { cpu: "2" } }, /requests.cpu \('2'\) must not be greater than limits.cpu \('500m'\)/],
    [{ limits: { memory: "lots" } }, /limits.memory must be a Kubernetes quantity/],
    [{ name: "API" }, /name must be a DNS-1123 label/],
    [{ namespace: "other" }, /serviceAccount is in namespace 'payments', the deployment in 'other'/],
  ])("rejects %p", (props, message) => {
    expect(() => build(props as Partial<RestrictedDeploymentProps>)).toThrow(message);
  });

  test("accepts an image pinned by digest", () => {
    expect(() => build({ image: `craksprod.azurecr.io/api@sha256:${"a".repeat(64)}` })).not.toThrow();
  });

  test("refuses Key Vault objects without a workload identity", () => {
    const stack = kubernetesTestStack();
    const spc = new KeyVaultSecretProviderClass(stack, "Secrets", {
      namespace: "payments", name: "s", keyVaultName: "kv-payments", tenantId: TENANT_ID, clientId: CLIENT_ID, objects: [{ name: "a", type: "secret" }],
    });
    expect(() => new RestrictedDeployment(stack, "Api", { ...PROBES, namespace: "payments", name: "api", image: "a/b:1", secretProviderClass: spc })).toThrow(
      /secretProviderClass needs serviceAccount/,
    );
  });
});
