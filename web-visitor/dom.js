// Small DOM helpers. Text always goes in through textContent (or text nodes), never as HTML.

/** @param {string} id */
export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * Creates an element. `text` becomes its textContent; string children become text nodes.
 * @param {string} tag
 * @param {{ className?: string, text?: string, attrs?: Record<string, string> }} [props]
 * @param {(Node | string | null | undefined | false)[]} children
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

const VIEWS = ['home', 'queue', 'chat', 'closed', 'message'];

/** Shows one step of the page: home, queue, chat, ended (the chat view with the ended panel), closed or message. */
export function showView(name) {
  document.body.dataset.view = name;
  const section = name === 'ended' ? 'chat' : name;
  for (const v of VIEWS) $(`view-${v}`).hidden = v !== section;
}

/** A status line: empty text hides it; kind is 'info' or 'error'. */
export function setStatus(node, text, kind = 'info') {
  node.textContent = text;
  if (text) node.dataset.kind = kind;
  else delete node.dataset.kind;
}
