import { describe, expect, it } from 'vitest';
import { CHOOSABLE_AREAS, keySlug, newStrategyBody, numberOutline, templateOutline } from './new-strategy';
import { TEMPLATE_SECTIONS } from './template';

describe('templateOutline', () => {
  it('keeps every chapter, only the chosen areas in template order, then the own areas, numbered anew', () => {
    const outline = templateOutline(
      ['kultur', 'helse-omsorg'],
      [
        { chapter: 'tjenesteomrader', title: 'Næring og samfunnsutvikling' },
        { chapter: 'tverrgaende', title: 'Kunstig intelligens' },
      ],
    );
    expect(outline.map((s) => `${s.number} ${s.key} ${s.parentKey ?? '-'}`)).toEqual([
      '1 innledning -',
      '2 prinsipper -',
      '3 visjon -',
      '4 tverrgaende -',
      '4.1 egen-kunstig-intelligens tverrgaende',
      '5 tjenesteomrader -',
      '5.1 helse-omsorg tjenesteomrader',
      '5.2 kultur tjenesteomrader',
      '5.3 egen-naering-og-samfunnsutvikling tjenesteomrader',
      '6 vedlegg -',
    ]);
    expect(outline.find((s) => s.key === 'egen-naering-og-samfunnsutvikling')?.title).toBe(
      'Næring og samfunnsutvikling',
    );
  });

  it('never gives two sections one key, nor an own area a template key', () => {
    const outline = templateOutline(
      CHOOSABLE_AREAS.map((s) => s.key),
      [
        { chapter: 'tjenesteomrader', title: 'Kultur' },
        { chapter: 'tjenesteomrader', title: 'Kultur!' },
        { chapter: 'tverrgaende', title: '???' },
      ],
    );
    const keys = outline.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('egen-kultur');
    expect(keys).toContain('egen-kultur-2');
    expect(keys).toContain('egen-omrade');
    const template = new Set(TEMPLATE_SECTIONS.map((s) => s.key));
    expect(keys.filter((k) => k.startsWith('egen-')).some((k) => template.has(k))).toBe(false);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9][a-z0-9-]{0,79}$/);
  });

  it('gives the whole template when every area is chosen and none added', () => {
    expect(
      templateOutline(
        CHOOSABLE_AREAS.map((s) => s.key),
        [],
      ),
    ).toEqual(TEMPLATE_SECTIONS.map(({ key, number, title, parentKey }) => ({ key, number, title, parentKey })));
  });
});

describe('numberOutline and keySlug', () => {
  it('numbers chapters and their children by order alone', () => {
    expect(
      numberOutline([
        { key: 'a', title: 'A', children: [] },
        { key: 'b', title: 'B', children: [{ key: 'b1', title: 'B1' }] },
      ]).map((s) => s.number),
    ).toEqual(['1', '2', '2.1']);
  });
  it('makes ASCII slugs of Norwegian titles', () => {
    expect(keySlug('Næring og samfunnsutvikling')).toBe('naering-og-samfunnsutvikling');
    expect(keySlug('Å være – eller ikke')).toBe('a-vaere-eller-ikke');
  });
});

describe('newStrategyBody', () => {
  const body = {
    title: 'Strategi',
    periodStart: 2027,
    periodEnd: 2030,
    writtenForm: 'nn',
    start: { kind: 'empty' },
  };
  const code = (over: Record<string, unknown>) => {
    const result = newStrategyBody.safeParse({ ...body, ...over });
    return result.success ? null : result.error.issues[0]?.message;
  };
  it('accepts four years and refuses five, or an end before the start', () => {
    expect(code({})).toBeNull();
    expect(code({ periodEnd: 2031 })).toBe('period_too_long');
    expect(code({ periodEnd: 2026 })).toBe('period_invalid');
  });
  it('refuses an empty title and areas the template does not have', () => {
    expect(code({ title: '  ' })).toBe('strategy_title_required');
    expect(code({ start: { kind: 'template', areas: ['innledning'], ownAreas: [] } })).toBe('unknown_template_area');
  });
});
