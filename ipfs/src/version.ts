/** Version of @markspace/ipfs reported by the RPC API's `id` and `version` commands. */
export const VERSION = "0.1.0";
