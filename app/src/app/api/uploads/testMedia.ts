/** Media files built byte by byte for the upload tests (no binary fixtures in the repository). */

/** A complete 16-bit mono PCM WAV file of `samples` silent samples. */
export function wavFile(samples = 800): Uint8Array {
  const data = samples * 2;
  const view = new DataView(new ArrayBuffer(44 + data));
  const put = (offset: number, value: string) =>
    [...value].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  put(0, "RIFF");
  view.setUint32(4, 36 + data, true);
  put(8, "WAVE");
  put(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  put(36, "data");
  view.setUint32(40, data, true);
  return new Uint8Array(view.buffer);
}
