import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Client } from './pools.ts';
import * as schema from './schema.ts';

/** The typed query builder over one connection (kept apart from pools.ts, which threads load without it). */
export type Db = NodePgDatabase<typeof schema>;
export const drizzleOf = (client: Client): Db => drizzle(client, { schema });
