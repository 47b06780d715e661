import { Agent, request } from 'node:http';

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
}

/** JSON over keep-alive HTTP/1.1 connections (cheaper per request than fetch at thousands/s). */
export function createHttp(base: string, maxSockets = 64) {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    request<T = any>(
      method: string,
      path: string,
      o: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
    ): Promise<HttpAnswer<T>> {
      const payload = o.body === undefined ? undefined : JSON.stringify(o.body);
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(payload));
      }
      return new Promise((resolve, reject) => {
        const req = request({ agent, host: url.hostname, port: url.port, method, path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              /* not JSON */
            }
            resolve({ status: res.statusCode ?? 0, body: body as T });
          });
          res.on('error', reject);
        });
        req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}
export type Http = ReturnType<typeof createHttp>;
