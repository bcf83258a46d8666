/**
 * Why the server closed a collaboration socket. One catalogue for server and web, so both
 * agree on what a client must do next (Outline keeps its close codes the same way).
 */
export const CLOSE_CODES = {
  /** The session ended or was never valid: log in again. */
  sessionEnded: 4401,
  /** The connection's rights changed or an update was refused: drop local state, reconnect, resync. */
  rightsChanged: 4403,
  /** The strategy does not exist or the user is not a member. */
  notFound: 4404,
  /** The workflow froze the text: reconnect read-only. */
  frozen: 4409,
  /** A message or the document grew past the size cap. */
  tooLarge: 4413,
  /** The room has as many connections as it takes. */
  tooManyConnections: 4429,
  /** The server failed to load or save the document; the client retries. */
  serverError: 4500,
} as const;

export type CloseCodeName = keyof typeof CLOSE_CODES;
export type CloseCode = (typeof CLOSE_CODES)[CloseCodeName];

/** Codes after which reconnecting cannot help until the user acts. */
export const TERMINAL_CLOSE_CODES: readonly number[] = [CLOSE_CODES.sessionEnded, CLOSE_CODES.notFound];
