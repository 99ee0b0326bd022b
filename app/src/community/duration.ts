/**
 * Durations as people type them: "90" (seconds), "45s", "30m", "12h", "7d", "1w", or several
 * parts ("1d 12h"). Parsed to whole seconds; anything else is refused with a sentence.
 */
export type ParseDurationReturnType = { ok: true; seconds: bigint } | { ok: false; message: string };

const UNIT_SECONDS: Record<string, bigint> = { s: 1n, m: 60n, h: 3_600n, d: 86_400n, w: 604_800n };

export function parseDuration(text: string): ParseDurationReturnType {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === "") return { ok: false, message: "Enter a duration (e.g. 90s, 30m, 12h, 7d)." };
  if (/^\d+$/.test(trimmed)) return { ok: true, seconds: BigInt(trimmed) };
  const parts = trimmed.split(/\s+/);
  let seconds = 0n;
  for (const part of parts) {
    const match = /^(\d+)([smhdw])$/.exec(part);
    if (!match) return { ok: false, message: `"${part}" is not a duration; use s, m, h, d or w (e.g. 1d 12h).` };
    seconds += BigInt(match[1]!) * UNIT_SECONDS[match[2]!]!;
  }
  return { ok: true, seconds };
}
