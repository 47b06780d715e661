import { test } from 'node:test';
import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import { startWorld } from '../helpers/chat.js';
import { emitAck } from '../helpers/sockets.js';

type Who =
  | 'anonymous'
  | 'waiting visitor'
  | 'visitor of this chat'
  | 'visitor of another chat'
  | 'agent owning the chat'
  | 'other agent'
  | 'admin';
const EVERYONE: Who[] = [
  'anonymous',
  'waiting visitor',
  'visitor of this chat',
  'visitor of another chat',
  'agent owning the chat',
  'other agent',
  'admin',
];
const STAFF: Who[] = ['agent owning the chat', 'other agent', 'admin'];

/** Connects to a namespace; resolves with the socket or undefined when the handshake is refused. */
function tryConnect(url: string, ns: string, token: string | undefined): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const s = io(url + ns, {
      auth: token ? { token } : {},
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    s.once('connect', () => resolve(s));
    s.once('connect_error', () => {
      s.close();
      resolve(undefined);
    });
  });
}

const matrix =
  'authorization matrix: every route and socket event × every kind of caller — exactly the allowed ones succeed';
test(matrix, async () => {
  const w = await startWorld(['alice', 'bob'], { messagesPerSecond: 100000 });
  const opened: Socket[] = [];
  try {
    const alice = await w.agentOnline('alice');
    const bob = await w.agentOnline('bob');
    // Bob takes no chats, so both go to Alice: chat A is "this chat", B "another chat".
    await w.t.api('PATCH', '/api/admin/agents/bob', { token: w.adminToken, body: { maxChats: 0 } });
    const a = await w.startAndConnect(await w.join('Ann'));
    const b = await w.startAndConnect(await w.join('Ben'));
    await w.t.api('PATCH', '/api/admin/agents/bob', { token: w.adminToken, body: { maxChats: 5 } });
    await w.t.api('PATCH', '/api/admin/agents/alice', { token: w.adminToken, body: { maxChats: 2 } });
    const waiting = await w.join('Wes');
    const leave = (k: number) =>
      w.t.api('POST', '/api/offline-messages', {
        body: { name: 'Lea', email: 'lea@example.test', body: 'Call me' },
        headers: { 'x-forwarded-for': `10.77.0.${k}` },
      });
    const left = (await leave(99)).body.id as string;
    const token: Record<Who, string | undefined> = {
      anonymous: undefined,
      'waiting visitor': waiting.queueToken,
      'visitor of this chat': a.userToken,
      'visitor of another chat': b.userToken,
      'agent owning the chat': alice.token,
      'other agent': bob.token,
      admin: w.adminToken,
    };
    const http = async (who: Who, method: string, path: string, body?: unknown) =>
      (await w.t.api(method, path, { token: token[who], body })).status;
    const ok = (status: number) => status >= 200 && status < 300;

    const rows: { what: string; allowed: Who[]; run: (who: Who) => Promise<boolean> }[] = [
      { what: 'GET /api/me', allowed: STAFF, run: async (who) => ok(await http(who, 'GET', '/api/me')) },
      {
        what: 'PUT /api/me/status',
        allowed: STAFF,
        run: async (who) => ok(await http(who, 'PUT', '/api/me/status', { status: 'online' })),
      },
      {
        what: 'GET /api/agent-messages',
        allowed: STAFF,
        run: async (who) => ok(await http(who, 'GET', '/api/agent-messages')),
      },
      {
        what: 'POST /api/agent-messages',
        allowed: STAFF,
        run: async (who) =>
          ok(await http(who, 'POST', '/api/agent-messages', { to: who === 'admin' ? 'alice' : 'root', body: 'hi' })),
      },
      {
        what: 'GET /api/availability',
        allowed: EVERYONE,
        run: async (who) => ok(await http(who, 'GET', '/api/availability')),
      },
      {
        what: 'POST /api/offline-messages',
        allowed: EVERYONE,
        run: async (who) => ok((await leave(EVERYONE.indexOf(who))).status),
      },
      {
        what: 'GET /api/offline-messages',
        allowed: STAFF,
        run: async (who) => ok(await http(who, 'GET', '/api/offline-messages?status=all')),
      },
      {
        what: 'GET /api/offline-messages/:id',
        allowed: STAFF,
        run: async (who) => ok(await http(who, 'GET', `/api/offline-messages/${left}`)),
      },
      {
        what: 'POST /api/offline-messages/:id/reply',
        allowed: STAFF,
        run: async (who) => ok(await http(who, 'POST', `/api/offline-messages/${left}/reply`, { body: 'Sure' })),
      },
      {
        what: 'POST /api/offline-messages/:id/close',
        allowed: STAFF,
        run: async (who) => ok(await http(who, 'POST', `/api/offline-messages/${left}/close`)),
      },
      {
        what: 'GET /api/admin/agents',
        allowed: ['admin'],
        run: async (who) => ok(await http(who, 'GET', '/api/admin/agents')),
      },
      {
        what: 'POST /api/admin/invites',
        allowed: ['admin'],
        run: async (who) =>
          ok(
            await http(who, 'POST', '/api/admin/invites', {
              username: `new-${EVERYONE.indexOf(who)}`,
              name: 'New',
              email: 'n@example.test',
            }),
          ),
      },
      {
        what: 'PATCH /api/admin/agents/:u',
        allowed: ['admin'],
        run: async (who) => ok(await http(who, 'PATCH', '/api/admin/agents/bob', { maxChats: 0 })),
      },
      {
        what: 'GET /api/queue/status',
        allowed: ['waiting visitor'],
        run: async (who) => ok(await http(who, 'GET', '/api/queue/status')),
      },
      // Nobody has room now, so the waiting visitor's start is let through to no_agent_available (409).
      {
        what: 'POST /api/chat/start',
        allowed: ['waiting visitor'],
        run: async (who) => ![401, 403].includes(await http(who, 'POST', '/api/chat/start')),
      },
      { what: 'GET /api/chats', allowed: STAFF, run: async (who) => ok(await http(who, 'GET', '/api/chats')) },
      {
        what: 'GET /api/chats/:id',
        allowed: ['agent owning the chat'],
        run: async (who) => ok(await http(who, 'GET', `/api/chats/${a.chatId}`)),
      },
      {
        what: 'POST /api/chats/:id/messages',
        allowed: ['agent owning the chat'],
        run: async (who) => ok(await http(who, 'POST', `/api/chats/${a.chatId}/messages`, { body: `from ${who}` })),
      },
      {
        what: 'connect /agent and chat:send to this chat',
        allowed: ['agent owning the chat'],
        run: async (who) => {
          const s = await tryConnect(w.t.url, '/agent', token[who]);
          if (!s) return false;
          opened.push(s);
          return (await emitAck(s, 'chat:send', { chatId: a.chatId, body: 'socket hello' })).ok;
        },
      },
      {
        what: 'connect /visitor and chat:send (to this chat)',
        allowed: ['visitor of this chat'],
        run: async (who) => {
          const s = await tryConnect(w.t.url, '/visitor', token[who]);
          if (!s) return false;
          opened.push(s);
          const ack = await emitAck(s, 'chat:send', { chatId: a.chatId, body: `visitor ${who}` });
          return ack.ok && ack.message.chatId === a.chatId;
        },
      },
      {
        what: 'connect /queue',
        allowed: ['waiting visitor'],
        run: async (who) => Boolean(await tryConnect(w.t.url, '/queue', token[who]).then((s) => s && opened.push(s))),
      },
      // v2: the chats are open, so a user token is let through to 409 conflict; every other caller is 401.
      {
        what: 'POST /api/chat/rating',
        allowed: ['visitor of this chat', 'visitor of another chat'],
        run: async (who) => ![401, 403].includes(await http(who, 'POST', '/api/chat/rating', { score: 5 })),
      },
      {
        what: 'connect /agent and chat:typing in this chat',
        allowed: ['agent owning the chat'],
        run: async (who) => {
          const s = await tryConnect(w.t.url, '/agent', token[who]);
          if (!s) return false;
          opened.push(s);
          return (await emitAck(s, 'chat:typing', { chatId: a.chatId, typing: false })).ok;
        },
      },
      // v2: internal notes, only by the chat's current agent (admins too only when they hold it).
      {
        what: 'POST /api/chats/:id/notes',
        allowed: ['agent owning the chat'],
        run: async (who) => ok(await http(who, 'POST', `/api/chats/${a.chatId}/notes`, { body: `note by ${who}` })),
      },
      {
        what: 'connect /agent and chat:note in this chat',
        allowed: ['agent owning the chat'],
        run: async (who) => {
          const s = await tryConnect(w.t.url, '/agent', token[who]);
          if (!s) return false;
          opened.push(s);
          return (await emitAck(s, 'chat:note', { chatId: a.chatId, body: 'socket note' })).ok;
        },
      },
      // Mutating rows last: denied callers first, then the allowed one.
      {
        what: 'chat:transfer this chat (socket)',
        allowed: ['agent owning the chat'],
        run: async (who) => {
          const s =
            who === 'agent owning the chat'
              ? alice.socket
              : who === 'other agent'
                ? bob.socket
                : await tryConnect(w.t.url, '/agent', token[who]);
          if (!s) return false;
          opened.push(s);
          return (await emitAck(s, 'chat:transfer', { chatId: b.chatId, to: who === 'admin' ? 'alice' : 'root' })).ok;
        },
      },
      {
        what: 'POST /api/chats/:id/end',
        allowed: ['agent owning the chat'],
        run: async (who) => ok(await http(who, 'POST', `/api/chats/${a.chatId}/end`)),
      },
      {
        what: 'DELETE /api/queue',
        allowed: ['waiting visitor'],
        run: async (who) => ok(await http(who, 'DELETE', '/api/queue')),
      },
      {
        what: 'DELETE /api/admin/agents/:u',
        allowed: ['admin'],
        run: async (who) => ok(await http(who, 'DELETE', '/api/admin/agents/bob')),
      },
      { what: 'POST /api/logout', allowed: STAFF, run: async (who) => ok(await http(who, 'POST', '/api/logout')) },
    ];

    const wrong: string[] = [];
    for (const row of rows) {
      const order = [...EVERYONE.filter((x) => !row.allowed.includes(x)), ...row.allowed];
      for (const who of order) {
        // Bob is deleted by the admin row: his token is then simply refused.
        if (row.what === 'POST /api/logout' && who === 'other agent') continue;
        const succeeded = await row.run(who);
        if (succeeded !== row.allowed.includes(who))
          wrong.push(`${row.what} by ${who}: ${succeeded ? 'succeeded' : 'refused'}`);
      }
    }
    assert.deepEqual(wrong, []);
  } finally {
    for (const s of opened) s.close();
    await w.close();
  }
});
