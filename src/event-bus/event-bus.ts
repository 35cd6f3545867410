import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import type { QueryRunner } from 'typeorm';
import { Environment } from '../config/environment';
import { validateBody, type ValidationReason } from './body-validation';
import type { BusEvent, EventHandler, HandlerContext } from './event-handler';
import { handlerScope } from './handler-scope';
import { HANDLES_EVENT, type HandledEvent, type WebhookExamples } from './handles-event.decorator';
import type { StoredEvent, StoredEventsObserver } from './stored-events';

export type EventVerdict = { kind: 'unhandled' } | { kind: 'invalid'; reasons: ValidationReason[] } | { kind: 'valid'; type: string; body: object };

/** A valid event on its way to its handler. */
export interface TypedBusEvent extends BusEvent {
  type: string;
}

/** The event transaction handlers run in: its query runner (so its manager) and its prepared statements. */
export interface EventTransaction {
  runner: QueryRunner;
  query: HandlerContext['query'];
}

interface Registration extends HandledEvent {
  handler: EventHandler;
  name: string;
}

/** Database errors after which the whole transaction is tried again rather than the event failed. */
const RETRYABLE_CODES = new Set(['40P01', '40001']);

export function isRetryable(error: unknown): boolean {
  return RETRYABLE_CODES.has((error as { code?: unknown } | null)?.code as string);
}

/**
 * Hands each event to the one provider that declared `@HandlesEvent` for its type, always inside
 * the transaction that stores the event: the webhook's batches and replay both come through here.
 */
@Injectable()
export class EventBus implements OnModuleInit {
  private readonly registrations = new Map<string, Registration>();
  private readonly storedEventsObservers: StoredEventsObserver[] = [];
  private discovered = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly environment: Environment,
  ) {}

  onModuleInit(): void {
    this.discover();
  }

  /** Finds the handlers once; called at boot, or earlier by the OpenAPI document, which is built before. */
  private discover(): void {
    if (this.discovered) {
      return;
    }
    this.discovered = true;
    for (const wrapper of this.discovery.getProviders({ metadataKey: HANDLES_EVENT.KEY })) {
      this.register(wrapper);
    }
  }

  handles(type: string): boolean {
    return this.registrations.has(type);
  }

  /** Every registered type's example envelopes, for the webhook's OpenAPI page. */
  examples(): WebhookExamples {
    this.discover();
    return Object.assign({}, ...[...this.registrations.values()].map((registration) => registration.examples)) as WebhookExamples;
  }

  /** Decides, before any database work, what becomes of an event of this type and body. */
  judge(type: string, body: unknown): EventVerdict {
    const registration = this.registrations.get(type);
    if (!registration) {
      return { kind: 'unhandled' };
    }
    const result = validateBody(registration.body, body);
    return result.valid ? { kind: 'valid', type, body: result.value } : { kind: 'invalid', reasons: result.reasons };
  }

  /**
   * The fast path: each type's events go to its handler together, types in a fixed order (the
   * connection runs statements in call order, so concurrent transactions lock domain rows in the
   * same order) while no handler waits for the others. Rejects if any handler throws; the caller
   * then undoes them all and runs each event with `dispatchIsolated`.
   */
  async dispatchTogether(events: TypedBusEvent[], transaction: EventTransaction): Promise<void> {
    const byType = new Map<string, BusEvent[]>();
    for (const { type, ...event } of events) {
      const ofType = byType.get(type) ?? [];
      ofType.push(event);
      byType.set(type, ofType);
    }
    const types = [...byType].sort(([a], [b]) => (a < b ? -1 : 1));
    // Every handler is let finish before the rejection: none may still be writing once the caller undoes them.
    const settled = await Promise.allSettled(types.map(([type, ofType]) => this.dispatch(type, ofType, transaction)));
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) {
      throw failed.reason;
    }
  }

  /**
   * One event behind its own savepoint: a throw undoes only what this handler wrote and comes back
   * as the error to store with the event. A deadlock or serialization failure is thrown instead, so
   * the whole transaction is tried again.
   */
  async dispatchIsolated(event: TypedBusEvent, transaction: EventTransaction): Promise<{ error: unknown } | undefined> {
    const { query } = transaction;
    await query('SAVEPOINT handler', []);
    try {
      await this.dispatch(event.type, [event], transaction);
      await query('RELEASE SAVEPOINT handler', []);
      return undefined;
    } catch (error) {
      if (isRetryable(error)) {
        throw error;
      }
      await query('ROLLBACK TO SAVEPOINT handler', []);
      return { error };
    }
  }

  /** Registers a module to be told, inside the storing transaction, of every stored event (see StoredEventsObserver). */
  observeStoredEvents(observer: StoredEventsObserver): void {
    this.storedEventsObservers.push(observer);
  }

  /** Called by the event store, in its transaction, with the events it stored; issues the observers' statements at once. */
  eventsStored(events: readonly StoredEvent[], query: HandlerContext['query']): Promise<void> {
    if (events.length === 0 || this.storedEventsObservers.length === 0) {
      return Promise.resolve();
    }
    return Promise.all(this.storedEventsObservers.map((observer) => observer.eventsStored(events, query))).then(() => undefined);
  }

  /** Async, so that even a handler that throws before its first await rejects instead of throwing. */
  private async dispatch(type: string, events: BusEvent[], { runner, query }: EventTransaction): Promise<void> {
    const { handler } = this.registrations.get(type) as Registration;
    const handle = () => handler.handle(events, { manager: runner.manager, query });
    await (this.environment.checksHandlerTransactions ? handlerScope.run(runner, handle) : handle());
  }

  private register(wrapper: InstanceWrapper): void {
    const declared = this.discovery.getMetadataByDecorator(HANDLES_EVENT, wrapper) as HandledEvent;
    const name = wrapper.metatype?.name ?? String(wrapper.token);
    const existing = this.registrations.get(declared.type);
    if (existing) {
      throw new Error(`Two handlers for event type "${declared.type}": ${existing.name} and ${name}. Each type has exactly one owner.`);
    }
    if (typeof (wrapper.instance as EventHandler | undefined)?.handle !== 'function') {
      throw new Error(`${name} is marked @HandlesEvent('${declared.type}') but has no handle(events, context) method.`);
    }
    this.registrations.set(declared.type, { ...declared, handler: wrapper.instance as EventHandler, name });
  }
}
