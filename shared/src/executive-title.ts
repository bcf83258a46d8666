import type { Locale } from './errors';

/**
 * The chief executive's title and how running text names it. Source: issue 13 (an organization's
 * settings include the executive's title, kommunedirektør or rådmann, and Samstrat names the
 * executive by it wherever it does). Bokmål and nynorsk write the titles alike but not the genitive:
 * bokmål says "kommunedirektørens godkjenning", nynorsk "kommunedirektøren si godkjenning".
 */

/** The chief executive's title: many municipalities now say kommunedirektør, some still rådmann. */
export const EXECUTIVE_TITLES = { kommunedirektor: 'Kommunedirektør', radmann: 'Rådmann' } as const;
export type ExecutiveTitleKey = keyof typeof EXECUTIVE_TITLES;

/** The title as typed ("kommunedirektør", "Rådmann", "radmann") → its key, or null. */
export function executiveTitleKey(value: string): ExecutiveTitleKey | null {
  const plain = value.trim().toLowerCase().replaceAll('ø', 'o').replaceAll('å', 'a');
  return plain === 'kommunedirektor' || plain === 'radmann' ? plain : null;
}

/** The title's forms in running text, lower case: "rådmann", "rådmannen", "rådmannens". */
export interface ExecutiveForms {
  indefinite: string;
  definite: string;
  genitive: string;
}

export const EXECUTIVE_FORMS: Readonly<Record<ExecutiveTitleKey, Readonly<Record<'nb' | 'nn', ExecutiveForms>>>> = {
  kommunedirektor: {
    nb: { indefinite: 'kommunedirektør', definite: 'kommunedirektøren', genitive: 'kommunedirektørens' },
    nn: { indefinite: 'kommunedirektør', definite: 'kommunedirektøren', genitive: 'kommunedirektøren si' },
  },
  radmann: {
    nb: { indefinite: 'rådmann', definite: 'rådmannen', genitive: 'rådmannens' },
    nn: { indefinite: 'rådmann', definite: 'rådmannen', genitive: 'rådmannen si' },
  },
};

/** English names the office, whatever the municipality calls it. */
const ENGLISH_FORMS: ExecutiveForms = {
  indefinite: 'chief executive',
  definite: 'the chief executive',
  genitive: "the chief executive's",
};

/**
 * The words a text fills its placeholders with: `{executive}`, `{executiveDefinite}`,
 * `{executiveGenitive}`, and capitalized for the start of a sentence `{Executive}`,
 * `{ExecutiveDefinite}`, `{ExecutiveGenitive}`. The same names are the parameters of the web's
 * catalog messages that name the executive.
 */
export interface ExecutiveWords {
  executive: string;
  executiveDefinite: string;
  executiveGenitive: string;
  Executive: string;
  ExecutiveDefinite: string;
  ExecutiveGenitive: string;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The words for the organization's `title` (its key or its title as stored, "Rådmann") in `locale`;
 * an unknown or missing title is kommunedirektør, the default of every organization.
 */
export function executiveWords(title: string | null | undefined, locale: Locale): ExecutiveWords {
  const key = (title && executiveTitleKey(title)) || 'kommunedirektor';
  const forms = locale === 'en' ? ENGLISH_FORMS : EXECUTIVE_FORMS[key][locale];
  return {
    executive: forms.indefinite,
    executiveDefinite: forms.definite,
    executiveGenitive: forms.genitive,
    Executive: capitalized(forms.indefinite),
    ExecutiveDefinite: capitalized(forms.definite),
    ExecutiveGenitive: capitalized(forms.genitive),
  };
}

/** `text` with its executive placeholders filled from `words`; other braces are left alone. */
export function fillExecutive(text: string, words: ExecutiveWords): string {
  return text.replace(
    /\{(executive|executiveDefinite|executiveGenitive|Executive|ExecutiveDefinite|ExecutiveGenitive)\}/g,
    (_, name: keyof ExecutiveWords) => words[name],
  );
}
