import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Canned } from '../../server/protocol/canned.js';
import { cannedMatches, cannedQuery, completeCanned, fillPlaceholders } from '../../tui/state/canned.js';

const c = (shortcut: string, body: string, scope: Canned['scope'] = 'team'): Canned => ({
  id: `${scope}-${shortcut}`,
  shortcut,
  body,
  scope,
  ...(scope === 'personal' ? { owner: 'alice' } : {}),
});
const list = [
  c('hello', 'Hi {visitor.name}, {agent.name} here. {unknown} stays.'),
  c('refund', 'Refunds take 5 days.'),
  c('refund-late', 'Sorry it is late.'),
  c('hello', 'Hey {visitor.name}!', 'personal'),
];
const who = { visitorName: 'Grace', agentName: 'Alice A' };

describe('canned replies in the composer', () => {
  it('only a lone /word is a query', () => {
    assert.equal(cannedQuery('/ref'), 'ref');
    assert.equal(cannedQuery('/'), '');
    assert.equal(cannedQuery('/ref more'), undefined);
    assert.equal(cannedQuery('ref'), undefined);
    assert.equal(cannedQuery('a /ref'), undefined);
  });

  it('matches by prefix, exact first; your own reply hides the team one of the same shortcut', () => {
    assert.deepEqual(
      cannedMatches(list, 'refund').map((x) => x.shortcut),
      ['refund', 'refund-late'],
    );
    assert.deepEqual(
      cannedMatches(list, 'h').map((x) => x.id),
      ['personal-hello'],
    );
    assert.equal(cannedMatches(list, '').length, 3);
  });

  it('Tab: the exact or only match, with placeholders filled; else the candidates, or none', () => {
    assert.deepEqual(completeCanned(list, 'refund', who), { kind: 'text', text: 'Refunds take 5 days.' });
    assert.deepEqual(completeCanned(list, 'refund-', who), { kind: 'text', text: 'Sorry it is late.' });
    assert.deepEqual(completeCanned(list, 'he', who), { kind: 'text', text: 'Hey Grace!' });
    assert.deepEqual(completeCanned(list, 're', who), { kind: 'several', shortcuts: ['refund', 'refund-late'] });
    assert.deepEqual(completeCanned(list, 'zzz', who), { kind: 'none', prefix: 'zzz' });
  });

  it('fills every placeholder, and $-patterns in names are taken literally', () => {
    assert.equal(
      fillPlaceholders('{visitor.name}/{visitor.name} {agent.name} {unknown}', { visitorName: '$&', agentName: 'A' }),
      '$&/$& A {unknown}',
    );
  });
});
