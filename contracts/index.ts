export * from "./generated/abis.ts";
export * from "./deployments.ts";
export * from "./unit-address.ts";
export * from "./token/genesis-allocation.ts";
export * from "./registry.ts";
export * from "./governance/parameters.ts";
