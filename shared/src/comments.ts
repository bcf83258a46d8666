import * as z from 'zod';
import { decodeRelativePosition, MAX_ENCODED_POSITION_LENGTH } from './anchors';
import { ROLES, type Role } from './roles';

/**
 * Comments, suggestions and mentions: limits, the body format and the REST payloads, shared so the
 * web can refuse what the server would refuse before anything is sent.
 *
 * A body is plain text. Mentions are written `@[Name](userId)` and links are bare http(s) URLs;
 * clients render the segments below as text and links, never as HTML.
 */

export const COMMENT_LIMITS = {
  body: 5_000,
  suggestion: 5_000,
  quote: 2_000,
  reason: 1_000,
  /** Mentions per comment; more is a mass notification, not a conversation. */
  mentions: 20,
} as const;

export type ThreadStatus = 'open' | 'resolved';
export type SuggestionStatus = 'open' | 'accepted' | 'rejected';
export type NotificationKind = 'mention' | 'reply' | 'suggestion' | 'decision';

/** The catalogue code (shared/errors) a body gets refused with, or null when it is fine. */
export function commentBodyProblem(body: string): 'comment_empty' | 'comment_too_long' | null {
  if (body.trim().length === 0) return 'comment_empty';
  if (body.length > COMMENT_LIMITS.body) return 'comment_too_long';
  return null;
}

export function suggestionProblem(text: string): 'suggestion_too_long' | null {
  return text.length > COMMENT_LIMITS.suggestion ? 'suggestion_too_long' : null;
}

export function reasonProblem(reason: string | undefined): 'reason_required' | 'reason_too_long' | null {
  if (!reason || reason.trim().length === 0) return 'reason_required';
  if (reason.length > COMMENT_LIMITS.reason) return 'reason_too_long';
  return null;
}

const MENTION = /@\[([^\]\n]{1,200})\]\(([A-Za-z0-9_-]{1,64})\)/g;
const LINK = /\bhttps?:\/\/[^\s<>"]+/g;

/** How a mention of a member is written into a body. */
export function mentionToken(name: string, userId: string): string {
  // Brackets would end the name early; they are rare in names and harmless to drop.
  return `@[${name.replace(/[[\]\n]/g, '')}](${userId})`;
}

/** The ids of the members a body mentions, each once, in order. */
export function mentionedUserIds(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION)].map((m) => m[2]!))];
}

export type BodySegment =
  | { kind: 'text'; text: string }
  | { kind: 'mention'; name: string; userId: string }
  | { kind: 'link'; href: string; text: string };

/**
 * A body split into text, mentions and links, for rendering as text nodes and anchors. Only http(s)
 * links become links, so `javascript:` and the like stay text.
 */
export function bodySegments(body: string): BodySegment[] {
  const segments: BodySegment[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = segments.at(-1);
    if (last?.kind === 'text') last.text += text;
    else segments.push({ kind: 'text', text });
  };
  const linkify = (text: string) => {
    let at = 0;
    for (const match of text.matchAll(LINK)) {
      // Sentence punctuation right after a URL belongs to the sentence.
      const href = match[0].replace(/[.,;:!?)\]]+$/, '');
      pushText(text.slice(at, match.index));
      segments.push({ kind: 'link', href, text: href });
      at = match.index + href.length;
    }
    pushText(text.slice(at));
  };
  let at = 0;
  for (const match of body.matchAll(MENTION)) {
    linkify(body.slice(at, match.index));
    segments.push({ kind: 'mention', name: match[1]!, userId: match[2]! });
    at = match.index + match[0].length;
  }
  linkify(body.slice(at));
  return segments;
}

// REST payloads.

/**
 * Whether a string is a Yjs relative position as a client encodes it: base64 that decodes, and names
 * an item or a type. Yjs decodes some bytes (e.g. `fg==`) into a position naming neither, which it
 * then cannot resolve (it throws), so those are refused at the door.
 */
export function isEncodedPosition(encoded: string): boolean {
  const position = decodeRelativePosition(encoded);
  return position !== null && (position.item !== null || position.type !== null || position.tname !== null);
}

const encodedPosition = z
  .string()
  .min(1)
  .max(MAX_ENCODED_POSITION_LENGTH)
  .refine(isEncodedPosition, 'anchor_malformed');

export const createThreadInput = z.object({
  sectionKey: z.string().min(1).max(100),
  anchor: z.object({ start: encodedPosition, end: encodedPosition }),
  quote: z.string().max(COMMENT_LIMITS.quote * 2),
  body: z.string(),
  suggestion: z.object({ text: z.string() }).optional(),
});
export type CreateThreadInput = z.infer<typeof createThreadInput>;

export const replyInput = z.object({ body: z.string() });

export const updateCommentInput = z
  .object({
    body: z.string().optional(),
    status: z.enum(['open', 'resolved']).optional(),
    hidden: z.boolean().optional(),
  })
  .refine((v) => v.body !== undefined || v.status !== undefined || v.hidden !== undefined, {
    message: 'nothing to change',
  });

export const rejectSuggestionInput = z.object({ reason: z.string().optional() });

export const threadFilters = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  mine: z.enum(['1', 'true']).optional(),
  section: z.string().max(100).optional(),
  role: z.enum(ROLES).optional(),
});
export type ThreadFilters = z.infer<typeof threadFilters>;

export const markNotificationsReadInput = z.object({ ids: z.array(z.string().max(64)).max(500).optional() });

// REST answers.

export interface PersonView {
  id: string;
  name: string;
  /** The person's role in this strategy; null when they are no longer a member. */
  role: Role | null;
}

export interface CommentView {
  id: string;
  threadId: string;
  author: PersonView;
  /** null when the comment is deleted, or hidden from this reader. */
  body: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  hidden: { by: PersonView; at: string } | null;
  abilities: { edit: boolean; delete: boolean; hide: boolean };
}

export interface SuggestionView {
  /** null when the thread's first comment is hidden from this reader. */
  text: string | null;
  status: SuggestionStatus;
  decidedBy: PersonView | null;
  decidedAt: string | null;
  reason: string | null;
}

export interface ThreadView {
  id: string;
  strategyId: string;
  sectionKey: string;
  anchor: { start: string; end: string };
  quote: string;
  status: ThreadStatus;
  resolvedBy: PersonView | null;
  resolvedAt: string | null;
  author: PersonView;
  createdAt: string;
  updatedAt: string;
  /** Where the anchor is in the server's copy of the document when the answer was made. */
  position: { from: number; to: number; detached: boolean };
  suggestion: SuggestionView | null;
  /** The first comment, then the replies, oldest first. */
  comments: CommentView[];
  abilities: { reply: boolean; resolve: boolean; decide: boolean };
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  strategyId: string;
  threadId: string;
  commentId: string | null;
  sectionKey: string;
  actor: { id: string; name: string };
  /** The start of the comment that caused it, when the reader may still see it. */
  excerpt: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationsView {
  unread: number;
  items: NotificationView[];
}
