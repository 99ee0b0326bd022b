/**
 * What a handler's host functions see of its trigger: the data source, the entity store, chain
 * reads pinned to the trigger's block (by hash, EIP-1898), logging, and `dataSource.create`.
 */
import type { Hex } from "viem";
import type { Rpc } from "../chain/rpc.ts";
import type { TriggerContext } from "../runtime/context.ts";
import type { EntityStore } from "../store/entityStore.ts";
import type { Entity } from "../store/values.ts";
import type { ActiveDataSource } from "./dataSources.ts";

const LEVELS = ["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"];

export type TriggerContextInput = {
  dataSource: ActiveDataSource;
  store: EntityStore;
  rpc: Rpc;
  block: { number: number; hash: Hex };
  log: (line: string) => void;
  createDataSource: (template: string, params: string[], context: Entity) => void;
};

export function triggerContext(input: TriggerContextInput): TriggerContext {
  const { dataSource, rpc, block } = input;
  return {
    dataSource: {
      name: dataSource.name,
      // A wildcard data source has no address; graph-node hands such mappings the zero address.
      address: dataSource.address ?? "0x0000000000000000000000000000000000000000",
      network: dataSource.network,
      context: dataSource.context,
      abis: dataSource.mapping.abis,
    },
    store: input.store,
    chain: {
      call: (to, data) => rpc.ethCallAt(to, data, block),
      getBalance: async (address) => BigInt(await rpc.balance(address, block)),
      hasCode: async (address) => (await rpc.code(address, block)) !== "0x",
    },
    log: (level, message) => input.log(`[${LEVELS[level] ?? level}] ${dataSource.name}: ${message}`),
    createDataSource: input.createDataSource,
  };
}
