import type { JSONContent } from '@tiptap/core';
import { sha256 } from '@oslojs/crypto/sha2';
import { fitToSchema } from './editor/fit-schema';

/**
 * One section's text as ProseMirror JSON, keyed by its outline key, with its place in the outline
 * (number, title, chapter) when the caller has it: the hash then covers the outline too, so a
 * renamed or moved section voids an approval as changed text does (issue 13). Versions keep the
 * hash recorded when they were made.
 */
export interface SectionContent {
  key: string;
  content: JSONContent;
  number?: string;
  title?: string;
  parentKey?: string | null;
}

/**
 * The text of a section as the editor schema reads it. Converting a Y.XmlFragment gives JSON whose
 * details depend on its CRDT history (mark order, split text runs, attributes left unset or set to
 * their default); ProseMirror's own node model has exactly one form for the same text. Content the
 * schema cannot read as it is (odd nodes older servers stored) is fitted to it first, so the hash
 * is of what every reader shows, and is always plain JSON.
 */
export function normalizeContent(content: JSONContent): JSONContent {
  return fitToSchema(content);
}

/** JSON with object keys sorted at every level and undefined members left out: one text, one string. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/** The canonical form the hash is taken of: every section in outline order, normalized, with its outline entry. */
export function canonicalContent(sections: readonly SectionContent[]): string {
  return canonicalJson(
    sections.map(({ key, content, number, title, parentKey }) => ({
      key,
      content: normalizeContent(content),
      number,
      title,
      parentKey,
    })),
  );
}

/**
 * SHA-256 (lowercase hex) of the canonical JSON of all sections in outline order (with titles,
 * numbers and chapters when given). Same text, same
 * hash, whatever the CRDT history, so an approval or a version can name exactly the text it covers.
 * Pure JavaScript, so the browser computes the same value as the server.
 */
export function contentHash(sections: readonly SectionContent[]): string {
  const digest = sha256(new TextEncoder().encode(canonicalContent(sections)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
