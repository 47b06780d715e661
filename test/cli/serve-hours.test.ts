import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliUser, oneLine, runCli } from './run-cli.js';

test('serve: bad business hours or time zone stop the server with one line naming the flag; bad --status is usage', async () => {
  const user = await cliUser();
  try {
    const hours = await runCli(['serve', '--port', '0', '--business-hours', 'funday 09:00-17:00'], {
      configDir: user.configDir,
    });
    assert.notEqual(hours.code, 0);
    assert.match(oneLine(hours), /--business-hours \/ SWITCHBOARD_BUSINESS_HOURS.*unknown day "funday"/);
    const zone = await runCli(['serve', '--port', '0', '--business-hours', 'mon 09:00-17:00'], {
      configDir: user.configDir,
      env: { SWITCHBOARD_TIMEZONE: 'Mars/Olympus' },
    });
    assert.notEqual(zone.code, 0);
    assert.match(oneLine(zone), /--timezone \/ SWITCHBOARD_TIMEZONE.*unknown time zone "Mars\/Olympus"/);
    const bad = await user.run(['inbox', 'list', '--status', 'new']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Allowed choices are open, answered, closed, all/);
  } finally {
    await user.remove();
  }
});
