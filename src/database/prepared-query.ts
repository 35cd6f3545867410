import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { QueryRunner } from 'typeorm';

/** Runs a statement on one connection; prepared once per connection, then only executed. */
export type PreparedQuery = <Row = Record<string, unknown>>(text: string, values: unknown[]) => Promise<Row[]>;

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `s_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Named statements on the query runner's own connection (so inside its transaction). PostgreSQL
 * then parses and plans each statement once per connection instead of once per event, which is
 * most of the cost of the short statements the ingestion path runs.
 */
export async function preparedQueryOn(runner: QueryRunner): Promise<PreparedQuery> {
  const client = (await runner.connect()) as PoolClient;
  return async <Row>(text: string, values: unknown[]) => (await client.query({ name: statementName(text), text, values })).rows as Row[];
}
