import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorSchema } from '@samstrat/shared/editor/extensions';
import { prng, type Rng } from '../../test/random';
import { documentShape } from './document-shape';
import { inspectUpdate } from './inspect-update';

/**
 * Property: for random edit sequences by several clients across sections, the roots that
 * inspectUpdate reports are exactly the roots that change when the update is applied to a copy
 * (Yjs's own `transaction.changed`), it holds back exactly the updates that depend on structs
 * the server has not seen, and it finds nothing wrong with content the editor schema allows.
 */

const shape = documentShape(editorSchema);

const SECTIONS = ['section:visjon', 'section:kommuneportal', 'section:helse-omsorg', 'section:kultur'];
const CASES = Number(process.env.GUARD_PROPERTY_CASES ?? 1000);

const words = ['digital', 'kommune', 'tjeneste', 'æøå', 'innbygger', 'mål', ' ', 'sikkerhet'];

function paragraph(rng: Rng, name = 'paragraph'): Y.XmlElement {
  const element = new Y.XmlElement(name);
  const text = new Y.XmlText();
  text.insert(0, rng.pick(words) + rng.pick(words));
  element.insert(0, [text]);
  if (name === 'mainGoal' || name === 'subGoal') element.setAttribute('goalId', `g${rng.int(1e6)}`);
  return element;
}

function bulletList(rng: Rng): Y.XmlElement {
  const list = new Y.XmlElement(rng.chance(0.5) ? 'bulletList' : 'orderedList');
  const items = 1 + rng.int(3);
  for (let i = 0; i < items; i++) {
    const item = new Y.XmlElement('listItem');
    item.insert(0, [paragraph(rng)]);
    if (rng.chance(0.3)) item.insert(1, [bulletList(rng)]);
    list.insert(i, [item]);
  }
  return list;
}

/** Every XmlText under a fragment, however deeply nested. */
function texts(node: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) found.push(child);
    else if (child instanceof Y.XmlElement) found.push(...texts(child));
  }
  return found;
}

function elements(node: Y.XmlFragment | Y.XmlElement): Y.XmlElement[] {
  const found: Y.XmlElement[] = [];
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlElement) found.push(child, ...elements(child));
  }
  return found;
}

/** One TipTap-shaped edit: typing, formatting, blocks, goals, lists, moves and deletions across sections. */
function randomEdit(doc: Y.Doc, rng: Rng): void {
  const section = () => doc.getXmlFragment(rng.pick(SECTIONS));
  const op = rng.int(10);
  const fragment = section();
  switch (op) {
    case 0: {
      const text = rng.pick(texts(fragment).concat([]));
      if (!text) return fragment.insert(0, [paragraph(rng)]);
      text.insert(rng.int(text.length + 1), rng.pick(words), rng.chance(0.3) ? { bold: true } : undefined);
      return;
    }
    case 1: {
      const text = texts(fragment).find((t) => t.length > 1);
      if (text) text.format(rng.int(text.length - 1), 1 + rng.int(2), { italic: rng.chance(0.5) ? true : null });
      return;
    }
    case 2:
      fragment.insert(rng.int(fragment.length + 1), [
        paragraph(rng, rng.pick(['paragraph', 'heading', 'mainGoal', 'subGoal'])),
      ]);
      return;
    case 3:
      fragment.insert(rng.int(fragment.length + 1), [bulletList(rng)]);
      return;
    case 4: {
      const element = rng.pick(elements(fragment).concat([]));
      if (element) element.setAttribute(rng.pick(['goalId', 'level']), String(rng.int(100)));
      return;
    }
    case 5: {
      const text = texts(fragment).find((t) => t.length > 0);
      if (text) text.delete(rng.int(text.length), 1);
      return;
    }
    case 6:
      if (fragment.length > 0) fragment.delete(rng.int(fragment.length), 1);
      return;
    case 7: {
      // Move a block to another section: TipTap deletes it here and inserts a copy there.
      const target = section();
      if (fragment.length === 0 || target === fragment) return;
      const index = rng.int(fragment.length);
      const block = fragment.get(index);
      if (!(block instanceof Y.XmlElement)) return;
      const copy = block.clone();
      fragment.delete(index, 1);
      target.insert(rng.int(target.length + 1), [copy]);
      return;
    }
    case 8: {
      // A deletion that spans two sections in one update.
      const other = section();
      if (fragment.length > 0) fragment.delete(fragment.length - 1, 1);
      if (other.length > 0) other.delete(0, 1);
      return;
    }
    default: {
      const nested = elements(fragment).find((e) => e.nodeName === 'listItem');
      if (nested) nested.insert(nested.length, [paragraph(rng)]);
      else fragment.insert(0, [paragraph(rng)]);
    }
  }
}

/**
 * The roots Yjs itself records as changed when the update is applied to a copy of the server's
 * doc, and the change as Yjs encodes it (null for none).
 */
function groundTruth(
  server: Y.Doc,
  update: Uint8Array,
): { roots: Set<string>; pending: boolean; change: Uint8Array | null } {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  let change: Uint8Array | null = null;
  copy.on('update', (u: Uint8Array) => (change = u));
  const roots = new Set<string>();
  copy.on('afterTransaction', (tr: Y.Transaction) => {
    for (const type of tr.changed.keys()) {
      let root = type;
      while (root._item !== null) root = root._item.parent as typeof root;
      roots.add(Y.findRootTypeKey(root));
    }
  });
  Y.applyUpdate(copy, update);
  const pending = copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
  copy.destroy();
  return { roots, pending, change };
}

/**
 * Whether two updates leave replicas of `server` alike: the same content, state vector and delete
 * set. A fresh update must be as good as Yjs's own encoding of the change it makes.
 */
function sameResult(server: Y.Doc, a: Uint8Array, b: Uint8Array): boolean {
  const after = (update: Uint8Array) => {
    const replica = clientOf(server);
    Y.applyUpdate(replica, update);
    const content = JSON.stringify(SECTIONS.map((name) => replica.getXmlFragment(name).toJSON()));
    const snapshot = Y.snapshot(replica);
    replica.destroy();
    return { content, snapshot };
  };
  const [x, y] = [after(a), after(b)];
  return x.content === y.content && Y.equalSnapshots(x.snapshot, y.snapshot);
}

function seedDocument(rng: Rng): Y.Doc {
  const doc = new Y.Doc();
  for (const name of SECTIONS) {
    const fragment = doc.getXmlFragment(name);
    fragment.insert(0, [paragraph(rng), paragraph(rng, 'mainGoal'), bulletList(rng)]);
  }
  return doc;
}

function clientOf(server: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return doc;
}

/**
 * A server document with one text in section a, a client's copy of it, and what the client sends:
 * each transaction's own update, as a client sends them.
 */
function textAndClient(initial: string) {
  const server = new Y.Doc();
  server.getXmlFragment('section:a').insert(0, [new Y.XmlText(initial)]);
  const client = clientOf(server);
  const sent: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => sent.push(update));
  return { server, client, text: client.getXmlFragment('section:a').get(0) as Y.XmlText, sent };
}

describe('inspectUpdate', () => {
  it(
    `reports exactly the roots an update changes, over ${CASES} random multi-client edit sequences`,
    { timeout: 600_000 },
    () => {
      let refused = 0;
      let multiRoot = 0;
      let fresh = 0;
      for (let seed = 1; seed <= CASES; seed++) {
        const rng = prng(seed);
        const server = seedDocument(rng);
        const clients = [clientOf(server), clientOf(server), clientOf(server)];
        const steps = 2 + rng.int(5);
        for (let step = 0; step < steps; step++) {
          const author = rng.pick(clients);
          let update: Uint8Array | null = null;
          const capture = (u: Uint8Array) => (update = update ? Y.mergeUpdates([update, u]) : u);
          author.on('update', capture);
          Y.transact(author, () => {
            const edits = 1 + rng.int(4);
            for (let i = 0; i < edits; i++) randomEdit(author, rng);
          });
          author.off('update', capture);
          if (!update) continue;
          const sent: Uint8Array = update;

          // Sometimes another client gets the update first (peer to peer through a stale path), so
          // its next update depends on structs the server has not seen yet.
          if (rng.chance(0.2)) {
            const peer = rng.pick(clients.filter((c) => c !== author));
            Y.applyUpdate(peer, sent);
          }
          if (rng.chance(0.25)) continue; // this one never reaches the server

          const verdict = inspectUpdate(server, sent, shape);
          const truth = groundTruth(server, sent);
          if (verdict.kind === 'invalid' || verdict.kind === 'malformed') {
            expect.fail(`seed ${seed} step ${step}: refused (${verdict.reason}) a schema-valid update`);
          }
          if (verdict.kind === 'ok') {
            expect(truth.pending, `seed ${seed} step ${step}: accepted an update Yjs leaves pending`).toBe(false);
            expect([...verdict.roots].sort(), `seed ${seed} step ${step}`).toEqual([...truth.roots].sort());
            if (verdict.roots.size > 1) multiRoot++;
            if (verdict.fresh) {
              fresh++;
              expect(truth.change, `seed ${seed} step ${step}: a fresh update changes nothing`).not.toBeNull();
              // Every third: building two replicas per case would double the test's time.
              if (fresh % 3 === 0) {
                expect(sameResult(server, sent, truth.change!), `seed ${seed} step ${step}`).toBe(true);
              }
            }
            Y.applyUpdate(server, sent);
            for (const client of clients) if (client !== author) Y.applyUpdate(client, sent);
          } else {
            refused++;
            expect(truth.pending, `seed ${seed} step ${step}: held back (${verdict.reason}) a resolvable update`).toBe(
              true,
            );
            // What it says it needs is indeed not there yet, so waiting for it is not waiting for ever.
            expect(Y.getState(server.store, verdict.need.client)).toBeLessThanOrEqual(verdict.need.clock);
          }
        }
      }
      // The generator must actually reach the interesting cases.
      expect(refused).toBeGreaterThan(CASES / 20);
      expect(multiRoot).toBeGreaterThan(CASES / 20);
      expect(fresh).toBeGreaterThan(CASES / 2);
    },
  );

  it('finds a keystroke fresh, and neither a sync reply that repeats deletions nor one that repeats structs', () => {
    const { server, client, text, sent } = textAndClient('abc');
    text.delete(0, 1);
    const deletion = sent.pop()!;
    expect(inspectUpdate(server, deletion, shape)).toMatchObject({ kind: 'ok', fresh: true });
    Y.applyUpdate(server, deletion);
    text.insert(2, 'd');
    const keystroke = sent.pop()!;
    expect(inspectUpdate(server, keystroke, shape)).toMatchObject({ kind: 'ok', fresh: true });
    // A sync reply: what the server lacks, and the client's whole delete set (the deletion it has).
    const reply = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(inspectUpdate(server, reply, shape)).toMatchObject({ kind: 'ok', fresh: false });
    // Structs the server has, sent again with the new one.
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(client), shape)).toMatchObject({ kind: 'ok', fresh: false });
    // Nothing new at all.
    Y.applyUpdate(server, keystroke);
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)), shape)).toMatchObject({
      kind: 'ok',
      fresh: false,
    });
  });

  it('finds what goes into a deleted block not fresh: Yjs stores it as a deletion', () => {
    const server = new Y.Doc();
    server.getXmlFragment('section:a').insert(0, [paragraph(prng(4))]);
    const client = clientOf(server);
    server.getXmlFragment('section:a').delete(0, 1);
    const sent: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => sent.push(u));
    (client.getXmlFragment('section:a').get(0) as Y.XmlElement).insert(0, [new Y.XmlText('sent')]);
    expect(inspectUpdate(server, sent[0]!, shape)).toMatchObject({ kind: 'ok', fresh: false });
  });

  it('refuses an item placed beside a later item of its own client, which Yjs throws on halfway', () => {
    const { server, text, sent } = textAndClient('ab');
    text.insert(2, 'x');
    const { structs } = Y.decodeUpdate(sent[0]!) as unknown as { structs: Y.Item[] };
    // The same item, claiming as its left neighbour its own client's next clock.
    const item = structs[0]!;
    const encoder = new Y.UpdateEncoderV1();
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoding.writeVarUint(encoder.restEncoder, item.id.client);
    encoding.writeVarUint(encoder.restEncoder, item.id.clock);
    item.origin = Y.createID(item.id.client, item.id.clock + 5);
    item.write(encoder, 0);
    encoding.writeVarUint(encoder.restEncoder, 0);
    const forged = encoder.toUint8Array();
    expect(() => Y.applyUpdate(clientOf(server), forged)).toThrow();
    expect(inspectUpdate(server, forged, shape)).toMatchObject({ kind: 'invalid' });
  });

  it('finds an update that cannot be decoded malformed', () => {
    expect(inspectUpdate(new Y.Doc(), new Uint8Array([1, 2, 3, 4, 5]), shape)).toMatchObject({ kind: 'malformed' });
  });

  it('holds back a deletion of content the server has never seen', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getXmlFragment('section:visjon').insert(0, [new Y.XmlText('hemmelig')]);
    const before = Y.encodeStateVector(client);
    client.getXmlFragment('section:visjon').delete(0, 1);
    const deletionOnly = Y.encodeStateAsUpdate(client, before);
    expect(inspectUpdate(server, deletionOnly, shape)).toMatchObject({ kind: 'missing' });
  });

  it('names the section of a deletion that spans two sections', () => {
    const server = new Y.Doc();
    server.getXmlFragment('section:a').insert(0, [new Y.XmlText('a')]);
    server.getXmlFragment('section:b').insert(0, [new Y.XmlText('b')]);
    const client = clientOf(server);
    const before = Y.encodeStateVector(client);
    Y.transact(client, () => {
      client.getXmlFragment('section:a').delete(0, 1);
      client.getXmlFragment('section:b').delete(0, 1);
    });
    const result = inspectUpdate(server, Y.encodeStateAsUpdate(client, before), shape);
    expect(result.kind === 'ok' && [...result.roots].sort()).toEqual(['section:a', 'section:b']);
  });

  it('takes what goes into a block someone deleted meanwhile as no change, not as a forgery', () => {
    const server = new Y.Doc();
    server.getXmlFragment('section:a').insert(0, [new Y.XmlElement('bulletList')]);
    (server.getXmlFragment('section:a').get(0) as Y.XmlElement).insert(0, [new Y.XmlElement('listItem')]);
    const client = clientOf(server);
    // The server deletes the (empty) item; Yjs collects it to a placeholder without a type.
    (server.getXmlFragment('section:a').get(0) as Y.XmlElement).delete(0, 1);
    const before = Y.encodeStateVector(client);
    const item = (client.getXmlFragment('section:a').get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    item.insert(0, [paragraph(prng(1))]);
    const result = inspectUpdate(server, Y.encodeStateAsUpdate(client, before), shape);
    expect(result).toMatchObject({ kind: 'ok' });
    expect(result.kind === 'ok' && [...result.roots]).toEqual([]);
  });

  it('names the client ids an update writes under, and not those it only repeats', () => {
    const server = new Y.Doc();
    const client = clientOf(server);
    client.getXmlFragment('section:a').insert(0, [paragraph(prng(2))]);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const before = Y.encodeStateVector(client);
    const other = clientOf(client);
    other.getXmlFragment('section:a').insert(0, [paragraph(prng(3))]);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(other, before));
    // Everything the client has, from the start: its own structs the server has, the other's it lacks.
    const result = inspectUpdate(server, Y.encodeStateAsUpdate(client), shape);
    expect(result).toMatchObject({ kind: 'ok', writers: [other.clientID] });
  });
});
