import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import stringWidth from 'string-width';
import { startWorld, type World } from '../helpers/chat.js';
import { connectFor } from '../helpers/sockets.js';
import { builtApp, hasTmux, Terminal } from './helpers/tmux.js';

/** Who the visitor is, as the server tells it (contract v2 visitor context), beside the transcript at 160×40. */
describe('the visitor panel in a wide terminal (tmux)', { skip: !hasTmux && 'tmux is not installed' }, () => {
  let world: World;
  let term: Terminal;

  before(async () => {
    assert.ok(builtApp(), 'run `npm run build` first (the test runs the built bin/switchboard.js)');
    world = await startWorld(['alice']);
    term = new Terminal({ server: world.t.url, columns: 160, rows: 40 });
  });

  after(async () => {
    term?.close();
    await world?.close();
  });

  it('shows e-mail, page, referrer, attributes, browser, language and the visit count; ^R hides it', async () => {
    await term.logIn('alice');
    const join = await world.t.api('POST', '/api/queue', {
      body: {
        name: 'Grace Hopper',
        email: 'grace@example.test',
        page: { url: 'https://shop.example/cart', title: 'Your cart', referrer: 'https://search.example/?q=cobol' },
        attributes: { plan: 'pro', orders: 3 },
      },
      headers: {
        'x-forwarded-for': '10.9.0.1',
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
        'accept-language': 'de-DE,de;q=0.9,en;q=0.5',
      },
    });
    assert.equal(join.status, 201, JSON.stringify(join.body));
    const start = await world.t.api('POST', '/api/chat/start', { token: join.body.queueToken });
    assert.equal(start.status, 200, JSON.stringify(start.body));
    world.track((await connectFor(world.t.url, '/visitor', { token: start.body.userToken }, 'chat:history')).socket);

    const screen = await term.waitScreen('Visitor (^R hides)');
    for (const fact of [
      /e-mail +grace@example\.test/,
      /page +Your cart/,
      // Links wrap within the panel (shown whole, not cut).
      /https:\/\/shop\.example +│\n.* {11}\/cart +│/,
      /came from +https:\/\/search\.examp +│\n.* {11}le\/\?q=cobol +│/,
      /plan +pro/,
      /orders +3/,
      /browser +Firefox 121 on Linux/,
      /language +de-DE/,
      /visits +1st chat/,
    ]) {
      assert.match(screen, fact);
    }
    assert.ok(
      screen.split('\n').every((l) => stringWidth(l) <= 160),
      'no row wider than the terminal',
    );
    term.keys('C-r');
    await term.waitScreen((s) => !s.includes('Visitor (^R hides)') && !s.includes('grace@example.test'));
  });
});
