import { bodySegments, mentionToken } from './comments';

// In the text field a mention reads "@Kari Nordmann"; in the stored body it is `@[Kari Nordmann](id)`
// (shared/comments). These convert between the two for the people picked from the list.

export interface Person {
  id: string;
  name: string;
}

/** The body to send: every "@Name" of a person picked from the list becomes their mention token. */
export function encodeMentions(text: string, picked: readonly Person[]): string {
  let body = text;
  // Longest names first, so "@Ola Berg" is not taken for "@Ola".
  for (const person of [...picked].sort((a, b) => b.name.length - a.name.length)) {
    body = body.split(`@${person.name}`).join(`\uE000${picked.indexOf(person)}\uE001`);
  }
  return body.replace(/\uE000(\d+)\uE001/g, (_, i: string) => {
    const person = picked[Number(i)]!;
    return mentionToken(person.name, person.id);
  });
}

/** A stored body as text for the field, with the people it mentions. */
export function decodeMentions(body: string): { text: string; picked: Person[] } {
  const picked: Person[] = [];
  const text = bodySegments(body)
    .map((segment) => {
      if (segment.kind !== 'mention') return segment.text;
      if (!picked.some((p) => p.id === segment.userId)) picked.push({ id: segment.userId, name: segment.name });
      return `@${segment.name}`;
    })
    .join('');
  return { text, picked };
}

/** The "@…" being typed right before the caret, if any: where it starts and what follows the @. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  // An @ inside a word (an e-mail address) starts no mention.
  if (at > 0 && /[\p{L}\p{N}._-]/u.test(before[at - 1]!)) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query) || /\s{2}/.test(query)) return null;
  return { start: at, query };
}

/** People whose name has a word starting with the query, best matches first. */
export function matchPeople(people: readonly Person[], query: string, limit = 8): Person[] {
  const q = query.trim().toLocaleLowerCase('nb');
  const scored = people
    .map((person) => {
      const name = person.name.toLocaleLowerCase('nb');
      const score = name.startsWith(q) ? 0 : name.split(/[\s,]+/).some((word) => word.startsWith(q)) ? 1 : -1;
      return { person, score };
    })
    .filter((x) => x.score >= 0)
    .sort((a, b) => a.score - b.score || a.person.name.localeCompare(b.person.name, 'nb'));
  return scored.slice(0, limit).map((x) => x.person);
}
