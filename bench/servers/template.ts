import * as Y from 'yjs';
import { templateDocument } from '../../server/src/strategies/create';
import { readUpdates } from '../history';
import type { Setup } from './ipc';

/** The document names a reference server serves, one per strategy of the scenario. */
export function documentNames(setup: Setup): string[] {
  return Array.from({ length: setup.documents }, (_, i) => `strategy-${i}`);
}

/**
 * What each reference document starts with, so every server serves the same text: the
 * strategy template, plus the history for the first document when the scenario has one.
 */
export function initialUpdates(setup: Setup): { template: Uint8Array; history: Uint8Array[] } {
  const doc = templateDocument();
  const template = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { template, history: setup.historyFile ? readUpdates(setup.historyFile) : [] };
}
