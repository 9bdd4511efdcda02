// The Prometheus rules the library ships with Managed Prometheus. The recording rules are
// those of Microsoft's Terraform sample for the add-on (Azure/prometheus-collector,
// AddonTerraformTemplate/main.tf: "NodeRecordingRulesRuleGroup" and
// "KubernetesRecordingRulesRuleGroup"), copied verbatim: the portal's and Grafana's
// Kubernetes dashboards query the series they record. The alert rules are a selection of
// Microsoft's recommended alerts (AddonBicepTemplate/recommendedMetricAlerts.bicep in the
// same repository), kept to conditions that need a person: nodes lost or flapping, pods that
// cannot run, workloads short of replicas, volumes about to fill, failed jobs, and errors
// talking to the API server. Quota and CPU or memory "high" alerts are left out: they fire
// on healthy, well-packed clusters.

/** A Prometheus recording rule: a series precomputed from an expression. */
export interface PrometheusRecordingRule {
  /** Name of the series the rule records. */
  readonly record: string;
  /** PromQL expression. */
  readonly expression: string;
  /**
   * Labels added to the recorded series.
   *
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A Prometheus alert rule, as Azure Monitor evaluates it. */
export interface PrometheusAlertRule {
  /** Name of the alert. */
  readonly alert: string;
  /** PromQL expression; the alert fires for each series it returns. */
  readonly expression: string;
  /** How long the expression must hold before the alert fires (ISO 8601 duration). */
  readonly for: string;
  /** Azure Monitor severity, 0 (critical) to 4 (verbose). */
  readonly severity: number;
  /** Annotations of the alert (its description). */
  readonly annotations: Readonly<Record<string, string>>;
  /** Labels of the alert. */
  readonly labels: Readonly<Record<string, string>>;
  /** When Azure Monitor resolves the alert on its own. */
  readonly alertResolution: {
    /** Whether Azure Monitor resolves the alert once its condition clears. */
    readonly autoResolved: boolean;
    /** How long the condition must stay clear before it resolves, as an ISO 8601 duration. */
    readonly timeToResolve: string;
  };
}

/** Node-level recording rules (node exporter), as Microsoft's Terraform sample ships them. */
export const NODE_RECORDING_RULES: readonly PrometheusRecordingRule[] = [
  { record: "instance:node_num_cpu:sum", expression: "count without (cpu, mode) (  node_cpu_seconds_total{job=\"node\",mode=\"idle\"})" },
  { record: "instance:node_cpu_utilisation:rate5m", expression: "1 - avg without (cpu) (  sum without (mode) (rate(node_cpu_seconds_total{job=\"node\", mode=~\"idle|iowait|steal\"}[5m])))" },
  { record: "instance:node_load1_per_cpu:ratio", expression: "(  node_load1{job=\"node\"}/  instance:node_num_cpu:sum{job=\"node\"})" },
  { record: "instance:node_memory_utilisation:ratio", expression: "1 - (  (    node_memory_MemAvailable_bytes{job=\"node\"}    or    (      node_memory_Buffers_bytes{job=\"node\"}      +      node_memory_Cached_bytes{job=\"node\"}      +      node_memory_MemFree_bytes{job=\"node\"}      +      node_memory_Slab_bytes{job=\"node\"}    )  )/  node_memory_MemTotal_bytes{job=\"node\"})" },
  { record: "instance:node_vmstat_pgmajfault:rate5m", expression: "rate(node_vmstat_pgmajfault{job=\"node\"}[5m])" },
  { record: "instance_device:node_disk_io_time_seconds:rate5m", expression: "rate(node_disk_io_time_seconds_total{job=\"node\", device!=\"\"}[5m])" },
  { record: "instance_device:node_disk_io_time_weighted_seconds:rate5m", expression: "rate(node_disk_io_time_weighted_seconds_total{job=\"node\", device!=\"\"}[5m])" },
  { record: "instance:node_network_receive_bytes_excluding_lo:rate5m", expression: "sum without (device) (  rate(node_network_receive_bytes_total{job=\"node\", device!=\"lo\"}[5m]))" },
  { record: "instance:node_network_transmit_bytes_excluding_lo:rate5m", expression: "sum without (device) (  rate(node_network_transmit_bytes_total{job=\"node\", device!=\"lo\"}[5m]))" },
  { record: "instance:node_network_receive_drop_excluding_lo:rate5m", expression: "sum without (device) (  rate(node_network_receive_drop_total{job=\"node\", device!=\"lo\"}[5m]))" },
  { record: "instance:node_network_transmit_drop_excluding_lo:rate5m", expression: "sum without (device) (  rate(node_network_transmit_drop_total{job=\"node\", device!=\"lo\"}[5m]))" },
];

/** Kubernetes-level recording rules (cAdvisor, kube-state-metrics), as Microsoft's Terraform sample ships them. */
export const KUBERNETES_RECORDING_RULES: readonly PrometheusRecordingRule[] = [
  { record: "node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate", expression: "sum by (cluster, namespace, pod, container) (  irate(container_cpu_usage_seconds_total{job=\"cadvisor\", image!=\"\"}[5m])) * on (cluster, namespace, pod) group_left(node) topk by (cluster, namespace, pod) (  1, max by(cluster, namespace, pod, node) (kube_pod_info{node!=\"\"}))" },
  { record: "node_namespace_pod_container:container_memory_working_set_bytes", expression: "container_memory_working_set_bytes{job=\"cadvisor\", image!=\"\"}* on (namespace, pod) group_left(node) topk by(namespace, pod) (1,  max by(namespace, pod, node) (kube_pod_info{node!=\"\"}))" },
  { record: "node_namespace_pod_container:container_memory_rss", expression: "container_memory_rss{job=\"cadvisor\", image!=\"\"}* on (namespace, pod) group_left(node) topk by(namespace, pod) (1,  max by(namespace, pod, node) (kube_pod_info{node!=\"\"}))" },
  { record: "node_namespace_pod_container:container_memory_cache", expression: "container_memory_cache{job=\"cadvisor\", image!=\"\"}* on (namespace, pod) group_left(node) topk by(namespace, pod) (1,  max by(namespace, pod, node) (kube_pod_info{node!=\"\"}))" },
  { record: "node_namespace_pod_container:container_memory_swap", expression: "container_memory_swap{job=\"cadvisor\", image!=\"\"}* on (namespace, pod) group_left(node) topk by(namespace, pod) (1,  max by(namespace, pod, node) (kube_pod_info{node!=\"\"}))" },
  { record: "cluster:namespace:pod_memory:active:kube_pod_container_resource_requests", expression: "kube_pod_container_resource_requests{resource=\"memory\",job=\"kube-state-metrics\"}  * on (namespace, pod, cluster)group_left() max by (namespace, pod, cluster) (  (kube_pod_status_phase{phase=~\"Pending|Running\"} == 1))" },
  { record: "namespace_memory:kube_pod_container_resource_requests:sum", expression: "sum by (namespace, cluster) (    sum by (namespace, pod, cluster) (        max by (namespace, pod, container, cluster) (          kube_pod_container_resource_requests{resource=\"memory\",job=\"kube-state-metrics\"}        ) * on(namespace, pod, cluster) group_left() max by (namespace, pod, cluster) (          kube_pod_status_phase{phase=~\"Pending|Running\"} == 1        )    ))" },
  { record: "cluster:namespace:pod_cpu:active:kube_pod_container_resource_requests", expression: "kube_pod_container_resource_requests{resource=\"cpu\",job=\"kube-state-metrics\"}  * on (namespace, pod, cluster)group_left() max by (namespace, pod, cluster) (  (kube_pod_status_phase{phase=~\"Pending|Running\"} == 1))" },
  { record: "namespace_cpu:kube_pod_container_resource_requests:sum", expression: "sum by (namespace, cluster) (    sum by (namespace, pod, cluster) (        max by (namespace, pod, container, cluster) (          kube_pod_container_resource_requests{resource=\"cpu\",job=\"kube-state-metrics\"}        ) * on(namespace, pod, cluster) group_left() max by (namespace, pod, cluster) (          kube_pod_status_phase{phase=~\"Pending|Running\"} == 1        )    ))" },
  { record: "cluster:namespace:pod_memory:active:kube_pod_container_resource_limits", expression: "kube_pod_container_resource_limits{resource=\"memory\",job=\"kube-state-metrics\"}  * on (namespace, pod, cluster)group_left() max by (namespace, pod, cluster) (  (kube_pod_status_phase{phase=~\"Pending|Running\"} == 1))" },
  { record: "namespace_memory:kube_pod_container_resource_limits:sum", expression: "sum by (namespace, cluster) (    sum by (namespace, pod, cluster) (        max by (namespace, pod, container, cluster) (          kube_pod_container_resource_limits{resource=\"memory\",job=\"kube-state-metrics\"}        ) * on(namespace, pod, cluster) group_left() max by (namespace, pod, cluster) (          kube_pod_status_phase{phase=~\"Pending|Running\"} == 1        )    ))" },
  { record: "cluster:namespace:pod_cpu:active:kube_pod_container_resource_limits", expression: "kube_pod_container_resource_limits{resource=\"cpu\",job=\"kube-state-metrics\"}  * on (namespace, pod, cluster)group_left() max by (namespace, pod, cluster) ( (kube_pod_status_phase{phase=~\"Pending|Running\"} == 1) )" },
  { record: "namespace_cpu:kube_pod_container_resource_limits:sum", expression: "sum by (namespace, cluster) (    sum by (namespace, pod, cluster) (        max by (namespace, pod, container, cluster) (          kube_pod_container_resource_limits{resource=\"cpu\",job=\"kube-state-metrics\"}        ) * on(namespace, pod, cluster) group_left() max by (namespace, pod, cluster) (          kube_pod_status_phase{phase=~\"Pending|Running\"} == 1        )    ))" },
  { record: "namespace_workload_pod:kube_pod_owner:relabel", expression: "max by (cluster, namespace, workload, pod) (  label_replace(    label_replace(      kube_pod_owner{job=\"kube-state-metrics\", owner_kind=\"ReplicaSet\"},      \"replicaset\", \"$1\", \"owner_name\", \"(.*)\"    ) * on(replicaset, namespace) group_left(owner_name) topk by(replicaset, namespace) (      1, max by (replicaset, namespace, owner_name) (        kube_replicaset_owner{job=\"kube-state-metrics\"}      )    ),    \"workload\", \"$1\", \"owner_name\", \"(.*)\"  ))", labels: {workload_type: "deployment"} },
  { record: "namespace_workload_pod:kube_pod_owner:relabel", expression: "max by (cluster, namespace, workload, pod) (  label_replace(    kube_pod_owner{job=\"kube-state-metrics\", owner_kind=\"DaemonSet\"},    \"workload\", \"$1\", \"owner_name\", \"(.*)\"  ))", labels: {workload_type: "daemonset"} },
  { record: "namespace_workload_pod:kube_pod_owner:relabel", expression: "max by (cluster, namespace, workload, pod) (  label_replace(    kube_pod_owner{job=\"kube-state-metrics\", owner_kind=\"StatefulSet\"},    \"workload\", \"$1\", \"owner_name\", \"(.*)\"  ))", labels: {workload_type: "statefulset"} },
  { record: "namespace_workload_pod:kube_pod_owner:relabel", expression: "max by (cluster, namespace, workload, pod) (  label_replace(    kube_pod_owner{job=\"kube-state-metrics\", owner_kind=\"Job\"},    \"workload\", \"$1\", \"owner_name\", \"(.*)\"  ))", labels: {workload_type: "job"} },
  { record: ":node_memory_MemAvailable_bytes:sum", expression: "sum(  node_memory_MemAvailable_bytes{job=\"node\"} or  (    node_memory_Buffers_bytes{job=\"node\"} +    node_memory_Cached_bytes{job=\"node\"} +    node_memory_MemFree_bytes{job=\"node\"} +    node_memory_Slab_bytes{job=\"node\"}  )) by (cluster)" },
  { record: "cluster:node_cpu:ratio_rate5m", expression: "sum(rate(node_cpu_seconds_total{job=\"node\",mode!=\"idle\",mode!=\"iowait\",mode!=\"steal\"}[5m])) by (cluster) /count(sum(node_cpu_seconds_total{job=\"node\"}) by (cluster, instance, cpu)) by (cluster)" },
];

/**
 * Alerts worth paging on, from Microsoft's recommended Prometheus alerts for AKS, with
 * Microsoft's expressions, durations and severities.
 *
 * @see https://aka.ms/aks-alerts/cluster-level-recommended-alerts
 */
export const RECOMMENDED_ALERT_RULES: readonly PrometheusAlertRule[] = [
  {
    alert: "KubeNodeUnreachable",
    expression: "(kube_node_spec_taint{job=\"kube-state-metrics\",key=\"node.kubernetes.io/unreachable\",effect=\"NoSchedule\"} unless ignoring(key,value) kube_node_spec_taint{job=\"kube-state-metrics\",key=~\"ToBeDeletedByClusterAutoscaler|cloud.google.com/impending-node-termination|aws-node-termination-handler/spot-itn\"}) == 1",
    for: "PT15M",
    severity: 3,
    annotations: { description: "{{ $labels.node }} in {{ $labels.cluster}} is unreachable and some workloads may be rescheduled. For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/node-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
  },
  {
    alert: "KubeNodeReadinessFlapping",
    expression: "sum(changes(kube_node_status_condition{status=\"true\",condition=\"Ready\"}[15m])) by (cluster, node) > 2",
    for: "PT15M",
    severity: 3,
    annotations: { description: "The readiness status of node {{ $labels.node }} in {{ $labels.cluster}} has changed more than 2 times in the last 15 minutes. For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/node-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
  },
  {
    alert: "KubeNodeDiskUsageHigh",
    expression: "100 - ((node_filesystem_avail_bytes{mountpoint=\"/\"} / node_filesystem_size_bytes{mountpoint=\"/\"}) * 100) > 80",
    for: "PT15M",
    severity: 3,
    annotations: { description: "The disk usage on node {{ $labels.instance }} in {{ $labels.job }} has exceeded 80% and current usage is {{ $value | humanizePercentage }}%). For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/node-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
  },
  {
    alert: "KubePodCrashLooping",
    expression: "max_over_time(kube_pod_container_status_waiting_reason{reason=\"CrashLoopBackOff\", job=\"kube-state-metrics\"}[5m]) >= 1",
    for: "PT15M",
    severity: 4,
    annotations: { description: "{{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) in {{ $labels.cluster}} is restarting {{ printf \"%.2f\" $value }} / second. For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/pod-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
  },
  {
    alert: "KubePodNotReadyByController",
    expression: "sum by (namespace, controller, cluster) (max by(namespace, pod, cluster) (kube_pod_status_phase{job=\"kube-state-metrics\", phase=~\"Pending|Unknown\"}  ) * on(namespace, pod, cluster) group_left(controller)label_replace(kube_pod_owner,\"controller\",\"$1\",\"owner_name\",\"(.*)\")) > 0",
    for: "PT15M",
    severity: 3,
    annotations: { description: "{{ $labels.namespace }}/{{ $labels.pod }} in {{ $labels.cluster}} by controller is not ready. For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/pod-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
  },
  {
    alert: "KubeDeploymentReplicasMismatch",
    expression: "(  kube_deployment_spec_replicas{job=\"kube-state-metrics\"}    >  kube_deployment_status_replicas_available{job=\"kube-state-metrics\"}) and (  changes(kube_deployment_status_replicas_updated{job=\"kube-state-metrics\"}[10m])    ==  0)",
    for: "PT15M",
    severity: 4,
    annotations: { description: "Deployment {{ $labels.namespace }}/{{ $labels.deployment }} in {{ $labels.cluster}} replica mismatch. For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/pod-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT15M" },
  },
  {
    alert: "KubeStatefulSetReplicasMismatch",
    expression: "(  kube_statefulset_status_replicas_ready{job=\"kube-state-metrics\"}    !=  kube_statefulset_status_replicas{job=\"kube-state-metrics\"}) and (  changes(kube_statefulset_status_replicas_updated{job=\"kube-state-metrics\"}[10m])    ==  0)",
    for: "PT15M",
    severity: 4,
    annotations: { description: "StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} in {{ $labels.cluster}} replica mismatch. For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/pod-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
  },
  {
    alert: "KubeContainerOOMKilledCount",
    expression: "sum by (cluster,container,controller,namespace)(kube_pod_container_status_last_terminated_reason{reason=\"OOMKilled\"} * on(cluster,namespace,pod) group_left(controller) label_replace(kube_pod_owner, \"controller\", \"$1\", \"owner_name\", \"(.*)\")) > 0",
    for: "PT5M",
    severity: 4,
    annotations: { description: "Number of OOM killed containers is greater than 0. For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/cluster-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
  },
  {
    alert: "KubePersistentVolumeFillingUp",
    expression: "kubelet_volume_stats_available_bytes{job=\"kubelet\"}/kubelet_volume_stats_capacity_bytes{job=\"kubelet\"} < 0.15 and kubelet_volume_stats_used_bytes{job=\"kubelet\"} > 0 and predict_linear(kubelet_volume_stats_available_bytes{job=\"kubelet\"}[6h], 4 * 24 * 3600) < 0 unless on(namespace, persistentvolumeclaim) kube_persistentvolumeclaim_access_mode{ access_mode=\"ReadOnlyMany\"} == 1 unless on(namespace, persistentvolumeclaim) kube_persistentvolumeclaim_labels{label_excluded_from_alerts=\"true\"} == 1",
    for: "PT60M",
    severity: 4,
    annotations: { description: "Based on recent sampling, the PersistentVolume claimed by {{ $labels.persistentvolumeclaim }} in Namespace {{ $labels.namespace }} is expected to fill up within four days. Currently {{ $value | humanizePercentage }} is available. For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/cluster-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT15M" },
  },
  {
    alert: "KubePersistentVolumeErrors",
    expression: "kube_persistentvolume_status_phase{phase=~\"Failed|Pending\",job=\"kube-state-metrics\"} > 0",
    for: "PT05M",
    severity: 4,
    annotations: { description: "The persistent volume {{ $labels.persistentvolume }} has status {{ $labels.phase }}. For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/cluster-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
  },
  {
    alert: "KubeDaemonSetNotScheduled",
    expression: "kube_daemonset_status_desired_number_scheduled{job=\"kube-state-metrics\"} - kube_daemonset_status_current_number_scheduled{job=\"kube-state-metrics\"} > 0",
    for: "PT15M",
    severity: 3,
    annotations: { description: "{{ $value }} Pods of DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} are not scheduled. For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/cluster-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
  },
  {
    alert: "KubeJobFailed",
    expression: "kube_job_failed{job=\"kube-state-metrics\"}  > 0",
    for: "PT15M",
    severity: 3,
    annotations: { description: "Job {{ $labels.namespace }}/{{ $labels.job_name }} in {{ $labels.cluster}} failed to complete. For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/pod-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
  },
  {
    alert: "KubeClientErrors",
    expression: "(sum(rate(rest_client_requests_total{code=~\"5..\"}[5m])) by (cluster, instance, job, namespace)  / sum(rate(rest_client_requests_total[5m])) by (cluster, instance, job, namespace)) > 0.01",
    for: "PT15M",
    severity: 3,
    annotations: { description: "Kubernetes API server client '{{ $labels.job }}/{{ $labels.instance }}' is experiencing {{ $value | humanizePercentage }} errors. For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/cluster-level-recommended-alerts)." },
    labels: { severity: "warning" },
    alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
  },
];
