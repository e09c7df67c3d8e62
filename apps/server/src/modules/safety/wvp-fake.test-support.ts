import http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for wvp-GB28181-pro on 127.0.0.1, speaking the REST shape the adapter uses
 * (video-platform.ts): sign-in with the md5 of the password, channel list per device with the
 * token in `access-token`, play start answering ZLMediaKit stream URLs, every answer wrapped
 * as `{ code, msg, data }`. `channels` says which cameras exist and whether they are online;
 * `expireToken` makes the next call answer 401 once, as an expired session does.
 */
export type FakeWvp = {
  url: string; user: string; password: string;
  channels: Map<string, { parent: string; online: boolean }>;
  calls: string[];
  expireToken: () => void;
  close: () => Promise<void>;
};

export const startFakeWvp = async (): Promise<FakeWvp> => {
  const user = 'fazhi';
  const password = 'wvp-secret';
  let token = 'token-1';
  let expired = false;
  const channels = new Map<string, { parent: string; online: boolean }>();
  const calls: string[] = [];
  const send = (res: http.ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://fake');
    calls.push(`${req.method} ${u.pathname}`);
    if (u.pathname === '/api/user/login') {
      const ok = u.searchParams.get('username') === user && u.searchParams.get('password') === createHash('md5').update(password).digest('hex');
      if (!ok) return send(res, 200, { code: 100, msg: '用户名或密码错误' });
      token = `token-${calls.length}`;
      return send(res, 200, { code: 0, msg: '成功', data: { username: user, accessToken: token } });
    }
    if (req.headers['access-token'] !== token || expired) {
      expired = false;
      return send(res, 401, { code: 401, msg: '请登录后重新请求' });
    }
    const list = /^\/api\/device\/query\/devices\/([0-9]{20})\/channels$/.exec(u.pathname);
    if (list) {
      const items = [...channels.entries()].filter(([, c]) => c.parent === list[1]).map(([id, c]) => ({ deviceId: id, name: id, status: c.online ? 'ON' : 'OFF' }));
      return send(res, 200, { code: 0, msg: '成功', data: { total: items.length, list: items } });
    }
    const play = /^\/api\/play\/start\/([0-9]{20})\/([0-9]{20})$/.exec(u.pathname);
    if (play) {
      const ch = channels.get(play[2] ?? '');
      if (!ch || ch.parent !== play[1] || !ch.online) return send(res, 200, { code: 100, msg: '通道不存在或离线' });
      const stream = `${play[1]}_${play[2]}`;
      return send(res, 200, { code: 0, msg: '成功', data: {
        app: 'rtp', stream, flv: `http://127.0.0.1:80/rtp/${stream}.live.flv`, ws_flv: `ws://127.0.0.1:80/rtp/${stream}.live.flv`,
        hls: `http://127.0.0.1:80/rtp/${stream}/hls.m3u8`, rtsp: `rtsp://127.0.0.1:554/rtp/${stream}`,
      } });
    }
    return send(res, 404, { code: 404, msg: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, user, password, channels, calls,
    expireToken: () => { expired = true; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
};
