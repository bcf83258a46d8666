/**
 * Size limits that the collaboration server enforces and the editor respects before it sends, so a
 * person learns at once that a change is too large instead of the socket failing later.
 */

/** The largest message the collaboration socket accepts, in bytes. The server closes a socket that sends more. */
export const MAX_COLLAB_MESSAGE_BYTES = 2_000_000;

/**
 * The largest change the editor lets a person make in one step, in bytes of its estimated Yjs
 * update: the socket's cap less room for the y-websocket framing around the update (message type,
 * sync step and length prefix take under 16 bytes).
 */
export const MAX_EDIT_BYTES = MAX_COLLAB_MESSAGE_BYTES - 1024;
