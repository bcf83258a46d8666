import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { measureToMove, splitSentences } from './move-measure';

const text = (value: string): JSONContent[] => [{ type: 'text', text: value }];
const goal = (value: string, goalId: string): JSONContent => ({
  type: 'mainGoal',
  attrs: { goalId },
  content: text(value),
});
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: text(value) });
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

describe('measureToMove', () => {
  it('splits sentences after . ! and ?', () => {
    expect(splitSentences('Én. To! Tre? Fire')).toEqual(['Én.', 'To!', 'Tre?', 'Fire']);
  });

  it('picks the sentence with the measure from a paragraph and links the goal above it', () => {
    const section = doc(
      goal('Innbyggerne skal få gode digitale tjenester.', 'g1'),
      paragraph('Dette er viktig. Kommunen skal kjøpe inn nettbrett til alle lærere. Det gir bedre læring.'),
      goal('Kommunen skal dele data.', 'g2'),
    );
    expect(measureToMove(section, 'measure-in-text:digitale-tjenester:1')).toEqual({
      sentence: 'Kommunen skal kjøpe inn nettbrett til alle lærere.',
      removal: ' Kommunen skal kjøpe inn nettbrett til alle lærere.',
      goalId: 'g1',
      occurrence: 0,
    });
  });

  it('takes the space after a sentence that opens its block, and a goal below when none is above', () => {
    const section = doc(paragraph('Kommunen skal innføre Teams innen 2027. Mer tekst.'), goal('Et mål.', 'g9'));
    expect(measureToMove(section, 'measure-in-text:a:0')).toEqual({
      sentence: 'Kommunen skal innføre Teams innen 2027.',
      removal: 'Kommunen skal innføre Teams innen 2027. ',
      goalId: 'g9',
      occurrence: 0,
    });
  });

  it('counts the same words in earlier blocks, so only the finding’s own are taken out', () => {
    const twice = 'Kommunen skal kjøpe inn nettbrett til alle lærere.';
    const section = doc(goal('Et mål.', 'g1'), paragraph(`Først dette. ${twice}`), paragraph(`Så dette. ${twice}`));
    expect(measureToMove(section, 'measure-in-text:a:1')).toMatchObject({ removal: ` ${twice}`, occurrence: 0 });
    expect(measureToMove(section, 'measure-in-text:a:2')).toMatchObject({ removal: ` ${twice}`, occurrence: 1 });
  });

  it('moves a sentence out of a goal and links that goal, but never a goal’s whole text', () => {
    const section = doc(goal('Alle skal ha gode tjenester. Vi skal kjøpe inn nettbrett.', 'g1'));
    expect(measureToMove(section, 'measure-in-text:a:g1')).toMatchObject({
      goalId: 'g1',
      sentence: 'Vi skal kjøpe inn nettbrett.',
    });
    expect(measureToMove(doc(goal('Vi skal kjøpe inn nettbrett.', 'g1')), 'measure-in-text:a:g1')).toBeNull();
  });

  it('offers nothing without a goal, for a block that is gone, or for text that no longer reads as a measure', () => {
    expect(measureToMove(doc(paragraph('Vi skal kjøpe inn nettbrett.')), 'measure-in-text:a:0')).toBeNull();
    expect(measureToMove(doc(goal('Mål.', 'g1')), 'measure-in-text:a:5')).toBeNull();
    expect(measureToMove(doc(goal('Mål.', 'g1'), paragraph('Helt vanlig tekst.')), 'measure-in-text:a:1')).toBeNull();
  });
});
