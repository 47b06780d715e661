import { Box, Text } from 'ink';
import { errorText } from '../app/commands.js';
import { useRefReducer } from '../app/use-ref-reducer.js';
import { useScreenKeys } from '../app/use-screen-keys.js';
import { FormView } from '../components/FormView.js';
import { HelpView } from '../components/HelpView.js';
import { KeyFooter } from '../components/KeyFooter.js';
import { Safe } from '../components/Safe.js';
import { editActionOf } from '../state/composer.js';
import { firstEmpty, formReducer, formValues, isLastField, makeForm } from '../state/form.js';
import type { Action } from '../state/keymap.js';
import type { Size } from './types.js';

export interface LoginScreenProps {
  server?: string;
  username?: string;
  /** Why the login screen is shown (e.g. the session ended), shown above the form. */
  message?: string;
  size: Size;
  /** Logs in; rejects with an error whose message is shown. */
  onLogin(values: { server: string; username: string; password: string }): Promise<void>;
  onQuit(): void;
}

/** Server URL, username, password; server and username come prefilled from the last login. */
export function LoginScreen({ server, username, message, size, onLogin, onQuit }: LoginScreenProps) {
  const [form, act, getForm] = useRefReducer(formReducer, () =>
    makeForm(
      [
        { name: 'server', label: 'Server', value: server },
        { name: 'username', label: 'Username', value: username },
        { name: 'password', label: 'Password', secret: true },
      ],
      !server ? 0 : !username ? 1 : 2,
    ),
  );

  const submit = () => {
    const f = getForm();
    if (f.busy) return;
    const empty = firstEmpty(f);
    if (!isLastField(f) && (empty === -1 || empty > f.focus)) return act({ type: 'focus', delta: 1 });
    if (empty !== -1) {
      act({ type: 'focus-at', index: empty });
      return act({ type: 'failed', error: `Fill in ${f.fields[empty]!.label}.` });
    }
    const v = formValues(f);
    act({ type: 'busy' });
    // On failure the password is typed again; server and username stay.
    onLogin({ server: v.server!, username: v.username!.toLowerCase(), password: v.password! }).catch((e: unknown) =>
      act({ type: 'failed', error: errorText(e), retype: 2 }),
    );
  };

  const onAction = (a: Action) => {
    const edit = editActionOf(a);
    if (edit) return act({ type: 'edit', edit });
    if (a === 'login.next' || a === 'login.prev') return act({ type: 'focus', delta: a === 'login.next' ? 1 : -1 });
    if (a === 'login.submit') return submit();
  };

  const { overlay } = useScreenKeys({
    scopes: () => ['login', 'edit'],
    onAction,
    onText: (text) => act({ type: 'edit', edit: { type: 'insert', text } }),
    quit: onQuit,
  });
  const width = Math.min(70, size.columns - 4);

  if (overlay === 'help') {
    return (
      <Box flexDirection="column" width={size.columns} height={size.rows} overflow="hidden">
        <HelpView scopes={['login', 'edit', 'global']} title="login" width={size.columns} height={size.rows - 1} />
        <KeyFooter scopes={['help']} />
      </Box>
    );
  }
  // Esc does not quit here (it is too easy to press by habit): ^Q does.
  return (
    <Box flexDirection="column" width={size.columns} height={size.rows} overflow="hidden">
      <Box flexGrow={1} flexDirection="column" alignItems="center" justifyContent="center">
        <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={2} paddingY={1} width={width + 4}>
          <Text bold>Switchboard: agent login</Text>
          <Text dimColor>Server and username are remembered; the password never is.</Text>
          <Text> </Text>
          {message ? <Safe text={message} color="yellow" wrap="wrap" /> : null}
          <FormView form={form} width={width} busyText="Logging in…" />
        </Box>
      </Box>
      <KeyFooter scopes={['login', 'global']} />
    </Box>
  );
}
