import type { SessionAction } from '../state/session.js';
import type { InboxFilter } from '../state/inbox.js';
import type { StaffApi } from './backend.js';
import { errorText } from './commands.js';

/** The most the count asks for (the list's limit): more shows as this number. */
export const INBOX_COUNT_MAX = 500;

/** Sets the header's count of open left messages from the server (a failure leaves it as it was). */
export function countInbox(api: StaffApi, dispatch: (a: SessionAction) => void): void {
  api.listInbox('open', INBOX_COUNT_MAX).then(
    (messages) => dispatch({ type: 'inbox:count', open: messages.length }),
    () => undefined,
  );
}

/** Fetches the inbox list for this filter (an open list also sets the count). */
export function loadInbox(api: StaffApi, dispatch: (a: SessionAction) => void, filter: InboxFilter): void {
  api.listInbox(filter).then(
    (messages) => dispatch({ type: 'inbox:loaded', filter, messages }),
    (e: unknown) => dispatch({ type: 'inbox:failed', error: `Could not fetch the inbox: ${errorText(e)}` }),
  );
}
