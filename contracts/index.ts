export * from "./generated/abis.ts";
export * from "./deployments.ts";
export * from "./unit-address.ts";
