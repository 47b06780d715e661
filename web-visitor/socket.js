// Socket.IO client from our own server (no CDN), as an ES module.
import { io } from '/socket.io/socket.io.esm.min.js';

/**
 * Opens a namespace with a token in the handshake. Reconnects by itself with a short backoff;
 * a refused token (`unauthorized`) stops it for good.
 * @param {'/visitor' | '/queue'} namespace
 * @param {string} token
 */
export function openSocket(namespace, token) {
  return io(namespace, {
    auth: { token },
    // WebSocket first: it works behind any load balancer, sticky or not (see docs/deployment.md).
    // Where a network blocks WebSockets, fall back to long-polling (that needs sticky sessions).
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    forceNew: true,
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
    timeout: 8000,
  });
}
