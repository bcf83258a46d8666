import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINCIPLES, EXAMPLE_VISION, TEMPLATE_SECTIONS, templateSection } from './template';

const SEED_FILE = join('shared', 'seed', '000_6ff426ecb3d75995.txt');

// The seed lives beside the checkout (/work/shared/seed next to /work/main), not inside it, so
// look for it in every ancestor directory rather than at one fixed depth.
function findSeed(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, SEED_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${SEED_FILE} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

// The seed is text extracted from slides: words are wrapped across lines and bullets are private-use
// glyphs, so compare with all whitespace collapsed.
const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
const seed = normalize(readFileSync(findSeed(), 'utf8'));
const inSeed = (text: string) => seed.toLowerCase().includes(normalize(text).toLowerCase());

/**
 * Seed lines, trimmed and stripped of bullet marks, after the last line matching `from` (headings
 * also appear in the seed's table of contents) up to the next line matching `to`.
 */
function seedBlock(from: RegExp, to: RegExp): string[] {
  const lines = readFileSync(findSeed(), 'utf8')
    .split('\n')
    .map((l) => l.replace(/^\s*(?:[\uf0a7\uf0b7•]|o(?=\s|\p{Lu}))?\s*/u, '').trim());
  const start = lines.map((l) => from.test(l)).lastIndexOf(true);
  const end = lines.findIndex((l, i) => i > start && to.test(l));
  return lines.slice(start + 1, end).filter((l) => l !== '');
}

const areas = TEMPLATE_SECTIONS.filter((s) => s.kind === 'area');
const serviceAreas = TEMPLATE_SECTIONS.filter((s) => s.kind === 'service-area');

describe('the strategy template', () => {
  it('has the chapters 1–6 in outline order', () => {
    const chapters = TEMPLATE_SECTIONS.filter((s) => s.parentKey === null);
    expect(chapters.map((s) => [s.number, s.key])).toEqual([
      ['1', 'innledning'],
      ['2', 'prinsipper'],
      ['3', 'visjon'],
      ['4', 'tverrgaende'],
      ['5', 'tjenesteomrader'],
      ['6', 'vedlegg'],
    ]);
  });

  it('lists every section after its parent, numbered as the parent’s child', () => {
    TEMPLATE_SECTIONS.forEach((section, index) => {
      if (section.parentKey === null) return expect(section.number).toMatch(/^\d+$/);
      const parentIndex = TEMPLATE_SECTIONS.findIndex((s) => s.key === section.parentKey);
      const parent = TEMPLATE_SECTIONS[parentIndex]!;
      expect(parentIndex).toBeLessThan(index);
      expect(section.number).toMatch(new RegExp(`^${parent.number}\\.\\d+$`));
    });
    const numbers = TEMPLATE_SECTIONS.map((s) => s.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('uses unique ASCII slugs as keys', () => {
    const keys = TEMPLATE_SECTIONS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    keys.forEach((key) => expect(key).toMatch(/^[a-z]+(-[a-z]+)*$/));
  });

  it('finds a section by its key', () => {
    expect(templateSection('helse-omsorg')?.title).toBe('Helse og omsorg');
    expect(templateSection('finnes-ikke')).toBeUndefined();
  });

  it('contains every cross-sectoral area the seed names', () => {
    const seedLines = seedBlock(/^4\. Tverrgående satsingsområder$/, /^Tjenesteområdene$/);
    const named = [
      'Kommuneportal',
      'Intranett/ansattportal',
      'Administrative fellesløsninger',
      'Informasjonssikkerhet',
      'Arkitektur og standardisering',
      'Infrastruktur og programvare',
      'Kompetanse',
      'Organisering og styring av IKT-virksomheten',
    ];
    named.forEach((title) => expect(seedLines, title).toContain(title));
    expect(areas.map((s) => s.title)).toEqual(named);
    areas.forEach((s) => expect(s.parentKey).toBe('tverrgaende'));
  });

  it('contains every service area the seed lists under “Tjenesteområdene”', () => {
    const listed = seedBlock(/^Tjenesteområdene$/, /^Noen tjenesteområder/).filter((l) => !l.startsWith('…'));
    expect(listed).toHaveLength(6);
    expect(serviceAreas.map((s) => s.title)).toEqual(listed);
    serviceAreas.forEach((s) => expect(s.parentKey).toBe('tjenesteomrader'));
  });

  it('gives every cross-sectoral area guidance and an example goal', () => {
    expect(areas).toHaveLength(8);
    for (const area of areas) {
      expect(area.guidance.length).toBeGreaterThan(0);
      expect(area.exampleGoal).toBeTruthy();
    }
  });

  it('gives every service area guidance and an example goal of its own making', () => {
    for (const area of serviceAreas) {
      expect(area.guidance).toContain('For alle tjenesteområdene settes hovedmål og evt. delmål');
      expect(area.exampleGoal).toBeTruthy();
      expect(area.exampleGoalSource).toBe('samstrat');
    }
  });

  it('takes every seed-sourced example goal word for word from the seed', () => {
    const fromSeed = TEMPLATE_SECTIONS.filter((s) => s.exampleGoalSource === 'seed');
    expect(fromSeed).toHaveLength(7);
    fromSeed.forEach((s) => expect(inSeed(s.exampleGoal!), s.key).toBe(true));
  });

  it('marks the example goals the seed does not give as Samstrat’s own', () => {
    expect(templateSection('organisering')?.exampleGoalSource).toBe('samstrat');
    TEMPLATE_SECTIONS.filter((s) => s.exampleGoalSource === 'samstrat').forEach((s) =>
      expect(inSeed(s.exampleGoal!), s.key).toBe(false),
    );
  });

  it('has example goals only where goals are required', () => {
    for (const section of TEMPLATE_SECTIONS) {
      expect(section.requiresGoal).toBe(section.kind === 'area' || section.kind === 'service-area');
      expect(section.exampleGoal !== null).toBe(section.requiresGoal);
      expect(section.exampleGoalSource !== null).toBe(section.requiresGoal);
    }
  });

  it('takes the guidance of chapters 1, 4, 5, 6 and all areas from the seed’s words', () => {
    const own = new Set(['prinsipper', 'visjon']);
    for (const section of TEMPLATE_SECTIONS.filter((s) => !own.has(s.key))) {
      // Nested seed bullets are joined as "Head: item; item".
      const pieces = section.guidance.flatMap((line) => line.split(/: |; /));
      pieces.forEach((piece) => expect(inSeed(piece.replace(/\.$/, '')), `${section.key}: ${piece}`).toBe(true));
    }
  });

  it('opens the vision guidance with the seed’s own sentence', () => {
    expect(templateSection('visjon')?.guidance[0]).toBe(
      'Visjonen skal tegne et framtidsbilde av den digitale kommunen',
    );
  });

  it('has the seed’s seven principles, word for word', () => {
    expect(DEFAULT_PRINCIPLES).toHaveLength(7);
    DEFAULT_PRINCIPLES.forEach((p) => expect(inSeed(p), p).toBe(true));
    const seedPrinciples = seedBlock(/^2\. Overordnede prinsipper$/, /^3\. Visjon$/);
    expect(normalize(seedPrinciples.join(' '))).toBe(normalize(DEFAULT_PRINCIPLES.join(' ')));
  });

  it('has the seed’s example vision, word for word', () => {
    expect(seed).toContain(`«${EXAMPLE_VISION}»`);
  });
});
