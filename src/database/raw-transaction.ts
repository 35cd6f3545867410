import type { QueryRunner } from 'typeorm';

interface TransactionFlags {
  isTransactionActive: boolean;
  transactionDepth: number;
}

/**
 * Tells a query runner that its connection is inside a transaction begun with a raw `BEGIN` (sent
 * in a pipeline, where `startTransaction()` would cost a round trip of its own). TypeORM then
 * treats it as its own transaction: `save()` and friends write inside it instead of opening and
 * committing one, and `manager.transaction()` becomes a savepoint. TypeORM 1.x keeps this state
 * in these two fields (`transactionDepth` 1 = one transaction open, no savepoint).
 */
export function adoptRawTransaction(runner: QueryRunner): void {
  Object.assign(runner as unknown as TransactionFlags, { isTransactionActive: true, transactionDepth: 1 });
}

/** After the raw `COMMIT` or `ROLLBACK`: the query runner is outside any transaction again. */
export function forgetRawTransaction(runner: QueryRunner): void {
  Object.assign(runner as unknown as TransactionFlags, { isTransactionActive: false, transactionDepth: 0 });
}
