import type { StrategyAbilities } from '@samstrat/shared/access';
import type { Role } from '@samstrat/shared/roles';

export type { Role };

export interface User {
  id: string;
  email: string;
  name: string;
  isAdmin?: boolean;
}

export interface StrategySummary {
  id: string;
  title: string;
  municipality: string;
  periodStart: number;
  periodEnd: number;
  stage: string;
  role: Role;
}

export interface SectionOwner {
  id: string;
  name: string;
}

export interface Section {
  key: string;
  number: string;
  title: string;
  parentKey: string | null;
  guidance: string[];
  exampleGoal: string | null;
  owners: SectionOwner[];
  restricted: boolean;
  abilities: { edit: boolean };
}

export interface Strategy extends StrategySummary {
  /** More abilities arrive as features land (shared/access STRATEGY_ABILITIES); absent means no. */
  abilities: { edit: boolean; comment: boolean } & Partial<StrategyAbilities>;
  sections: Section[];
  /** The workflow froze the text (under approval or adopted): nobody edits it. */
  frozen?: boolean;
}

/** The user as the collaboration layer shows them to others (awareness field `user`). */
export interface CollabUser {
  id: string;
  name: string;
  color: string;
}
