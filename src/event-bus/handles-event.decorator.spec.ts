import { IsString } from 'class-validator';
import type { BusEvent, EventHandler } from './event-handler';
import { HANDLES_EVENT, HandlesEvent } from './handles-event.decorator';

class ParcelBody {
  @IsString()
  parcelId: string;
}

class InvoiceBody {
  @IsString()
  invoiceId: string;
}

@HandlesEvent('test_parcel', ParcelBody)
class ParcelHandler implements EventHandler<ParcelBody> {
  async handle(events: BusEvent<ParcelBody>[]): Promise<void> {
    await Promise.resolve(events.map((event) => event.body.parcelId));
  }
}

// `npm run typecheck` runs over this file: each line below must stay a compile error.
// @ts-expect-error a handler of parcel bodies cannot be registered for invoice bodies
@HandlesEvent('test_invoice', InvoiceBody)
class MisregisteredHandler implements EventHandler<ParcelBody> {
  async handle(events: BusEvent<ParcelBody>[]): Promise<void> {
    await Promise.resolve(events.length);
  }
}

// @ts-expect-error a class without handle(events, context) is no handler
@HandlesEvent('test_nothing', ParcelBody)
class NotAHandler {}

describe('@HandlesEvent', () => {
  it('records the type, body DTO and examples for the bus', () => {
    expect(Reflect.getMetadata(HANDLES_EVENT.KEY, ParcelHandler)).toEqual({ type: 'test_parcel', body: ParcelBody, examples: {} });
    expect([MisregisteredHandler, NotAHandler]).toHaveLength(2);
  });
});
