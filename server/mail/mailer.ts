export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface SentMail {
  via: 'smtp' | 'outbox';
  /** The outbox file, when written there. */
  file?: string;
}

/** Sends e-mail through SMTP when configured, else writes it to the outbox folder. */
export interface Mailer {
  send(mail: Mail): Promise<SentMail>;
  close(): void;
}
