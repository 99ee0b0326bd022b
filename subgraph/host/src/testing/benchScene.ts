/** The scene the benches' `UnitEventsEmitter` gives every unit: a sha2-256 digest and its raw-codec CIDv1. */
export const BENCH_SCENE = {
  digest: "0xa63f5c147a0bf7958a39c58fb0b1306be11d29e45ce829b4fd5bf59ea096cfa3",
  cid: "bafkreifgh5obi6ql66kyuoofr6ylcmdl4eostzc45au3j7k36wpkbfwpum",
} as const;
