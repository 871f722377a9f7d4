export type * from './achievement.js';
export type * from './clr.js';
export type * from './common.js';
export type * from './credential.js';
