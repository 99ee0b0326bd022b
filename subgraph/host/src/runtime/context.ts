/** What host functions see of the trigger being handled. */
import type { Abi, Hex } from "viem";
import type { Entity } from "../store/values.ts";

/**
 * Entity access for one trigger, with graph-node's semantics (validation, merge on set). Reads
 * that miss the in-memory layers go to the database, so they may return a Promise; the mapping
 * is suspended meanwhile (JavaScript Promise Integration).
 */
export type StoreAccess = {
  get(entityType: string, id: string): Entity | null | Promise<Entity | null>;
  getInBlock(entityType: string, id: string): Entity | null;
  set(entityType: string, id: string, data: Entity): void | Promise<void>;
  remove(entityType: string, id: string): void;
  loadRelated(entityType: string, id: string, field: string): Promise<Entity[]>;
};

/** Chain reads a mapping may make, pinned to the trigger's block. */
export type ChainAccess = {
  /** Returns the call's return data, or `null` when it reverted. */
  call(to: Hex, data: Hex): Promise<Hex | null>;
  getBalance(address: Hex): Promise<bigint>;
  hasCode(address: Hex): Promise<boolean>;
};

export type DataSourceInfo = {
  name: string;
  address: Hex;
  network: string;
  context: Entity;
  abis: Map<string, Abi>;
};

export type TriggerContext = {
  dataSource: DataSourceInfo;
  store: StoreAccess;
  chain: ChainAccess;
  /** Level 0 critical … 4 debug. */
  log(level: number, message: string): void;
  createDataSource(template: string, params: string[], context: Entity): void;
};
