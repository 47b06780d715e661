export * from './errors.js';
export * from './ack.js';
export * from './limits.js';
export * from './schemas.js';
export * from './models.js';
export * from './socket-schemas.js';
export * from './events.js';
