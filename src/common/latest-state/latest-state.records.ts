import { NotFoundException } from '@nestjs/common';
import type { FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { readHistoryPage } from '../pagination/history-page';
import { readPage, whereEqual, type Page, type PageQueryDto } from '../pagination/page';

/** A state row or history row: both carry the event they come from. */
export interface EventStampedRow extends ObjectLiteral {
  seq: string;
  eventTime: Date;
}

export interface LatestStateOptions<State extends EventStampedRow, History extends EventStampedRow, View, Query extends PageQueryDto> {
  state: Repository<State>;
  history: Repository<History>;
  /** The property that identifies a thing, on the state entity and on its history rows. */
  key: keyof State & keyof History & string;
  /** What the thing is called in a 404 message. */
  noun: string;
  /** Query parameters of the list, as [parameter, entity property] pairs. */
  filters: readonly (readonly [keyof Query & string, string])[];
  /** The response shape of a state row and of a history row. */
  present: (row: State | History) => View;
}

/**
 * The query side of "latest state + history" (a late event never overwrites a newer one): a list of things newest first, a thing's
 * latest state, and its history as pages oldest first. The write side is LatestStateWriter. A
 * domain's service extends this with its entities, so each domain keeps only what differs.
 */
export class LatestStateRecords<State extends EventStampedRow, History extends EventStampedRow, View, Query extends PageQueryDto> {
  constructor(private readonly options: LatestStateOptions<State, History, View, Query>) {}

  list(query: Query): Promise<Page<View>> {
    const builder = whereEqual(this.options.state.createQueryBuilder('state'), 'state', query, this.options.filters);
    return readPage(builder, 'state', query, this.options.present);
  }

  async get(id: string): Promise<View> {
    return this.options.present(await this.find(id));
  }

  /** The thing's every event, late ones included, oldest first. */
  async history(id: string, page: PageQueryDto): Promise<Page<View>> {
    const key = (await this.find(id))[this.options.key] as string;
    const builder = this.options.history.createQueryBuilder('history').where(`history.${this.options.key} = :key`, { key });
    return readHistoryPage(builder, 'history', page, this.options.present);
  }

  /** The state row a path id names; a domain may accept other ids too. */
  protected async find(id: string): Promise<State> {
    const state = await this.options.state.findOneBy({ [this.options.key]: id } as FindOptionsWhere<State>);
    if (!state) {
      throw new NotFoundException(`No ${this.options.noun} with id ${id}`);
    }
    return state;
  }
}
