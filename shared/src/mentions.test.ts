import { describe, expect, it } from 'vitest';
import { bodySegments, mentionedUserIds } from './comments';
import { decodeMentions, encodeMentions, matchPeople, mentionQuery } from './mentions';

const OLA = { id: 'u-ola', name: 'Ola Berg' };
const OLA_B = { id: 'u-olab', name: 'Ola' };
const KARI = { id: 'u-kari', name: 'Kari Nordmann, kommunedirektør' };

describe('mentions', () => {
  it('turn the picked people’s @names into tokens the server reads, longest names first', () => {
    const body = encodeMentions('Hei @Ola Berg og @Ola, se @Kari Nordmann, kommunedirektør!', [OLA_B, OLA, KARI]);
    expect(body).toBe('Hei @[Ola Berg](u-ola) og @[Ola](u-olab), se @[Kari Nordmann, kommunedirektør](u-kari)!');
    expect(mentionedUserIds(body)).toEqual(['u-ola', 'u-olab', 'u-kari']);
  });

  it('leave an @name nobody picked as plain text', () => {
    expect(encodeMentions('Spør @Per', [OLA])).toBe('Spør @Per');
  });

  it('read a stored body back into the field with its people', () => {
    expect(decodeMentions('Takk @[Ola Berg](u-ola), se https://ks.no.')).toEqual({
      text: 'Takk @Ola Berg, se https://ks.no.',
      picked: [OLA],
    });
  });

  it('find the @query before the caret, but not inside an e-mail address', () => {
    expect(mentionQuery('Hei @Ol', 7)).toEqual({ start: 4, query: 'Ol' });
    expect(mentionQuery('skriv til ola@eksempel', 22)).toBeNull();
    expect(mentionQuery('@Ola\nneste', 10)).toBeNull();
  });

  it('match people by the start of any word of their name', () => {
    expect(matchPeople([KARI, OLA, OLA_B], 'ber')).toEqual([OLA]);
    expect(matchPeople([KARI, OLA, OLA_B], 'ol')).toEqual([OLA_B, OLA]);
    expect(matchPeople([KARI, OLA], 'kommune')).toEqual([KARI]);
  });
});

describe('comment bodies', () => {
  it('are split into text, mentions and http(s) links only', () => {
    expect(bodySegments('Se https://ks.no/strategi. Og javascript:alert(1) <b>x</b> @[Ola](u-ola)')).toEqual([
      { kind: 'text', text: 'Se ' },
      { kind: 'link', href: 'https://ks.no/strategi', text: 'https://ks.no/strategi' },
      { kind: 'text', text: '. Og javascript:alert(1) <b>x</b> ' },
      { kind: 'mention', name: 'Ola', userId: 'u-ola' },
    ]);
  });
});
