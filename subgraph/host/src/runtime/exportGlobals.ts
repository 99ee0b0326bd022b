/**
 * Adds an export for every mutable global of a WebAssembly module (names `__host_global_<i>`),
 * changing nothing else. With the globals reachable, the host can put an instance back into
 * its exact post-`_start` state (memory and globals) before each trigger: graph-node's "fresh
 * instance per trigger" semantics at a fraction of V8's instantiation cost.
 */
const SECTION_IMPORT = 2;
const SECTION_GLOBAL = 6;
const SECTION_EXPORT = 7;

class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}
  byte(): number {
    return this.bytes[this.at++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = this.byte();
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return result >>> 0;
  }
  skipLeb(): void {
    while (this.byte() & 0x80);
  }
  skip(n: number): void {
    this.at += n;
  }
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

function skipLimits(reader: Reader): void {
  const flags = reader.byte();
  reader.skipLeb();
  if (flags & 1) reader.skipLeb();
}

/** Skips a constant expression up to and including its `end`. */
function skipConstExpr(reader: Reader): void {
  for (;;) {
    const op = reader.byte();
    switch (op) {
      case 0x0b:
        return;
      case 0x41:
      case 0x42:
      case 0x23:
      case 0xd2:
        reader.skipLeb();
        break;
      case 0x43:
        reader.skip(4);
        break;
      case 0x44:
        reader.skip(8);
        break;
      case 0xd0:
        reader.byte();
        break;
      default:
        // Extended-const arithmetic (i32.add, …) has no immediates.
        break;
    }
  }
}

export type GlobalExports = { bytes: Uint8Array; names: string[] };

export function exportMutableGlobals(input: Uint8Array): GlobalExports {
  const reader = new Reader(input, 8);
  const sections: Array<{ id: number; start: number; end: number; bodyStart: number }> = [];
  while (reader.at < input.length) {
    const start = reader.at;
    const id = reader.byte();
    const size = reader.u32();
    sections.push({ id, start, end: reader.at + size, bodyStart: reader.at });
    reader.skip(size);
  }
  let importedGlobals = 0;
  const imports = sections.find((s) => s.id === SECTION_IMPORT);
  if (imports) {
    const r = new Reader(input, imports.bodyStart);
    for (let count = r.u32(); count > 0; count--) {
      r.skip(r.u32());
      r.skip(r.u32());
      const kind = r.byte();
      if (kind === 0) r.skipLeb();
      else if (kind === 1) {
        r.byte();
        skipLimits(r);
      } else if (kind === 2) skipLimits(r);
      else if (kind === 3) {
        r.skip(2);
        importedGlobals++;
      } else if (kind === 4) {
        r.byte();
        r.skipLeb();
      }
    }
  }
  const mutable: number[] = [];
  const globals = sections.find((s) => s.id === SECTION_GLOBAL);
  if (globals) {
    const r = new Reader(input, globals.bodyStart);
    const count = r.u32();
    for (let i = 0; i < count; i++) {
      const type = r.byte();
      const isMutable = r.byte() === 1;
      skipConstExpr(r);
      // v128 globals cannot cross into JavaScript.
      if (isMutable && type !== 0x7b) mutable.push(importedGlobals + i);
    }
  }
  if (!mutable.length) return { bytes: input, names: [] };
  const names = mutable.map((index) => `__host_global_${index}`);
  const entries = mutable.flatMap((index, i) => {
    const name = new TextEncoder().encode(names[i]!);
    return [...leb(name.length), ...name, 3, ...leb(index)];
  });
  const exportSection = sections.find((s) => s.id === SECTION_EXPORT);
  let body: number[];
  if (exportSection) {
    const r = new Reader(input, exportSection.bodyStart);
    const count = r.u32();
    body = [...leb(count + mutable.length), ...input.subarray(r.at, exportSection.end), ...entries];
  } else {
    body = [...leb(mutable.length), ...entries];
  }
  const section = [SECTION_EXPORT, ...leb(body.length), ...body];
  const out: number[] = [...input.subarray(0, 8)];
  let inserted = false;
  for (const s of sections) {
    if (s.id === SECTION_EXPORT) {
      out.push(...section);
      inserted = true;
      continue;
    }
    // Without an export section, ours goes before the first section that must follow it.
    if (!inserted && !exportSection && [8, 9, 10, 11, 12].includes(s.id)) {
      out.push(...section);
      inserted = true;
    }
    out.push(...input.subarray(s.start, s.end));
  }
  if (!inserted) out.push(...section);
  return { bytes: Uint8Array.from(out), names };
}
