import { Argument, Command, Option } from 'commander';
import { SETTINGS } from '../../server/config.js';
import { VERSION } from '../../server/version.js';

/**
 * The `switchboard` command tree. Actions import their module lazily, so `--help` and light
 * commands never load the server or the TUI.
 */
export function buildProgram(): Command {
  const program = new Command('switchboard')
    .description('Switchboard: live customer-support chat. Visitors in a browser, agents in the terminal.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ outputError: (str, write) => write(str) })
    .option(
      '--server <url>',
      'server URL for the staff commands [env SWITCHBOARD_SERVER, default: the one remembered by login]',
    );

  const serve = program.command('serve').description('run the server (HTTP API, sockets, visitor page) on one port');
  for (const [name, s] of Object.entries(SETTINGS)) {
    const flag = name === 'trustProxy' || name === 'typingPreview' ? s.flag : `${s.flag} <value>`;
    serve.addOption(new Option(flag, `${s.help} [env ${s.env}${s.default ? `, default ${s.default}` : ''}]`));
  }
  serve.action(async (opts) => (await import('./commands/serve.js')).run(opts));

  const databaseUrlOption = () =>
    new Option(
      '--database-url <url>',
      `PostgreSQL database of the server, if it uses one [env ${SETTINGS.databaseUrl.env}]`,
    );
  const dataDirOption = () =>
    new Option(
      '--data-dir <dir>',
      `data directory of the server [env ${SETTINGS.dataDir.env}, default ${SETTINGS.dataDir.default}]`,
    );
  const admin = program
    .command('admin')
    .description('manage admin accounts on the server machine (writes the database directly)');
  admin
    .command('create <username>')
    .description('create an admin account (and the database, in a data directory that has none)')
    .requiredOption('--name <name>', 'display name')
    .option('--password-stdin', 'read the password from standard input (else asked twice on the terminal)')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .option('--json', 'print the result as JSON')
    .action(async (username, opts) => (await import('./commands/admin.js')).create(username, opts));
  admin
    .command('delete <username>')
    .description('delete an admin account and end its sessions')
    .option('--yes', 'do not ask for confirmation (required when not on a terminal)')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .option('--json', 'print the result as JSON')
    .action(async (username, opts) => (await import('./commands/admin.js')).remove(username, opts));
  admin
    .command('list')
    .description('list admin accounts')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .option('--json', 'print the result as JSON')
    .action(async (opts) => (await import('./commands/admin.js')).list(opts));

  // The agent app; also what `switchboard` alone opens. Ink/React load inside the action only.
  program
    .command('tui', { isDefault: true })
    .description('open the agent terminal app (the default when no command is given)')
    .option('--no-bell', 'no terminal bell on new chats, transfers and requeues (this run only; see --notify)')
    .option(
      '--notify <mode>',
      "how new chats, transfers, requeues and reminders get your attention: bell, desktop (the terminal's " +
        'notification and notify-send) or off [remembered; default bell]',
    )
    .option(
      '--remind-every <seconds>',
      'ring again while a visitor waits for your reply, every this many seconds (0: never) [remembered; default 30]',
    )
    .configureHelp({ showGlobalOptions: true })
    .allowExcessArguments()
    .action(async (_o, cmd: Command) => {
      if (cmd.args.length > 0) cmd.error(`error: unknown command '${cmd.args[0]}'`);
      await (await import('./commands/tui.js')).run(globals(cmd));
    });

  addStaffCommands(program);
  addChatCommands(program);
  addInboxCommands(program);
  addCannedCommands(program);
  for (const group of program.commands) requireSubcommand(group);
  return program;
}

/**
 * A command group (`agents`, `admin`, …) given no command: a usage error of one line and the pointer
 * to --help, like every other usage error, rather than the whole help on stderr.
 */
function requireSubcommand(group: Command): void {
  const names = group.commands.map((c) => c.name()).filter((n) => n !== 'help');
  if (names.length === 0) return;
  group.allowExcessArguments().action((_o, cmd: Command) => {
    if (cmd.args.length > 0) cmd.error(`error: unknown command '${cmd.args[0]}'`);
    cmd.error(`error: missing command: ${group.name()} ${names.join('|')}`);
  });
  for (const sub of group.commands) requireSubcommand(sub);
}

/** Options of a staff command together with the program's (--server). */
type WithGlobals = { optsWithGlobals(): Record<string, unknown> };
const globals = <T>(cmd: WithGlobals) => cmd.optsWithGlobals() as T;

/** The scriptable staff commands (talk to a running server over HTTP). */
function addStaffCommands(program: Command): void {
  // Each staff command shows the global --server in its own --help.
  const staff = (parent: Command, nameAndArgs: string, description: string) =>
    parent.command(nameAndArgs).description(description).configureHelp({ showGlobalOptions: true });
  const json = (cmd: Command) => cmd.option('--json', 'print the result as JSON');

  json(
    staff(program, 'login', 'log in and remember server, username and token (never the password); you become online')
      .option('--username <username>', 'your username (asked on a terminal when missing)')
      .option('--password-stdin', 'read the password from standard input')
      .option('--print-token', 'print only the token (e.g. for SWITCHBOARD_TOKEN in scripts)'),
  ).action(async (_o, cmd) => (await import('./commands/login.js')).run(globals(cmd)));

  json(staff(program, 'logout', 'end your session on the server and forget the token; you become offline')).action(
    async (_o, cmd) => (await import('./commands/logout.js')).run(globals(cmd)),
  );

  json(staff(program, 'whoami', 'show the account you are logged in as')).action(async (_o, cmd) =>
    (await import('./commands/whoami.js')).run(globals(cmd)),
  );

  json(
    staff(
      program,
      'status',
      'go online (receive new chats) or offline (keep current chats, get no new ones)',
    ).addArgument(new Argument('<status>', 'online or offline').choices(['online', 'offline'])),
  ).action(async (status, _o, cmd) => (await import('./commands/status.js')).run(status, globals(cmd)));

  json(
    staff(
      program,
      'register',
      'choose your password with the invite token from your e-mail (creates your agent account)',
    )
      .requiredOption('--token <token>', 'the invite token, or the whole register link')
      .option('--password-stdin', 'read the password from standard input (else asked twice on the terminal)'),
  ).action(async (_o, cmd) => (await import('./commands/register.js')).run(globals(cmd)));

  const agents = program.command('agents').description('manage agent accounts (admins only)');
  json(
    staff(agents, 'invite <username>', 'invite an agent: the server e-mails a register link')
      .requiredOption('--name <name>', 'display name shown to visitors')
      .requiredOption('--email <email>', 'where the invitation goes'),
  ).action(async (username, _o, cmd) => (await import('./commands/agents/invite.js')).run(username, globals(cmd)));
  json(staff(agents, 'invites', 'list the invites not used yet (and not expired)')).action(async (_o, cmd) =>
    (await import('./commands/agents/invites.js')).runList(globals(cmd)),
  );
  json(staff(agents, 'revoke <username>', 'withdraw a pending invite: its link dies, the username is free')).action(
    async (username, _o, cmd) => (await import('./commands/agents/invites.js')).runRevoke(username, globals(cmd)),
  );
  json(staff(agents, 'resend <username>', 'send a pending invite again with a new link (the old one dies)')).action(
    async (username, _o, cmd) => (await import('./commands/agents/invites.js')).runResend(username, globals(cmd)),
  );
  json(staff(agents, 'list', 'list accounts: status, live connection, open/max chats')).action(async (_o, cmd) =>
    (await import('./commands/agents/list.js')).run(globals(cmd)),
  );
  json(
    staff(agents, 'delete <username>', 'delete an agent account: sessions end, open chats go back to the queue').option(
      '--yes',
      'do not ask for confirmation (required when not on a terminal)',
    ),
  ).action(async (username, _o, cmd) => (await import('./commands/agents/delete.js')).run(username, globals(cmd)));
  json(
    staff(
      agents,
      'set-max-chats <username> <n>',
      'set how many open chats an agent may hold (lowering it never drops a chat)',
    ),
  ).action(async (username, n, _o, cmd) =>
    (await import('./commands/agents/set-max-chats.js')).run(username, n, globals(cmd)),
  );

  const messages = program
    .command('messages')
    .description('messages between agents (delivered when the recipient is offline too)');
  json(staff(messages, 'send <agent> <text...>', 'send a message to another agent')).action(
    async (agent, text, _o, cmd) => (await import('./commands/messages/send.js')).run(agent, text, globals(cmd)),
  );
  json(
    staff(messages, 'list', 'list the messages you sent or received, oldest first')
      .option('--after <id>', 'only messages after this message id')
      .option('--with <agent>', 'only the conversation with this agent')
      .option('--mark-read', 'count every message received so far as read (for every session)'),
  ).action(async (_o, cmd) => (await import('./commands/messages/list.js')).run(globals(cmd)));
}

/** Chats for scripts: the agent's chats over HTTP, the live event feed, and a terminal visitor. */
function addChatCommands(program: Command): void {
  const sub = (parent: Command, nameAndArgs: string, description: string) =>
    parent.command(nameAndArgs).description(description).configureHelp({ showGlobalOptions: true });
  const json = (cmd: Command) => cmd.option('--json', 'print the result as JSON');

  const chats = program.command('chats').description('your open chats over HTTP (no live connection needed)');
  json(sub(chats, 'list', 'list your open chats: visitor, start, messages, age of the last message')).action(
    async (_o, cmd) => (await import('./commands/chats/list.js')).run(globals(cmd)),
  );
  json(sub(chats, 'show <chatId>', 'show a chat with its transcript')).action(async (chatId, _o, cmd) =>
    (await import('./commands/chats/show.js')).run(chatId, globals(cmd)),
  );
  json(
    sub(chats, 'send <chatId> <text...>', 'send a message to the visitor (text - reads it from standard input)'),
  ).action(async (chatId, text, _o, cmd) => (await import('./commands/chats/send.js')).run(chatId, text, globals(cmd)));
  json(
    sub(
      chats,
      'note <chatId> <text...>',
      'write an internal note: agents see it, the visitor never does (- reads stdin)',
    ),
  ).action(async (chatId, text, _o, cmd) => (await import('./commands/chats/note.js')).run(chatId, text, globals(cmd)));
  json(sub(chats, 'end <chatId>', 'end a chat')).action(async (chatId, _o, cmd) =>
    (await import('./commands/chats/end.js')).run(chatId, globals(cmd)),
  );
  json(sub(chats, 'transfer <chatId> <agent>', 'hand a chat to another agent (online, connected, with room)')).action(
    async (chatId, agent, _o, cmd) => (await import('./commands/chats/transfer.js')).run(chatId, agent, globals(cmd)),
  );
  json(
    sub(chats, 'history', 'ended chats you took part in (admins: all), newest first; --q searches them')
      .option('--q <text>', 'words in a message or the visitor name (the last word may be the start of one)')
      .option('--agent <username>', 'only chats this agent took part in')
      .option('--from <date>', 'ended at or after (ISO date or date-time, e.g. 2026-12-01)')
      .option('--to <date>', 'ended before (ISO date or date-time)')
      .option('--limit <n>', 'chats per page, 1-100 (default 20)')
      .option('--before <cursor>', 'the page after this one (the cursor printed with "more:")'),
  ).action(async (_o, cmd) => (await import('./commands/chats/history.js')).run(globals(cmd)));

  sub(program, 'watch', 'print every live event as a JSON line until interrupted (does not make you routable)')
    .option('--events <names>', 'only these events, comma-separated (e.g. chat:assigned,chat:message)')
    .action(async (_o, cmd) => (await import('./commands/watch.js')).run(globals(cmd)));

  sub(
    program,
    'visit',
    'chat as a visitor from the terminal (tests, demos): stdin lines are sent, /end or end of input leaves',
  )
    .requiredOption('--name <name>', 'the name the agent sees')
    .option('--json', 'print events as JSON lines')
    .action(async (_o, cmd) => (await import('./commands/visit.js')).run(globals(cmd)));
}

/** `inbox`: messages visitors left while nobody could chat, answered by e-mail (contract v2). */
function addInboxCommands(program: Command): void {
  const sub = (parent: Command, nameAndArgs: string, description: string) =>
    parent
      .command(nameAndArgs)
      .description(description)
      .option('--json', 'print the result as JSON')
      .configureHelp({ showGlobalOptions: true });
  const load = () => import('./commands/inbox/inbox.js');
  const inbox = program.command('inbox').description('messages visitors left ("leave a message"), answered by e-mail');
  sub(inbox, 'list', 'list left messages, newest first')
    .addOption(
      new Option('--status <status>', 'which ones').choices(['open', 'answered', 'closed', 'all']).default('open'),
    )
    .action(async (_o, cmd) => (await load()).runList(globals(cmd)));
  sub(inbox, 'show <id>', 'show a message with the replies sent').action(async (id, _o, cmd) =>
    (await load()).runShow(id, globals(cmd)),
  );
  sub(inbox, 'reply <id> <text...>', 'e-mail a reply to the visitor (text - reads it from standard input)').action(
    async (id, text, _o, cmd) => (await load()).runReply(id, text, globals(cmd)),
  );
  sub(inbox, 'close <id>', 'close a message (it takes no more replies)').action(async (id, _o, cmd) =>
    (await load()).runClose(id, globals(cmd)),
  );
}

/** `canned`: canned replies, team (admins) and personal, and a JSON file to keep them in git (contract v2). */
function addCannedCommands(program: Command): void {
  const sub = (parent: Command, nameAndArgs: string, description: string) =>
    parent
      .command(nameAndArgs)
      .description(description)
      .option('--json', 'print the result as JSON')
      .configureHelp({ showGlobalOptions: true });
  const team = (cmd: Command) => cmd.option('--team', "the team's reply (admins), not your own");
  const load = () => import('./commands/canned/canned.js');
  const file = () => import('./commands/canned/transfer.js');
  const canned = program
    .command('canned')
    .description('canned replies: /shortcut in the TUI inserts the text ({visitor.name}, {agent.name} filled in)');
  sub(canned, 'list', "list the team's replies and your own").action(async (_o, cmd) =>
    (await load()).runList(globals(cmd)),
  );
  team(sub(canned, 'add <shortcut> <text...>', 'add a reply (text - reads it from standard input)')).action(
    async (shortcut, text, _o, cmd) => (await load()).runAdd(shortcut, text, globals(cmd)),
  );
  team(sub(canned, 'edit <shortcut> [text...]', "change a reply's text (or its shortcut, --rename)"))
    .option('--rename <shortcut>', 'give the reply a new shortcut')
    .action(async (shortcut, text, _o, cmd) => (await load()).runEdit(shortcut, text, globals(cmd)));
  team(sub(canned, 'rm <shortcut>', 'delete a reply (by shortcut or id)')).action(async (shortcut, _o, cmd) =>
    (await load()).runRemove(shortcut, globals(cmd)),
  );
  canned
    .command('export')
    .description('print the replies as JSON ({canned: [{shortcut, body, scope}]}), for canned import')
    .option('--team', 'only the team replies')
    .option('--personal', 'only your own')
    .configureHelp({ showGlobalOptions: true })
    .action(async (_o, cmd) => (await file()).runExport(globals(cmd)));
  sub(canned, 'import <file>', 'add or update replies from a canned export file (- reads standard input)')
    .option('--team', 'only the team replies of the file')
    .option('--personal', 'only the personal ones')
    .action(async (path, _o, cmd) => (await file()).runImport(path, globals(cmd)));
}
