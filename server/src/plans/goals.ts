import { collectGoals, type GoalKind } from '@samstrat/shared/editor/goals';
import type { Deps } from '../context';
import { strategyContent } from '../strategies/content';

/** A goal of the strategy's text as the plan shows it: read from the document now, never stored. */
export interface LiveGoal {
  goalId: string;
  kind: GoalKind;
  text: string;
  sectionKey: string;
  sectionNumber: string;
  sectionTitle: string;
}

/**
 * Every goal block with an id in the strategy's text as it is now (the live room's document when
 * the strategy is open), in outline order. A measure names goals by these ids; their words come
 * from here each time, so a goal reworded in the text reads anew in the plan.
 */
export async function liveGoals(deps: Deps, strategyId: string): Promise<LiveGoal[]> {
  const sections = await strategyContent(deps, strategyId);
  return sections.flatMap((section) =>
    collectGoals(section.content).flatMap((goal) =>
      goal.goalId
        ? [
            {
              goalId: goal.goalId,
              kind: goal.kind,
              text: goal.text,
              sectionKey: section.key,
              sectionNumber: section.number,
              sectionTitle: section.title,
            },
          ]
        : [],
    ),
  );
}
