import { Injectable } from '@nestjs/common';
import { DataSource, type BeforeQueryEvent, type EntitySubscriberInterface } from 'typeorm';
import { Environment } from '../config/environment';
import { handlerScope } from './handler-scope';

/**
 * Refuses any TypeORM statement a handler sends outside its event's transaction, such as through
 * an injected repository or the DataSource: such a write would stay when the event is rolled back,
 * and a re-delivery would then find the event stored without it. The handler fails with a message
 * that says what to use instead, so the mistake shows in the first test rather than in production.
 * Off with NODE_ENV=production (see Environment.checksHandlerTransactions).
 */
@Injectable()
export class HandlerTransactionGuard implements EntitySubscriberInterface {
  constructor(dataSource: DataSource, environment: Environment) {
    if (environment.checksHandlerTransactions) {
      dataSource.subscribers.push(this);
    }
  }

  beforeQuery(event: BeforeQueryEvent): void {
    const eventRunner = handlerScope.getStore();
    if (eventRunner !== undefined && event.queryRunner !== eventRunner) {
      throw new Error(
        'An event handler queried the database outside its event transaction (an injected repository or the DataSource). ' +
          'Use context.manager, context.manager.getRepository(Entity) or context.query instead.',
      );
    }
  }
}
