import net from 'node:net';

/**
 * A TCP port free on 127.0.0.1 now, chosen below the ephemeral range so that a server (or a
 * PostgreSQL) stopped and started again on it in a test does not find it taken by an outgoing
 * connection meanwhile.
 */
export const freePort = async (): Promise<number> => {
  for (let i = 0; i < 200; i++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port below the ephemeral range');
};
