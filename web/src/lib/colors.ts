// Each person keeps one colour wherever they appear (carets, presence list, outline), derived from
// their id so every browser agrees without asking the server. All colours carry white text at a
// contrast of at least 4.5:1 (WCAG AA for the caret labels) and differ from each other in hue.
const PALETTE = [
  '#1d5fa6', // blue
  '#a12a3a', // red
  '#1f7440', // green
  '#8a4a0b', // brown
  '#6a3d9a', // purple
  '#0b6b75', // teal
  '#9c2f6b', // magenta
  '#4b5563', // slate
  '#6b5a00', // olive
] as const;

/** FNV-1a with a final avalanche (murmur3's fmix32), so every bit of the id moves the result. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function userColor(userId: string): string {
  return PALETTE[hash(userId) % PALETTE.length] ?? PALETTE[0];
}

/** "Ingrid Solberg, prosjektleder" → "IS": what follows a comma describes the person. */
export function initials(name: string): string {
  const parts = (name.split(',')[0] ?? '').trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
