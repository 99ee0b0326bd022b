/**
 * What a video or audio upload really is, read from its first bytes (the container's signature)
 * rather than from its name or the browser's guess: MP4/M4A (`ftyp` box), WebM (EBML header),
 * Ogg (`OggS`), MP3 (an ID3 tag or an MPEG frame sync), WAV (`RIFF…WAVE`) and FLAC (`fLaC`).
 * Only the types the scene format plays are recognised; anything else is refused by the route.
 */

export type VideoMimeType = "video/mp4" | "video/webm";
export type AudioMimeType = "audio/mpeg" | "audio/ogg" | "audio/mp4" | "audio/wav" | "audio/flac";

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

function isMp4(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 4, 4) === "ftyp";
}

function isWebm(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3;
}

/** The video type of `bytes`, or undefined when they are neither MP4 nor WebM. */
export function sniffVideo(bytes: Uint8Array): VideoMimeType | undefined {
  if (isMp4(bytes)) {
    // An MP4 whose major brand says audio-only is not a video.
    const brand = ascii(bytes, 8, 4);
    return brand === "M4A " || brand === "M4B " ? undefined : "video/mp4";
  }
  return isWebm(bytes) ? "video/webm" : undefined;
}

/** The audio type of `bytes`, or undefined when they are none of the formats the speakers play. */
export function sniffAudio(bytes: Uint8Array): AudioMimeType | undefined {
  if (bytes.length < 4) return undefined;
  if (ascii(bytes, 0, 3) === "ID3") return "audio/mpeg";
  // An MPEG audio frame starts with 11 set bits; layer bits 00 are reserved.
  if (bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && (bytes[1]! & 0x06) !== 0) return "audio/mpeg";
  if (ascii(bytes, 0, 4) === "OggS") return "audio/ogg";
  if (ascii(bytes, 0, 4) === "fLaC") return "audio/flac";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WAVE") return "audio/wav";
  if (isMp4(bytes)) return "audio/mp4";
  return undefined;
}
