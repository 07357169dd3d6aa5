export type * from './schemas/index.js';
