/**
 * The order a speaker plays its playlist in, and what comes after a track: in order or shuffled
 * (each track once per round), looping or stopping after the last.
 */

/** Track indices for one round; `random` returns numbers in [0, 1) (Math.random in the app). */
export function playlistOrder(length: number, shuffle: boolean, random: () => number = Math.random): number[] {
  const order = Array.from({ length }, (_, index) => index);
  if (!shuffle) return order;
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The position in `order` to play after `position`, or undefined when the playlist is over. */
export function nextPosition(position: number, length: number, loop: boolean): number | undefined {
  if (length === 0) return undefined;
  if (position + 1 < length) return position + 1;
  return loop ? 0 : undefined;
}
