import { describe, expect, it } from "vitest";
import { sniffAudio, sniffVideo } from "./sniffMedia.ts";
import { wavFile } from "./testMedia.ts";

const text = (value: string) => new TextEncoder().encode(value);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

/** An ISO-BMFF `ftyp` box with `brand`, as MP4 and M4A files begin. */
function ftyp(brand: string): Uint8Array {
  const box = concat(new Uint8Array([0, 0, 0, 24]), text("ftyp"), text(brand), new Uint8Array(4), text("isommp42"));
  return concat(box, new Uint8Array(64));
}

describe("sniffing media uploads", () => {
  it("recognises MP4 and WebM video and nothing else", () => {
    expect(sniffVideo(ftyp("isom"))).toBe("video/mp4");
    expect(sniffVideo(concat(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]), new Uint8Array(32)))).toBe("video/webm");
    expect(sniffVideo(ftyp("M4A "))).toBeUndefined();
    expect(sniffVideo(text("<html>not a video</html>"))).toBeUndefined();
    expect(sniffVideo(wavFile())).toBeUndefined();
  });

  it("recognises MP3, Ogg, FLAC, WAV and M4A audio and refuses other bytes", () => {
    expect(sniffAudio(concat(text("ID3"), new Uint8Array([4, 0, 0, 0, 0, 0, 0])))).toBe("audio/mpeg");
    expect(sniffAudio(new Uint8Array([0xff, 0xfb, 0x90, 0x64]))).toBe("audio/mpeg");
    expect(sniffAudio(new Uint8Array([0xff, 0xe0, 0x00, 0x00]))).toBeUndefined();
    expect(sniffAudio(concat(text("OggS"), new Uint8Array(24)))).toBe("audio/ogg");
    expect(sniffAudio(concat(text("fLaC"), new Uint8Array(38)))).toBe("audio/flac");
    expect(sniffAudio(wavFile())).toBe("audio/wav");
    expect(sniffAudio(ftyp("M4A "))).toBe("audio/mp4");
    expect(sniffAudio(text("RIFF....AVI LIST"))).toBeUndefined();
    expect(sniffAudio(new Uint8Array([0x49]))).toBeUndefined();
  });
});
