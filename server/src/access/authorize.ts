import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { why, type Action, type Actor, type Denial, type Target, type TargetOf } from '@samstrat/shared/access';
import type { AppEnv, SessionUser } from '../context';
import type { Reader } from '../db/client';
import { AppError, forbidden, notFound, unauthenticated } from '../errors';
import { loadStrategyAccess, organizationActor, type StrategyAccess } from './load';

/**
 * How the API answers a refusal of shared/access, in one place: someone who is not a member learns
 * nothing (404, as if the strategy did not exist); a state that may change answers 409 with its
 * catalogue code; everything else is 403.
 */
const DENIAL_ERRORS: Readonly<Record<Denial, () => AppError>> = {
  not_member: notFound,
  role: forbidden,
  restricted: forbidden,
  not_author: forbidden,
  own_comment: forbidden,
  hidden: forbidden,
  not_recipient: forbidden,
  not_owner: forbidden,
  frozen: () => new AppError('text_frozen', 409),
  decided: () => new AppError('suggestion_decided', 409),
  deleted: () => new AppError('comment_deleted', 409),
  archived: () => new AppError('strategy_archived', 409),
  adopted: () => new AppError('strategy_adopted', 409),
};

export function denialError(denial: Denial): AppError {
  return DENIAL_ERRORS[denial]();
}

/** Throws the API's answer to a refusal (see DENIAL_ERRORS) unless `can` allows the action. */
export function enforce<A extends Action>(actor: Actor, action: A, target: TargetOf<A>): void {
  const denial = why(actor, action, target);
  if (denial) throw denialError(denial);
}

// Every route declares its policy with one of the middlewares below, placed before any validator,
// so a caller without the right is refused whatever they send. The declaration is recorded on the
// middleware itself, where the authorization matrix test reads it.

export type Policy =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  /** The caller must be allowed at least one of the actions (each judged on the scope's target). */
  | { kind: 'actions'; actions: readonly Action[] };

const policies = new WeakMap<object, Policy>();

/** The policy a route handler declares, if it is one of the middlewares below. */
export function policyOf(handler: unknown): Policy | undefined {
  return typeof handler === 'function' ? policies.get(handler) : undefined;
}

function declared<H extends object>(handler: H, policy: Policy): H {
  policies.set(handler, policy);
  return handler;
}

/**
 * Anyone, signed in or not: the route decides on its own input (a login, an invitation's token).
 * `check`, when given, refuses a caller before the body is read (it throws the answer).
 */
export function anyone(check?: (c: Context<AppEnv>) => void | Promise<void>): MiddlewareHandler<AppEnv> {
  return declared(
    async (c, next) => {
      await check?.(c);
      await next();
    },
    { kind: 'public' },
  );
}

/** Any signed-in caller, about their own things (their account, their inbox, their strategies). */
export function signedIn(): MiddlewareHandler<AppEnv> {
  return declared(
    async (c, next) => {
      if (!c.get('user')) throw unauthenticated();
      await next();
    },
    { kind: 'signedIn' },
  );
}

/**
 * What a route acts on, loaded from the request before its body is read: the caller as an actor
 * and the objects the actions are judged on.
 */
export interface Scope<T extends { actor: Actor }> {
  /** Null when the caller may not even learn that it exists (404). */
  load(c: Context, user: SessionUser): Promise<T | null> | T | null;
  /** The target one action is judged on. */
  target(loaded: T, action: Action): Target;
}

/** The precise actions a request needs, read from its raw JSON body; null when the body does not tell. */
export type ActionChooser = (body: unknown) => readonly Action[] | null;

export type WithAccess<T> = { Variables: AppEnv['Variables'] & { access: T } };

/**
 * The authorization step of a route: 401 without a session, then the scope is loaded (404 when there
 * is nothing the caller may see) and `can` must allow one of `actions` on it, or, when `choose` reads
 * the precise actions from the body, every one of those. The loaded scope is `c.var.access`.
 */
export function authorize<T extends { actor: Actor }>(
  scope: Scope<T>,
  actions: readonly Action[],
  choose?: ActionChooser,
): MiddlewareHandler<WithAccess<T>> {
  const middleware = createMiddleware<WithAccess<T>>(async (c, next) => {
    const user = c.get('user');
    if (!user) throw unauthenticated();
    const loaded = await scope.load(c, user);
    if (!loaded) throw notFound();
    const required = choose ? choose(await rawJson(c)) : null;
    // The scope gives each action its own kind of target; `why` checks the pairing at run time too.
    const denial = (action: Action) => why(loaded.actor, action, scope.target(loaded, action) as TargetOf<Action>);
    if (required) {
      for (const action of required) {
        const refused = denial(action);
        if (refused) throw denialError(refused);
      }
    } else {
      const denials = actions.map(denial);
      if (!denials.includes(null)) throw denialError(denials[0] ?? 'role');
    }
    c.set('access', loaded);
    await next();
  });
  return declared(middleware, { kind: 'actions', actions });
}

/** The body as JSON, or undefined when it is none; the validator after reports what is wrong with it. */
async function rawJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

/** A route under `/strategies/:id`: the strategy and the caller's role in it; actions judged on the strategy. */
export function strategyScope(db: Reader): Scope<StrategyAccess> {
  return {
    load: async (c, user) => await loadStrategyAccess(db, c.req.param('id') ?? '', user),
    target: (loaded) => loaded.strategy,
  };
}

/** `authorize(strategyScope(db), actions)`: the usual guard of a strategy's routes. */
export function onStrategy(db: Reader, ...actions: Action[]): MiddlewareHandler<WithAccess<StrategyAccess>> {
  return authorize(strategyScope(db), actions);
}

/**
 * An action on the caller's own organization (account administration by its admins by default;
 * `strategy.create` for "Ny strategi"; `organization.configure` for its settings), or on the
 * installation (`organization.create`, the operator's).
 */
export function onOrganization(
  action:
    | 'account.manage'
    | 'strategy.create'
    | 'sso.configure'
    | 'strategy.proposeJoint'
    | 'organization.configure'
    | 'organization.create' = 'account.manage',
): MiddlewareHandler<WithAccess<{ actor: Actor }>> {
  return authorize<{ actor: Actor }>(
    {
      load: (_c, user) => ({ actor: organizationActor(user) }),
      target: () => ({ kind: 'organization' }),
    },
    [action],
  );
}
