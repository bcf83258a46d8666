import type { JSONContent } from '@tiptap/core';
import { benefitsApi } from '$lib/benefits-api';
import { documentOf } from '$lib/versions-api';
import { userColor } from '$lib/colors';
import type { User } from '$lib/types';
import { CollabSession } from './session.svelte';
import { appendToSection, plainText, whenSynced } from './section-content';

/** How long an insertion may take to reach the server's stored text. */
const CONFIRM_WITHIN_MS = 10_000;
const CONFIRM_POLL_MS = 400;

/**
 * Appends generated blocks (a benefit summary, a status comparison) to a section of the text from a
 * page that has no editor: it opens its own connection to the text the first time, and answers only
 * when the server has stored the blocks.
 */
export class SectionInserter {
  #session: CollabSession | null = null;

  constructor(
    private readonly strategyId: string,
    private readonly user: User,
    private readonly onSessionEnded: () => void,
  ) {}

  /** Appends `blocks` to the section; rejects if they are not stored within 10 s. */
  async insert(sectionKey: string, blocks: JSONContent[]): Promise<void> {
    const session = this.#connect();
    await whenSynced(session);
    await appendToSection(session.doc, sectionKey, blocks);
    const marker = blocks[0] ? plainText(blocks[0]) : '';
    if (!(await this.#stored(sectionKey, marker))) throw new Error('the inserted text was not stored');
  }

  destroy(): void {
    this.#session?.destroy();
    this.#session = null;
  }

  #connect(): CollabSession {
    this.#session ??= new CollabSession(
      this.strategyId,
      { id: this.user.id, name: this.user.name, color: userColor(this.user.id) },
      { reload: () => {}, sessionEnded: this.onSessionEnded, checkAccess: async () => 'ok' },
    );
    return this.#session;
  }

  /** Whether the server's copy of the section comes to hold `marker`: the edit was accepted and stored. */
  async #stored(sectionKey: string, marker: string): Promise<boolean> {
    const deadline = Date.now() + CONFIRM_WITHIN_MS;
    while (Date.now() < deadline) {
      const { sections } = await benefitsApi.currentText(this.strategyId);
      const section = sections.find((s) => s.key === sectionKey);
      if (section && plainText(documentOf(section.content)).includes(marker)) return true;
      await new Promise((r) => setTimeout(r, CONFIRM_POLL_MS));
    }
    return false;
  }
}
