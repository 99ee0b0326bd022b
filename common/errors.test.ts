import { describe, expect, it } from "vitest";
import { firstLine, MarkspaceError, toErrorView } from "./errors.ts";

class PortTakenError extends MarkspaceError {
  override name = "PortTakenError";
  constructor(readonly port: number) {
    super({ shortMessage: `Port ${port} is taken`, hint: "choose another port" });
  }
}

describe("MarkspaceError", () => {
  it("joins the short message, details and hint into the message", () => {
    const error = new MarkspaceError({ shortMessage: "Bad CID", details: "got 'x'", hint: "pass a CIDv1" });
    expect(error.message).toBe("Bad CID\nDetails: got 'x'\nHint: pass a CIDv1");
    expect(error.shortMessage).toBe("Bad CID");
    expect(error.details).toBe("got 'x'");
    expect(error.hint).toBe("pass a CIDv1");
  });

  it("keeps the cause and subclass identity", () => {
    const cause = new Error("socket closed");
    const error = new MarkspaceError({ shortMessage: "Request failed", cause });
    expect(error.cause).toBe(cause);
    const typed = new PortTakenError(8000);
    expect(typed).toBeInstanceOf(MarkspaceError);
    expect(typed.name).toBe("PortTakenError");
    expect(typed.port).toBe(8000);
  });

  it("has no cause property when none is given", () => {
    expect("cause" in new MarkspaceError({ shortMessage: "x" })).toBe(false);
  });
});

describe("toErrorView", () => {
  it("keeps a typed error's parts", () => {
    expect(toErrorView(new PortTakenError(1))).toEqual({
      shortMessage: "Port 1 is taken",
      details: undefined,
      hint: "choose another port",
    });
  });

  it("uses the message of a plain error and the text of anything else", () => {
    expect(toErrorView(new Error("boom"))).toEqual({ shortMessage: "boom" });
    expect(toErrorView("text")).toEqual({ shortMessage: "text" });
  });
});

describe("firstLine", () => {
  it("returns the first line of a multi-line message", () => {
    expect(firstLine(new MarkspaceError({ shortMessage: "one", details: "two" }))).toBe("one");
    expect(firstLine(42)).toBe("42");
  });
});
