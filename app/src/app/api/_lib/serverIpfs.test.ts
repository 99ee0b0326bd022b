import { describe, expect, it } from "vitest";
import { ipfsApiUrlFrom, UploadStorageUnavailableError } from "./serverIpfs.ts";

describe("the server's IPFS API URL", () => {
  it("is read from MARKSPACE_IPFS_API_URL without trailing slashes", () => {
    expect(ipfsApiUrlFrom({ MARKSPACE_IPFS_API_URL: " http://127.0.0.1:5001/ " })).toBe("http://127.0.0.1:5001");
  });

  it("is refused naming the variable when missing or not http(s)", () => {
    expect(() => ipfsApiUrlFrom({})).toThrow(UploadStorageUnavailableError);
    expect(() => ipfsApiUrlFrom({})).toThrow(/MARKSPACE_IPFS_API_URL is not set/);
    expect(() => ipfsApiUrlFrom({ MARKSPACE_IPFS_API_URL: "ftp://host" })).toThrow(/must be an http\(s\) URL/);
  });
});
