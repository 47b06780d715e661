import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { browserOf, chatNumber, visitorFacts } from '../../tui/state/visitor-info.js';

describe('visitor info for the context panel', () => {
  it('names the browser and system of common user agents', () => {
    const cases: [string, string][] = [
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
        'Chrome 120 on Windows',
      ],
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0',
        'Edge 120 on Windows',
      ],
      ['Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0', 'Firefox 121 on Linux'],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
        'Safari 17 on iOS',
      ],
      [
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
        'Safari 17 on macOS',
      ],
      [
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile Safari/537.36',
        'Chrome 120 on Android',
      ],
      ['curl/8.5.0', ''],
      ['', ''],
    ];
    for (const [ua, expected] of cases) assert.equal(browserOf(ua), expected, ua);
  });

  it('counts chats in words', () => {
    assert.deepEqual([0, 1, 2, 3, 10, 11, 12, 20, 21, 22, 111].map(chatNumber), [
      '1st chat',
      '2nd chat',
      '3rd chat',
      '4th chat',
      '11th chat',
      '12th chat',
      '13th chat',
      '21st chat',
      '22nd chat',
      '23rd chat',
      '112th chat',
    ]);
  });

  it('lists what is known, in a fixed order; a name alone is a name alone', () => {
    assert.deepEqual(visitorFacts({ name: 'Grace' }), [['name', 'Grace']]);
    assert.deepEqual(
      visitorFacts({
        name: 'Grace',
        email: 'grace@example.test',
        page: { url: 'https://shop.example/cart', title: 'Your cart', referrer: 'https://search.example/?q=x' },
        attributes: { plan: 'pro', orders: 3, vip: true },
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
        locale: 'de-DE',
        visitorId: 'v1',
        previousChats: 2,
      }),
      [
        ['name', 'Grace'],
        ['e-mail', 'grace@example.test'],
        ['page', 'Your cart'],
        ['', 'https://shop.example/cart'],
        ['came from', 'https://search.example/?q=x'],
        ['plan', 'pro'],
        ['orders', '3'],
        ['vip', 'true'],
        ['browser', 'Firefox 121 on Linux'],
        ['language', 'de-DE'],
        ['visits', '3rd chat'],
      ],
    );
  });
});
