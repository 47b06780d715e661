/**
 * The baseline: a bare Socket.IO relay with Switchboard's namespaces, room layout and message
 * shape, and nothing else: no tokens, no validation, no storage, no rate limits. Agents join `agent:<name>`,
 * visitors `chat:<id>`; a visitor's `chat:send` is acknowledged, then delivered to its agent's room
 * and back to its own chat room, as Switchboard does. Prints `listening on http://HOST:PORT`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';

// GET /metrics?reset=1: the same event-loop figures as Switchboard's /api/admin/metrics.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
// Like the server: timer lateness beyond the 10 ms sampling interval.
const ms = (ns: number) => Math.max(0, Math.round(ns / 1e4) / 100 - 10);
const http = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  if (req.url?.startsWith('/metrics')) {
    res.end(
      JSON.stringify({
        eventLoopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
      }),
    );
    if (req.url.includes('reset')) loop.reset();
    return;
  }
  res.end('{"ok":true}');
});
const io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false });
const seqs = new Map<string, number>();
type Ack = (a: unknown) => void;

io.of('/agent').on('connection', (socket) => {
  const username = String(socket.handshake.auth.username);
  socket.join(`agent:${username}`);
  socket.emit('chats:open', { chats: [] });
  socket.on('chat:send', (p: { chatId: string; body: string }, ack?: Ack) => {
    const seq = (seqs.get(p.chatId) ?? 0) + 1;
    seqs.set(p.chatId, seq);
    const message = {
      id: randomBytes(16).toString('base64url'),
      chatId: p.chatId,
      seq,
      from: { role: 'agent', name: username, username },
      to: { role: 'visitor', name: 'visitor' },
      body: p.body,
      sentAt: new Date().toISOString(),
    };
    ack?.({ ok: true, message });
    io.of('/visitor').to(`chat:${p.chatId}`).emit('chat:message', message);
    io.of('/agent').to(`agent:${username}`).emit('chat:message', message);
  });
});

io.of('/visitor').on('connection', (socket) => {
  const { chatId, agent, name } = socket.handshake.auth as { chatId: string; agent: string; name: string };
  socket.join(`chat:${chatId}`);
  socket.emit('chat:history', { chatId, transcript: [], agent: { name: agent }, status: 'active' });
  socket.on('chat:send', (p: { body: string }, ack?: Ack) => {
    const seq = (seqs.get(chatId) ?? 0) + 1;
    seqs.set(chatId, seq);
    const message = {
      id: randomBytes(16).toString('base64url'),
      chatId,
      seq,
      from: { role: 'visitor', name },
      to: { role: 'agent', name: agent, username: agent },
      body: p.body,
      sentAt: new Date().toISOString(),
    };
    ack?.({ ok: true, message });
    io.of('/agent').to(`agent:${agent}`).emit('chat:message', message);
    io.of('/visitor').to(`chat:${chatId}`).emit('chat:message', message);
  });
});

// Waiting visitors (Switchboard's /queue): a room per queue entry, nothing else.
io.of('/queue').on('connection', (socket) => {
  socket.join(`queue:${String(socket.handshake.auth.entryId)}`);
});

http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(http.address() as AddressInfo).port}\n`);
});
const stop = () => io.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
