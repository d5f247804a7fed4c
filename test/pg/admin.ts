// Administrative SQL for the PostgreSQL suite on one short-lived connection to TEST_DATABASE_URL
// (create or drop a database or schema, read the catalogue), outside the code under test.
import pg from 'pg';

export async function adminQuery(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

export const dropSchema = (schema: string) => adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
