// The public API of hardened-aks. Export lines only.
export * from "./errors";
export * from "./resource-options";
export * from "./network/cluster-network";
export * from "./monitoring/cluster-monitoring";
export * from "./monitoring/control-plane-logs";
export * from "./monitoring/container-insights";
export * from "./cluster/api-server-access";
export * from "./cluster/maintenance-window";
export * from "./cluster/node-pool-options";
export * from "./cluster/node-pool";
export * from "./cluster/hardened-cluster";
