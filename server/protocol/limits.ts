/** Default limits of the wire contract. */
export const LIMITS = {
  visitorNameMax: 64,
  bodyMax: 4000,
  passwordMin: 10,
  /** bcrypt only reads 72 bytes; longer passwords are refused rather than silently truncated. */
  passwordMaxBytes: 72,
  agentNameMax: 80,
  emailMax: 254,
  maxChatsMax: 100,
  /** Largest HTTP body the server reads. */
  httpBodyMaxBytes: 64 * 1024,
  /** Largest Socket.IO packet (maxHttpBufferSize). */
  socketPacketMaxBytes: 64 * 1024,
} as const;

export const USERNAME_RE = /^[a-z0-9][a-z0-9_.-]{1,31}$/;
export const CONTROL_CHARS_RE = /[\u0000-\u001f\u007f-\u009f]/;
