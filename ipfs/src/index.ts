/**
 * @markspace/ipfs for Node.js: the embedded node, the Kubo-compatible client, the demo world
 * and the scene manifest schema. Browser code imports `@markspace/ipfs/client` and
 * `@markspace/ipfs/manifest` instead, which have no Node-only imports.
 */
export * from "./client.ts";
export * from "./errors.ts";
export * from "./manifest.ts";
export { ipfsNodeOptionsSchema, startIpfsNode, type IpfsNode, type StartIpfsNodeParameters } from "./node.ts";
export { publishDemoWorld, type PublishDemoWorldOptions, type PublishedScene } from "./demo/publish.ts";
