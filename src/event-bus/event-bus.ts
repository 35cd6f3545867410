import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { validateBody, type ValidationReason } from './body-validation';
import type { BusEvent, EventHandler, HandlerContext } from './event-handler';
import { HANDLES_EVENT, type HandledEvent } from './handles-event.decorator';

export type EventVerdict = { kind: 'unhandled' } | { kind: 'invalid'; reasons: ValidationReason[] } | { kind: 'valid'; type: string; body: object };

interface Registration extends HandledEvent {
  handler: EventHandler;
  name: string;
}

/** Hands each event to the one provider that declared `@HandlesEvent` for its type. */
@Injectable()
export class EventBus implements OnModuleInit {
  private readonly registrations = new Map<string, Registration>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: HANDLES_EVENT.KEY })) {
      this.register(wrapper);
    }
  }

  handles(type: string): boolean {
    return this.registrations.has(type);
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

  /** Hands events of one type, judged valid, to their handler. */
  async dispatch(type: string, events: BusEvent[], context: HandlerContext): Promise<void> {
    await (this.registrations.get(type) as Registration).handler.handle(events, context);
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
