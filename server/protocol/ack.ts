import type { ErrorBody } from './errors.js';

/** Every socket event a client emits is answered through its acknowledgement with one of these. */
export type Ack<T extends object = object> = ({ ok: true } & T) | ({ ok: false } & ErrorBody);
export type AckFn<T extends object = object> = (answer: Ack<T>) => void;
