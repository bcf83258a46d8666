import type { ChainedCommands, Editor } from '@tiptap/core';
import { m } from '$lib/paraglide/messages.js';

// The toolbar's buttons (Toolbar.svelte draws them). A module of its own so that the tests run
// exactly these commands (e2e/concurrent-restructure.spec.ts).

export interface Tool {
  id: string;
  label: () => string;
  shortcut?: string;
  group: number;
  active: (editor: Editor) => boolean;
  command: (chain: ChainedCommands, editor: Editor) => ChainedCommands;
}

export const TOOLS: Tool[] = [
  {
    id: 'h3',
    label: m.toolbar_heading3,
    group: 0,
    active: (e) => e.isActive('heading', { level: 3 }),
    command: (c) => c.toggleHeading({ level: 3 }),
  },
  {
    id: 'h4',
    label: m.toolbar_heading4,
    group: 0,
    active: (e) => e.isActive('heading', { level: 4 }),
    command: (c) => c.toggleHeading({ level: 4 }),
  },
  {
    id: 'bullets',
    label: m.toolbar_bullet_list,
    group: 1,
    active: (e) => e.isActive('bulletList'),
    command: (c) => c.toggleBulletList(),
  },
  {
    id: 'numbers',
    label: m.toolbar_ordered_list,
    group: 1,
    active: (e) => e.isActive('orderedList'),
    command: (c) => c.toggleOrderedList(),
  },
  {
    id: 'bold',
    label: m.toolbar_bold,
    shortcut: 'Control+B',
    group: 2,
    active: (e) => e.isActive('bold'),
    command: (c) => c.toggleBold(),
  },
  {
    id: 'italic',
    label: m.toolbar_italic,
    shortcut: 'Control+I',
    group: 2,
    active: (e) => e.isActive('italic'),
    command: (c) => c.toggleItalic(),
  },
  {
    id: 'main-goal',
    label: m.toolbar_main_goal,
    group: 3,
    active: (e) => e.isActive('mainGoal'),
    // Pressed again, the goal goes back to ordinary text.
    command: (c, e) => (e.isActive('mainGoal') ? c.setParagraph() : c.setMainGoal()),
  },
  {
    id: 'sub-goal',
    label: m.toolbar_sub_goal,
    group: 3,
    active: (e) => e.isActive('subGoal'),
    command: (c, e) => (e.isActive('subGoal') ? c.setParagraph() : c.setSubGoal()),
  },
];
