import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { diffVersions, sectionPlainText, type VersionSection, type WordChange } from './diff';

const text = (value: string): JSONContent => ({ type: 'text', text: value });
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: [text(value)] });
const goal = (type: 'mainGoal' | 'subGoal', goalId: string, value: string): JSONContent => ({
  type,
  attrs: { goalId },
  content: [text(value)],
});
const section = (key: string, title: string, ...content: JSONContent[]): VersionSection => ({
  key,
  number: '1',
  title,
  parentKey: null,
  content: { type: 'doc', content },
});

const inserted = (changes: WordChange[]) => changes.filter((c) => c.kind === 'insert').map((c) => c.text.trim());
const deleted = (changes: WordChange[]) => changes.filter((c) => c.kind === 'delete').map((c) => c.text.trim());
const rebuild = (changes: WordChange[], side: 'before' | 'after') =>
  changes
    .filter((c) => c.kind === 'equal' || c.kind === (side === 'after' ? 'insert' : 'delete'))
    .map((c) => c.text)
    .join('');

describe('sectionPlainText', () => {
  it('writes blocks as paragraphs, goals with their label and list items with markers', () => {
    const content: JSONContent = {
      type: 'doc',
      content: [
        paragraph('Innledning.'),
        goal('mainGoal', 'g1', 'Portalen er universell.'),
        goal('subGoal', 'g2', 'Skjemaer er digitale.'),
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [paragraph('Én')] },
            { type: 'listItem', content: [paragraph('To')] },
          ],
        },
        { type: 'paragraph' },
      ],
    };
    expect(sectionPlainText(content)).toBe(
      'Innledning.\n\nHovedmål: Portalen er universell.\n\nDelmål: Skjemaer er digitale.\n\n• Én\n\n• To',
    );
  });
});

describe('diffVersions', () => {
  const before = [
    section('visjon', 'Visjon', paragraph('Kommunen skal bli mer digital. Alle skjemaer skal fylles ut på nett.')),
    section(
      'kommuneportal',
      'Kommuneportal',
      goal('mainGoal', 'g1', 'Portalen skal være universelt utformet.'),
      goal('subGoal', 'g2', 'Innbyggerne får svar raskt.'),
    ),
    section('kompetanse', 'Kompetanse', paragraph('Ansatte lærer.')),
  ];

  it('finds exactly the words inserted and deleted, æ, ø and å intact', () => {
    const after = structuredClone(before);
    after[0]!.content = {
      type: 'doc',
      content: [paragraph('Kommunen skal bli mye mer digital. Alle søknadsskjemaer skal fylles ut på nett.')],
    };
    const diff = diffVersions(before, after);
    const visjon = diff.sections.find((s) => s.key === 'visjon')!;
    expect(visjon.status).toBe('changed');
    expect(inserted(visjon.changes)).toEqual(['mye', 'søknadsskjemaer']);
    expect(deleted(visjon.changes)).toEqual(['skjemaer']);
    expect(rebuild(visjon.changes, 'before')).toBe(sectionPlainText(before[0]!.content));
    expect(rebuild(visjon.changes, 'after')).toBe(sectionPlainText(after[0]!.content));
    expect(diff.sections.filter((s) => s.key !== 'visjon').map((s) => s.status)).toEqual(['unchanged', 'unchanged']);
    expect(diff.goals).toEqual([]);
  });

  it('shows an added paragraph as one insertion and a removed one as one deletion', () => {
    const after = structuredClone(before);
    after[2]!.content = { type: 'doc', content: [paragraph('Ledere går foran.')] };
    after[0]!.content.content!.push(paragraph('Tjenestene er gode.'));
    const diff = diffVersions(before, after);
    expect(inserted(diff.sections[0]!.changes)).toEqual(['Tjenestene er gode.']);
    expect(deleted(diff.sections[0]!.changes)).toEqual([]);
    const kompetanse = diff.sections[2]!;
    // The full stop is the same token on both sides, so it stays.
    expect(kompetanse.changes).toEqual([
      { kind: 'delete', text: 'Ansatte lærer' },
      { kind: 'insert', text: 'Ledere går foran' },
      { kind: 'equal', text: '.' },
    ]);
  });

  it('lists goals added, removed and changed by goal id', () => {
    const after = structuredClone(before);
    after[1]!.content = {
      type: 'doc',
      content: [
        goal('mainGoal', 'g1', 'Portalen skal være universelt utformet og enkel.'),
        goal('mainGoal', 'g3', 'Alle tjenester er digitale.'),
      ],
    };
    const { goals, sections } = diffVersions(before, after);
    expect(goals).toEqual([
      {
        goalId: 'g1',
        status: 'changed',
        before: { kind: 'main', text: 'Portalen skal være universelt utformet.', sectionKey: 'kommuneportal' },
        after: { kind: 'main', text: 'Portalen skal være universelt utformet og enkel.', sectionKey: 'kommuneportal' },
      },
      {
        goalId: 'g3',
        status: 'added',
        after: { kind: 'main', text: 'Alle tjenester er digitale.', sectionKey: 'kommuneportal' },
      },
      {
        goalId: 'g2',
        status: 'removed',
        before: { kind: 'sub', text: 'Innbyggerne får svar raskt.', sectionKey: 'kommuneportal' },
      },
    ]);
    expect(inserted(sections[1]!.changes)).toEqual(['og enkel', 'Hovedmål', 'Alle tjenester er digitale']);
    expect(deleted(sections[1]!.changes)).toEqual(['Delmål', 'Innbyggerne får svar raskt']);
  });

  it('counts a goal turned from hovedmål into delmål as a change', () => {
    const after = structuredClone(before);
    after[1]!.content.content![0]!.type = 'subGoal';
    expect(diffVersions(before, after).goals).toMatchObject([
      { goalId: 'g1', status: 'changed', before: { kind: 'main' }, after: { kind: 'sub' } },
    ]);
  });

  it('keeps added, removed and renamed sections in outline order', () => {
    const after = [
      { ...before[0]!, title: 'Vår visjon' },
      section('velferd', 'Velferd', paragraph('Nytt område.')),
      before[2]!,
    ];
    const diff = diffVersions(before, after);
    expect(diff.sections.map((s) => [s.key, s.status])).toEqual([
      ['visjon', 'changed'],
      ['kommuneportal', 'removed'],
      ['velferd', 'added'],
      ['kompetanse', 'unchanged'],
    ]);
    expect(diff.sections[0]).toMatchObject({ title: 'Vår visjon', titleBefore: 'Visjon' });
    expect(diff.sections[1]!.changes.every((c) => c.kind === 'delete')).toBe(true);
    expect(inserted(diff.sections[2]!.changes)).toEqual(['Nytt område.']);
    expect(diff.goals.map((g) => [g.goalId, g.status])).toEqual([
      ['g1', 'removed'],
      ['g2', 'removed'],
    ]);
  });

  it('marks a section moved to another chapter or out of its order, not one only renumbered', () => {
    const chapter = (key: string, number: string): VersionSection => ({
      ...section(key, key),
      number,
      parentKey: null,
    });
    const area = (key: string, number: string, parentKey: string): VersionSection => ({
      ...section(key, key),
      number,
      parentKey,
    });
    const old = [
      chapter('a', '1'),
      area('a1', '1.1', 'a'),
      area('a2', '1.2', 'a'),
      chapter('b', '2'),
      area('b1', '2.1', 'b'),
    ];
    const now = [
      chapter('ny', '1'),
      chapter('a', '2'),
      area('a2', '2.1', 'a'),
      area('a1', '2.2', 'a'),
      chapter('b', '3'),
      area('b1', '3.1', 'b'),
    ];
    const diff = diffVersions(old, now);
    const status = Object.fromEntries(diff.sections.map((s) => [s.key, [s.status, s.numberBefore ?? null]]));
    expect(status).toEqual({
      ny: ['added', null],
      a: ['unchanged', null],
      a2: ['changed', '1.2'],
      a1: ['changed', '1.1'],
      b: ['unchanged', null],
      b1: ['unchanged', null],
    });
    const across = diffVersions(old, [
      chapter('a', '1'),
      area('a1', '1.1', 'a'),
      chapter('b', '2'),
      area('a2', '2.1', 'b'),
      area('b1', '2.2', 'b'),
    ]);
    expect(across.sections.find((s) => s.key === 'a2')).toMatchObject({ status: 'changed', numberBefore: '1.2' });
    expect(across.sections.find((s) => s.key === 'b1')).toMatchObject({ status: 'unchanged' });
  });
});
