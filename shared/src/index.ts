export * from './template';
export * from './initial-content';
export * from './editor/goals';
export * from './editor/extensions';
