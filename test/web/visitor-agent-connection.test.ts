// The agent's last connection drops mid-chat (`chat:agent-connection {connected:false}`): the visitor
// is told, instead of writing to nobody under "Online"; it clears when the agent is back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startWorld } from '../helpers/chat.js';
import { connectFor, emitAck, eventually, record } from '../helpers/sockets.js';
import { joinAs, openVisitor, screenshots, send, unexpected, waitForMessage, waitForView } from './visitor-page.js';

let browser: TestBrowser;

before(async () => {
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const DROPPED = 'Your agent’s connection dropped — you’ll be reconnected or passed to another agent.';

test('the agent’s connection drops: the page says so (also after a reload) until the agent is back', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld(['alice']); // --agent-grace 60: the chat stays with Alice meanwhile
  try {
    const alice = await w.agentOnline('alice');
    record(alice.socket);
    const { page, problems } = await openVisitor(browser, w.t.url);
    await joinAs(page, 'Grace');
    await waitForView(page, 'chat');
    const { chatId } = await eventually(alice.socket, 'chat:assigned');
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'Let me check that.' });
    await waitForMessage(page, 'Let me check that.');
    const banner = page.locator('#chat-banner');
    const state = page.locator('#chat-state');
    assert.equal(await banner.isVisible(), false);
    assert.equal(await state.textContent(), 'Online');

    alice.socket.close(); // her terminal lost the network
    await banner.getByText(DROPPED).waitFor({ timeout: 10_000 });
    assert.equal(await state.textContent(), 'Connection dropped');
    await screenshots(page, 'agent-dropped');

    // Writing still works: the message is stored and waits for her.
    await send(page, 'No rush.');
    await waitForMessage(page, 'No rush.');

    await page.reload();
    await waitForView(page, 'chat');
    await banner.getByText(DROPPED).waitFor();

    const back = await connectFor(w.t.url, '/agent', { token: alice.token }, 'chats:open');
    w.track(back.socket);
    assert.ok(back.payload.chats[0].transcript.some((m: any) => m.body === 'No rush.'));
    await banner.waitFor({ state: 'hidden', timeout: 10_000 });
    assert.equal(await state.textContent(), 'Online');
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});
