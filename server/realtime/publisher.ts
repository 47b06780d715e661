import type { Server } from 'socket.io';
import type { OutEvent } from '../app/events.js';

/** Carries out what use cases returned: emit to rooms (`except` one socket), or close a room's sockets. */
export function createPublisher(io: Server) {
  return (events: OutEvent[]): void => {
    for (const e of events) {
      const ns = io.of(`/${e.ns}`);
      if ('disconnect' in e) ns.in(e.room).disconnectSockets(true);
      else if (e.except) ns.to(e.room).except(e.except).emit(e.event, e.payload);
      else ns.to(e.room).emit(e.event, e.payload);
    }
  };
}
