import type { WorkflowActionInput } from '@samstrat/shared/workflow-input';

/** Sends one workflow action; rejects with an ApiError whose message the form shows. */
export type RunAction = (input: WorkflowActionInput) => Promise<void>;
