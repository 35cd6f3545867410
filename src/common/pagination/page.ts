import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { OptionalCursor, OptionalTimestamp } from '../query.decorators';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** `?limit=&cursor=` of every list: newest first, the cursor is the last row's `seq`. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @OptionalCursor()
  cursor?: string;
}

/** `since`/`until` bounds: ISO 8601 with date, time and zone (the one format the API takes). */
export class TimeRangeQueryDto extends PageQueryDto {
  @OptionalTimestamp({ example: '2023-02-22T00:00:00Z', description: 'inclusive lower bound: ISO 8601 date, time and zone' })
  since?: string;

  @OptionalTimestamp({ example: '2023-02-23T00:00:00Z', description: 'exclusive upper bound: ISO 8601 date, time and zone' })
  until?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Reads one page of a query ordered by `alias.seq` descending. Fetches one row more than asked
 * to know whether another page follows.
 */
export async function readPage<Entity extends ObjectLiteral & { seq: string }, Item>(
  query: SelectQueryBuilder<Entity>,
  alias: string,
  page: PageQueryDto,
  present: (row: Entity) => Item,
): Promise<Page<Item>> {
  if (page.cursor) {
    query.andWhere(`${alias}.seq < :cursor`, { cursor: page.cursor });
  }
  const rows = await query
    .orderBy(`${alias}.seq`, 'DESC')
    .limit(page.limit + 1)
    .getMany();
  const items = rows.slice(0, page.limit);
  return { items: items.map(present), nextCursor: rows.length > page.limit ? items[items.length - 1].seq : null };
}

/** Adds `alias.column = :value` for each query parameter that is set, as [parameter, entity property] pairs. */
export function whereEqual<Entity extends ObjectLiteral, Query extends object>(
  query: SelectQueryBuilder<Entity>,
  alias: string,
  parameters: Query,
  filters: readonly (readonly [keyof Query & string, string])[],
): SelectQueryBuilder<Entity> {
  for (const [parameter, property] of filters) {
    if (parameters[parameter] !== undefined) {
      query.andWhere(`${alias}.${property} = :${parameter}`, { [parameter]: parameters[parameter] });
    }
  }
  return query;
}

/** Adds the `since`/`until` bounds of a range query on `column`. */
export function whereInRange<Entity extends ObjectLiteral>(
  query: SelectQueryBuilder<Entity>,
  column: string,
  range: TimeRangeQueryDto,
): SelectQueryBuilder<Entity> {
  if (range.since) {
    query.andWhere(`${column} >= :since`, { since: range.since });
  }
  if (range.until) {
    query.andWhere(`${column} < :until`, { until: range.until });
  }
  return query;
}
