export * from './common.ts';
export * from './events.ts';
export * from './sessions.ts';
export * from './attendees.ts';
export * from './posts.ts';
export * from './questions.ts';
export * from './moderation.ts';
export * from './sources.ts';
