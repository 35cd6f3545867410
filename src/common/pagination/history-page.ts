import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page, PageQueryDto } from './page';

/**
 * Reads one page of a thing's history: oldest first by (event time, seq), so late events sit
 * where they belong. The cursor is the last row's `seq`, as in every list; the next page starts
 * after that row's (event time, seq), which the (key, event_time, seq) index of each history
 * table serves directly.
 */
export async function readHistoryPage<Row extends ObjectLiteral & { seq: string }, Item>(
  query: SelectQueryBuilder<Row>,
  alias: string,
  page: PageQueryDto,
  present: (row: Row) => Item,
): Promise<Page<Item>> {
  if (page.cursor) {
    const table = query.expressionMap.mainAlias?.metadata.tableName as string;
    query.andWhere(`(${alias}.eventTime, ${alias}.seq) > (SELECT after.event_time, after.seq FROM ${table} after WHERE after.seq = :cursor)`, {
      cursor: page.cursor,
    });
  }
  const rows = await query
    .orderBy(`${alias}.eventTime`, 'ASC')
    .addOrderBy(`${alias}.seq`, 'ASC')
    .limit(page.limit + 1)
    .getMany();
  const items = rows.slice(0, page.limit);
  return { items: items.map(present), nextCursor: rows.length > page.limit ? items[items.length - 1].seq : null };
}
