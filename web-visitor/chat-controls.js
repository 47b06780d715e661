// Wires the chat view's controls: Enter to send (the draft kept for a reload), End chat with
// confirmation, Download transcript, Start a new chat.
import { $ } from './dom.js';
import { loadSession } from './session.js';
import { transcriptFileName, transcriptText } from './transcript.js';
import { endedLine } from './words.js';

/**
 * @param {ReturnType<typeof import('./chat.js').setupChat>} chat
 * @param {{ home(o?: object): void }} go
 */
export function wireChatControls(chat, go) {
  const input = chat.view.input;
  const dialog = /** @type {HTMLDialogElement} */ ($('confirm-end'));

  const submit = () => {
    if (chat.send(input.value)) {
      input.value = '';
      input.dispatchEvent(new Event('input'));
    }
    input.focus();
  };
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });

  input.addEventListener('input', () => {
    chat.saveDraft(input.value);
    chat.typing(input.value);
  });

  // Grows with its text (CSS field-sizing where supported, else measured here), up to the CSS max-height.
  if (!CSS.supports('field-sizing', 'content')) {
    input.addEventListener('input', () => {
      input.style.height = 'auto';
      input.style.height = `${input.scrollHeight + 2}px`;
    });
  }

  $('end-chat').addEventListener('click', () => {
    dialog.returnValue = '';
    dialog.showModal();
  });
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'end') {
      $('end-chat').focus();
      return;
    }
    const problem = await chat.end();
    if (problem) chat.view.setSendError(problem);
  });

  $('download').addEventListener('click', () => {
    const c = chat.current();
    if (!c) return;
    const text = transcriptText({
      messages: c.messages,
      visitorName: c.visitorName,
      endedLine: c.status === 'ended' ? endedLine(c.endedBy) : undefined,
    });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = transcriptFileName();
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });

  $('new-chat').addEventListener('click', () => {
    chat.forget();
    go.home({ name: loadSession()?.name ?? '' });
  });
}
