import { createHash } from 'node:crypto';
import type { CameraStatus } from '@fazhi/contracts';
import type { VideoConfig } from '../../config.ts';

/**
 * The video platform the cameras are watched through, behind one small interface: Fazhi keeps
 * the registry (GB/T 28181 codes, 备案, retention, the view log) and asks an existing
 * platform for what only it knows — whether a camera is online, and a live stream.
 *
 * The implementation speaks wvp-GB28181-pro's REST API (github.com/648540858/wvp-GB28181-pro):
 * - `GET /api/user/login?username=…&password=<md5 hex>` → `{ code: 0, data: { accessToken } }`;
 *   later calls carry the token in the `access-token` header (a 401, or `code: 401`, signs in again once);
 * - `GET /api/device/query/devices/{deviceId}/channels?page=1&count=…` → `{ code: 0, data: { list: [channel], total } }`,
 *   a channel's code in `deviceId` (or `gbDeviceId`) and its state in `status` ('ON'/'OFF', 1/0) or `onLine`;
 * - `GET /api/play/start/{deviceId}/{channelId}` → `{ code: 0, data: { flv, ws_flv, hls, rtsp, … } }`,
 *   the stream URLs of the ZLMediaKit media server the platform started the stream on.
 * Without configuration every camera is 未接入 ('unconnected') and nothing is called.
 */
export type Streams = { flv: string | null; wsFlv: string | null; hls: string | null; rtsp: string | null };
export type CameraRef = { deviceId: string; parentDeviceId: string };
export type VideoPlatform = {
  connected: boolean;
  status: (cameras: readonly CameraRef[]) => Promise<Map<string, CameraStatus>>;
  play: (camera: CameraRef) => Promise<{ status: CameraStatus; streams: Streams }>;
};

const noStreams: Streams = { flv: null, wsFlv: null, hls: null, rtsp: null };

const unconnected: VideoPlatform = {
  connected: false,
  status: async (cameras) => new Map(cameras.map((c) => [c.deviceId, 'unconnected' as const])),
  play: async () => ({ status: 'unconnected', streams: noStreams }),
};

type WvpAnswer = { code?: unknown; msg?: unknown; data?: unknown };
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? v as Record<string, unknown> : {});

const channelStatus = (ch: Record<string, unknown>): CameraStatus => {
  const s = ch.status ?? ch.onLine ?? ch.online;
  if (s === 'ON' || s === 1 || s === true || s === '1') return 'online';
  if (s === 'OFF' || s === 0 || s === false || s === '0') return 'offline';
  return 'unknown';
};

export const createWvpPlatform = (cfg: VideoConfig): VideoPlatform => {
  let token: string | null = null;
  const md5 = createHash('md5').update(cfg.password).digest('hex');

  const signIn = async (): Promise<string> => {
    const u = `${cfg.wvpUrl}/api/user/login?username=${encodeURIComponent(cfg.user)}&password=${md5}`;
    const res = await fetch(u, { signal: AbortSignal.timeout(cfg.timeoutMs) });
    const body = rec(await res.json()) as WvpAnswer;
    const t = str(rec(body.data).accessToken);
    if (!res.ok || body.code !== 0 || !t) throw new Error(`wvp sign-in refused (${res.status})`);
    token = t;
    return t;
  };

  const call = async (path: string, again = true): Promise<unknown> => {
    const t = token ?? await signIn();
    const res = await fetch(`${cfg.wvpUrl}${path}`, { headers: { 'access-token': t }, signal: AbortSignal.timeout(cfg.timeoutMs) });
    const body = res.status === 401 ? { code: 401 } : rec(await res.json()) as WvpAnswer;
    if ((res.status === 401 || body.code === 401) && again) {
      token = null;
      return call(path, false);
    }
    if (!res.ok || body.code !== 0) throw new Error(`wvp ${path}: ${res.status} ${String(body.msg ?? body.code)}`);
    return body.data;
  };

  return {
    connected: true,
    status: async (cameras) => {
      const out = new Map<string, CameraStatus>(cameras.map((c) => [c.deviceId, 'unknown' as const]));
      const parents = [...new Set(cameras.map((c) => c.parentDeviceId))];
      await Promise.all(parents.map(async (parent) => {
        try {
          const data = rec(await call(`/api/device/query/devices/${parent}/channels?page=1&count=1000`));
          const list = Array.isArray(data.list) ? data.list : [];
          for (const raw of list) {
            const ch = rec(raw);
            const code = str(ch.deviceId) ?? str(ch.gbDeviceId) ?? str(ch.channelId);
            if (code && out.has(code)) out.set(code, channelStatus(ch));
          }
        } catch { /* the platform did not answer for this device: its cameras stay 'unknown' */ }
      }));
      return out;
    },
    play: async (c) => {
      try {
        const d = rec(await call(`/api/play/start/${c.parentDeviceId}/${c.deviceId}`));
        return { status: 'online', streams: { flv: str(d.flv), wsFlv: str(d.ws_flv), hls: str(d.hls), rtsp: str(d.rtsp) } };
      } catch {
        return { status: 'unknown', streams: noStreams };
      }
    },
  };
};

/** One adapter per configuration (the server's, or a test's), kept with its sign-in token. */
const adapters = new WeakMap<object, VideoPlatform>();
export const videoPlatformOf = (config: { video: VideoConfig | null }): VideoPlatform => {
  if (!config.video) return unconnected;
  const known = adapters.get(config);
  if (known) return known;
  const made = createWvpPlatform(config.video);
  adapters.set(config, made);
  return made;
};
