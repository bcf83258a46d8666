import { ACCOUNT_ABILITIES, present, type AccountAbilities } from '@samstrat/shared/access';
import type { SessionUser } from '../context';
import { organizationActor } from '../access/load';

/**
 * The signed-in person as every answer about them presents them (the login, `/api/me`, an accepted
 * invitation): who they are, and what shared/access lets them do outside any strategy.
 */
export interface UserView {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  createsStrategies: boolean;
  isOperator: boolean;
  abilities: AccountAbilities;
}

export function presentUser(
  user: Pick<SessionUser, 'id' | 'email' | 'name' | 'isAdmin' | 'createsStrategies' | 'isOperator'>,
): UserView {
  const { id, email, name, isAdmin, createsStrategies, isOperator } = user;
  return {
    id,
    email,
    name,
    isAdmin,
    createsStrategies,
    isOperator,
    abilities: present(organizationActor(user), { kind: 'organization' }, ACCOUNT_ABILITIES),
  };
}
