/**
 * Who made a change to a document, as the room registry tells those who watch saved changes.
 * The domain names its own edits here (collab imports none of it); a socket's update is a
 * connection's.
 */
export type ServerEdit =
  | { kind: 'suggestion.accepted'; userId: string; threadId: string }
  | { kind: 'version.restored'; userId: string; versionId: string; sectionKey: string }
  /** A leader added a section: its first (empty) paragraph, so no reader's editor writes one. */
  | { kind: 'outline.sectionAdded'; userId: string; sectionKey: string }
  /** A leader inserted the SWOT board into the status appendix. */
  | { kind: 'swot.inserted'; userId: string; sectionKey: string }
  /** A sentence of the text moved into the action plan as a measure (issue 16). */
  | { kind: 'measure.movedFromText'; userId: string; sectionKey: string };

export type EditOrigin = { kind: 'connection'; userId: string; sessionId: string } | ServerEdit;
