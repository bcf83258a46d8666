import { lintStrategy, type Finding, type LintSection } from '@samstrat/shared/lint';
import type * as Y from 'yjs';
import { sectionContent } from '$lib/collab/section-content';

/** Long enough that a burst of typing costs one run, short enough to feel live. */
const DEBOUNCE_MS = 400;

export interface LintMetadata {
  periodStart: number;
  periodEnd: number;
  outline: readonly LintSection[];
}

/**
 * The quality checks of shared/lint run on the page's live doc: again after every change, local or
 * remote, debounced. Nothing runs before the first sync, when the doc is still empty.
 */
export class LiveLint {
  findings = $state.raw<Finding[]>([]);
  /** False until the first run on synced text. */
  ready = $state(false);

  readonly #doc: Y.Doc;
  readonly #metadata: () => LintMetadata;
  readonly #synced: () => boolean;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(doc: Y.Doc, metadata: () => LintMetadata, synced: () => boolean) {
    this.#doc = doc;
    this.#metadata = metadata;
    this.#synced = synced;
    doc.on('update', this.schedule);
  }

  schedule = (): void => {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#run, DEBOUNCE_MS);
  };

  #run = (): void => {
    this.#timer = null;
    if (!this.#synced()) return;
    const { periodStart, periodEnd, outline } = this.#metadata();
    const content = Object.fromEntries(outline.map((s) => [s.key, sectionContent(this.#doc, s.key)]));
    this.findings = lintStrategy({ periodStart, periodEnd, outline, content });
    this.ready = true;
  };

  /** A section's text as it is now, for an action on one of its findings. */
  contentOf(key: string) {
    return sectionContent(this.#doc, key);
  }

  destroy(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#doc.off('update', this.schedule);
  }
}
