import type { ServerResponse } from 'node:http';
import pg from 'pg';
import type { Database } from '../../db/client';

/**
 * Live notification streams (server-sent events) of this instance, by user. The relay that writes
 * notifications on any instance NOTIFYs `anju_notification` with the user id; every instance
 * listens and tells that user's open streams, which then fetch what is new.
 */
export class NotificationHub {
  private streams = new Map<number, Set<ServerResponse>>();
  private client: pg.Client | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  async start(database: Database) {
    const client = new pg.Client({ connectionString: database.url, application_name: 'anju-notifications' });
    client.on('error', () => {
      // a lost listener only delays live updates until the page polls again
    });
    await client.connect();
    client.on('notification', (msg) => {
      if (msg.channel === 'anju_notification' && msg.payload) this.tell(Number(msg.payload));
    });
    await client.query('listen anju_notification');
    this.client = client;
    this.heartbeat = setInterval(() => this.beat(), 25_000);
    this.heartbeat.unref();
  }

  async stop() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const set of this.streams.values()) for (const res of set) res.end();
    this.streams.clear();
    await this.client?.end().catch(() => {});
    this.client = null;
  }

  add(userId: number, res: ServerResponse) {
    let set = this.streams.get(userId);
    if (!set) {
      set = new Set();
      this.streams.set(userId, set);
    }
    set.add(res);
    res.on('close', () => {
      set.delete(res);
      if (!set.size) this.streams.delete(userId);
    });
  }

  /** Tells a user's open streams that something changed. */
  tell(userId: number) {
    for (const res of this.streams.get(userId) ?? []) res.write(`event: notification\ndata: {}\n\n`);
  }

  private beat() {
    for (const set of this.streams.values()) for (const res of set) res.write(': keep-alive\n\n');
  }
}
