// The recommendations of the CIS Azure Kubernetes Service (AKS) Benchmark v1.7.0 the rules map
// to, with their titles as the benchmark words them. Read from the benchmark's published
// checks (aquasecurity/kube-bench, cfg/aks-1.7; cfg/aks-1.8 numbers them the same). A rule may
// map only to an id listed here, so every mapping was looked up, not remembered.

/** The CIS AKS Benchmark version the `cisAks` mappings refer to. */
export const CIS_AKS_BENCHMARK_VERSION = "1.7.0";

/** Recommendation number to title, for the recommendations the rules map to or are compared with. */
export const CIS_AKS_RECOMMENDATIONS: Readonly<Record<string, string>> = Object.freeze({
  "2.1.1": "Enable audit Logs",
  "4.1.1": "Ensure that the cluster-admin role is only used where required",
  "4.1.2": "Minimize access to secrets",
  "4.1.5": "Ensure that default service accounts are not actively used",
  "4.1.6": "Ensure that Service Account Tokens are only mounted where necessary",
  "4.2.1": "Minimize the admission of privileged containers",
  "4.2.2": "Minimize the admission of containers wishing to share the host process ID namespace",
  "4.2.3": "Minimize the admission of containers wishing to share the host IPC namespace",
  "4.2.4": "Minimize the admission of containers wishing to share the host network namespace",
  "4.2.5": "Minimize the admission of containers with allowPrivilegeEscalation",
  "4.4.2": "Ensure that all Namespaces have Network Policies defined",
  "4.5.1": "Prefer using secrets as files over secrets as environment variables",
  "4.5.2": "Consider external secret storage",
  "4.6.2": "Apply Security Context to Your Pods and Containers",
  "5.1.1": "Ensure Image Vulnerability Scanning using Microsoft Defender for Cloud (MDC) image scanning or a third party provider",
  "5.1.2": "Minimize user access to Azure Container Registry (ACR)",
  "5.1.3": "Minimize cluster access to read-only for Azure Container Registry (ACR)",
  "5.1.4": "Minimize Container Registries to only those approved",
  "5.3.1": "Ensure Kubernetes Secrets are encrypted",
  "5.4.1": "Restrict Access to the Control Plane Endpoint",
  "5.4.2": "Ensure clusters are created with Private Endpoint Enabled and Public Access Disabled",
  "5.4.3": "Ensure clusters are created with Private Nodes",
  "5.4.4": "Ensure Network Policy is Enabled and set as appropriate",
  "5.4.5": "Encrypt traffic to HTTPS load balancers with TLS certificates",
  "5.5.1": "Manage Kubernetes RBAC users with Azure AD",
  "5.5.2": "Use Azure RBAC for Kubernetes Authorization",
});
