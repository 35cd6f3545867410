import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import type { QueryRunner } from 'typeorm';

/** Runs a statement on one connection; prepared once per connection, then only executed. */
export type PreparedQuery = <Row = Record<string, unknown>>(text: string, values: unknown[]) => Promise<Row[]>;

/** A connection's prepared statements, and a way to put several of them on the wire in one write. */
export interface StatementPipeline {
  query: PreparedQuery;
  /**
   * Runs `send` and writes every statement it issued synchronously in one packet. The pool's
   * connections are in pg's pipeline mode, so those statements do not wait for each other's
   * answers: a batch costs one round trip instead of one per statement.
   */
  sendTogether<T>(send: () => T): T;
}

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
export async function statementPipelineOn(runner: QueryRunner): Promise<StatementPipeline> {
  const client = (await runner.connect()) as PoolClient;
  // `connection.stream` is not part of pg's public API: corking the socket is what puts a batch's
  // statements in one write. package.json pins pg to the exact version this was checked against;
  // before upgrading it, check that Client still has `connection.stream` (the bench shows the loss).
  const socket = (client as unknown as { connection?: { stream?: Writable } }).connection?.stream;
  if (typeof socket?.cork !== 'function') {
    throw new Error('This version of pg has no client.connection.stream: the statement pipeline needs the pg version package.json pins');
  }
  return {
    query: async <Row>(text: string, values: unknown[]) => (await client.query({ name: statementName(text), text, values })).rows as Row[],
    sendTogether<T>(send: () => T): T {
      socket.cork();
      try {
        return send();
      } finally {
        socket.uncork();
      }
    },
  };
}

/** The prepared statements alone, for callers that send one statement at a time. */
export async function preparedQueryOn(runner: QueryRunner): Promise<PreparedQuery> {
  return (await statementPipelineOn(runner)).query;
}
