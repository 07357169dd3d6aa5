import { request } from 'node:http';

export interface FromResponse {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/**
 * One HTTP request sent from the loopback address `from` (127.0.0.2, 127.0.0.3 …): a second
 * client the server sees under its own address, without any proxy header.
 */
export function requestFrom(from: string, url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<FromResponse> {
  const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        localAddress: from,
        agent: false,
        headers: { ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }), ...init.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const headers = Object.fromEntries(Object.entries(res.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
          const json = headers['content-type']?.includes('json') && text ? JSON.parse(text) : text;
          resolve({ status: res.statusCode ?? 0, headers, body: json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
