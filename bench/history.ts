import fs from 'node:fs';
import * as Y from 'yjs';

const TEXT =
  'Kommunen skal tilby gode digitale tjenester til innbyggere og næringsliv. ' +
  'Vi samarbeider med nabokommunene om felles løsninger for arkiv, sak og informasjonssikkerhet. ' +
  'Ansatte skal ha kompetanse til å ta i bruk ny teknologi i hverdagen. ';

/** A small seeded PRNG, so every run writes the same history. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` updates as an editor writes them: sessions of one author each typing a character per
 * update into paragraphs of one section, now and then a backspace or a new paragraph. Built on an
 * empty document so it applies on top of any strategy's text (nothing in it refers to the template).
 */
export function generateHistory(count: number, sectionKeys: readonly string[]): Uint8Array[] {
  const rand = random(8);
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  let session = 0;
  while (updates.length < count) {
    doc.clientID = 1_000 + session;
    const fragment = doc.getXmlFragment(`section:${sectionKeys[session % sectionKeys.length]}`);
    session++;
    const sessionLength = 500 + Math.floor(rand() * 3_000);
    let text: Y.XmlText | null = null;
    let typed = 0;
    for (let i = 0; i < sessionLength && updates.length < count; i++) {
      if (!text || rand() < 1 / 80) {
        const paragraph = new Y.XmlElement('paragraph');
        const fresh = new Y.XmlText();
        paragraph.insert(0, [fresh]);
        fragment.insert(fragment.length, [paragraph]);
        text = fresh;
      } else if (text.length > 0 && rand() < 0.08) {
        text.delete(text.length - 1, 1);
      } else {
        text.insert(text.length, TEXT[typed++ % TEXT.length]!);
      }
    }
  }
  doc.destroy();
  return updates;
}

export function writeUpdates(file: string, updates: readonly Uint8Array[]): void {
  const total = updates.reduce((sum, u) => sum + 4 + u.length, 0);
  const out = Buffer.alloc(total);
  let at = 0;
  for (const update of updates) {
    out.writeUInt32LE(update.length, at);
    out.set(update, at + 4);
    at += 4 + update.length;
  }
  fs.writeFileSync(file, out);
}

export function readUpdates(file: string): Uint8Array[] {
  const data = fs.readFileSync(file);
  const updates: Uint8Array[] = [];
  for (let at = 0; at < data.length;) {
    const length = data.readUInt32LE(at);
    updates.push(new Uint8Array(data.buffer, data.byteOffset + at + 4, length));
    at += 4 + length;
  }
  return updates;
}
