import type { OutEvent } from '../app/events.js';
import type { Namespaces } from './namespaces.js';

type Emitter = { emit(event: string, payload: unknown): unknown };

/** Carries out what use cases returned: emit to rooms (`except` one socket), or close a room's sockets. */
export function createPublisher(ns: Namespaces) {
  return (events: OutEvent[]): void => {
    for (const e of events) {
      const nsp = ns[e.ns];
      if ('disconnect' in e) nsp.in(e.room).disconnectSockets(true);
      else {
        // Each event was typed against its namespace's map when it was made (app/events.ts).
        const to = (e.except ? nsp.to(e.room).except(e.except) : nsp.to(e.room)) as unknown as Emitter;
        to.emit(e.event, e.payload);
      }
    }
  };
}
