import { eq } from 'drizzle-orm';
import type { SectionAbilities } from '@samstrat/shared/access';
import type { Db } from '../db/client';
import { strategyWorkflows } from '../db/schema-workflow';
import { AppError } from '../errors';

/**
 * Whether the workflow has frozen the strategy's text (under approval, or adopted). The collaboration
 * socket reads it when a connection opens; server-side edits (restoring a version, accepting a
 * suggestion) check it before they write.
 */
export function textFrozen(db: Pick<Db, 'select'>, strategyId: string): boolean {
  const row = db
    .select({ frozen: strategyWorkflows.frozen })
    .from(strategyWorkflows)
    .where(eq(strategyWorkflows.strategyId, strategyId))
    .get();
  return row?.frozen ?? false;
}

/** Refuses a server-side edit of a frozen text (409 text_frozen). */
export function assertTextEditable(db: Pick<Db, 'select'>, strategyId: string): void {
  if (textFrozen(db, strategyId)) throw new AppError('text_frozen', 409);
}

interface DetailWithAbilities {
  abilities: { edit: boolean };
  sections: { abilities: SectionAbilities }[];
}

/**
 * A strategy's detail as the caller may act on it now: while the text is frozen nobody edits it,
 * whatever their role, so the abilities say so and the page never offers an editor the socket refuses.
 */
export function withFrozenText<T extends DetailWithAbilities>(detail: T, frozen: boolean): T & { frozen: boolean } {
  if (!frozen) return { ...detail, frozen };
  return {
    ...detail,
    frozen,
    abilities: { ...detail.abilities, edit: false },
    sections: detail.sections.map((section) => ({
      ...section,
      abilities: { ...section.abilities, edit: false, decideSuggestions: false, restoreVersions: false },
    })),
  };
}
