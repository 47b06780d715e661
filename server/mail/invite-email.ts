import type { Mail } from './mailer.js';

/** The invite e-mail: the register link, and the equivalent CLI command for terminal-only agents. */
export function inviteEmail(p: {
  to: string;
  name: string;
  username: string;
  invitedBy: string;
  publicUrl: string;
  token: string;
  expiresAt: Date;
}): Mail & { registerUrl: string } {
  const registerUrl = `${p.publicUrl}/register#token=${p.token}`;
  const text = [
    `Hello ${p.name},`,
    '',
    `${p.invitedBy} invited you to answer customer chats on Switchboard as "${p.username}".`,
    '',
    'Choose your password here:',
    `  ${registerUrl}`,
    '',
    'Or, from a terminal:',
    `  switchboard register --server ${p.publicUrl} --token ${p.token}`,
    '',
    `The invitation can be used once and expires at ${p.expiresAt.toISOString()}.`,
    'Then log in with:',
    `  switchboard login --server ${p.publicUrl} --username ${p.username}`,
    '',
    'If you did not expect this invitation, ignore this e-mail: nothing happens until the link is used.',
    '',
  ].join('\n');
  return { to: p.to, subject: 'Your Switchboard invitation', text, registerUrl };
}
