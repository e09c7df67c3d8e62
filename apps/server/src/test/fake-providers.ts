import http, { type IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * Stand-ins for the SMS gateway and the mail server, on 127.0.0.1 with random ports, so the
 * tests exercise the real senders (fetch, nodemailer) without ever reaching a provider.
 */

export type FakeSmsRequest = { headers: IncomingHttpHeaders; body: { id: string; to: string; template: string; params: Record<string, string>; text: string } };
export type FakeSms = { url: string; requests: FakeSmsRequest[]; answer: { status: number; body: string }; close: () => Promise<void> };

export const startFakeSms = async (): Promise<FakeSms> => {
  const fake: Omit<FakeSms, 'url' | 'close'> = { requests: [], answer: { status: 200, body: '{"ok":true}' } };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      fake.requests.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as FakeSmsRequest['body'] });
      res.writeHead(fake.answer.status, { 'content-type': 'application/json' }).end(fake.answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/sms/send`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  });
};

export type FakeMail = { from: string; to: string[]; data: string };
export type FakeSmtp = { url: string; received: FakeMail[]; rejectNext: number; close: () => Promise<void> };

/**
 * Just enough ESMTP (RFC 5321) for nodemailer: greeting, EHLO, MAIL, RCPT, DATA, RSET,
 * QUIT. With `rejectNext` > 0 the end of DATA is answered 451 (try again later) that many times.
 */
export const startFakeSmtp = async (): Promise<FakeSmtp> => {
  const fake: Omit<FakeSmtp, 'url' | 'close'> = { received: [], rejectNext: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let mail: FakeMail = { from: '', to: [], data: '' };
    const reply = (line: string): void => { socket.write(`${line}\r\n`); };
    reply('220 fake-smtp ESMTP ready');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          if (fake.rejectNext > 0) { fake.rejectNext--; reply('451 4.3.0 mailbox busy, try again later'); } else { fake.received.push(mail); reply('250 2.0.0 queued'); }
          mail = { from: '', to: [], data: '' };
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.split(/[ :]/)[0]?.toUpperCase() ?? '';
        const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
        if (verb === 'EHLO') { reply('250-fake-smtp'); reply('250 8BITMIME'); }
        else if (verb === 'HELO' || verb === 'RSET' || verb === 'NOOP') reply('250 OK');
        else if (verb === 'MAIL') { mail.from = address; reply('250 OK'); }
        else if (verb === 'RCPT') { mail.to.push(address); reply('250 OK'); }
        else if (verb === 'DATA') { inData = true; reply('354 end with <CRLF>.<CRLF>'); }
        else if (verb === 'QUIT') { reply('221 bye'); socket.end(); return; }
        else reply('502 command not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  });
};

/** The text of a single-part message nodemailer sent with base64 transfer encoding. */
export const mailText = (data: string): string => {
  const sep = data.indexOf('\r\n\r\n');
  return Buffer.from(data.slice(sep + 4).replace(/\s+/g, ''), 'base64').toString('utf8');
};
