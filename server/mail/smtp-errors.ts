/** "host:port" of an SMTP URL, never its user name or password (the result ends up in API answers and logs). */
export function smtpServerName(smtpUrl: string): string {
  try {
    const u = new URL(smtpUrl);
    const port = u.port || (u.protocol === 'smtps:' ? '465' : '587');
    return `${u.hostname}:${port}`;
  } catch {
    return 'the configured SMTP server';
  }
}

const CONNECT_CODES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ECONNRESET: 'dropped the connection',
  ENOTFOUND: 'has a host name that does not resolve',
  EAI_AGAIN: 'has a host name that could not be resolved right now',
  EHOSTUNREACH: 'is unreachable',
  ENETUNREACH: 'is unreachable',
  ETIMEDOUT: 'did not answer in time',
};

/** One plain sentence about why the SMTP server did not take the mail, without credentials. */
export function smtpFailure(server: string, e: unknown): Error {
  const err = e as { code?: string; responseCode?: number; response?: string; message?: string };
  const sys = /\b(E[A-Z_]+)\b/.exec(err.message ?? '')?.[1];
  let why: string;
  if (err.code === 'EAUTH')
    why = `rejected the SMTP user name or password${err.responseCode ? ` (${err.responseCode})` : ''}`;
  else if (err.code === 'ETIMEDOUT') why = 'did not answer in time';
  else if (sys && CONNECT_CODES[sys]) why = `${CONNECT_CODES[sys]} (${sys})`;
  else if (err.responseCode) why = `refused the message: ${(err.response ?? '').slice(0, 200)}`;
  else if (err.code === 'ETLS' || err.code === 'ESOCKET')
    why = `could not be talked to securely: ${err.message ?? err.code}`;
  else why = `failed: ${err.message ?? String(e)}`;
  const out = new Error(`the SMTP server ${server} ${why}`, { cause: e });
  out.name = 'MailDeliveryError';
  return out;
}
