import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

const UNAUTHORIZED = ApiUnauthorizedResponse({ description: 'Missing or wrong `Authorization: Bearer <API_TOKEN>`' });

/** A cursor-paged list of the query API (SPEC section 5), with an example item. */
export function ApiPage(item: Record<string, unknown>) {
  return applyDecorators(
    ApiOkResponse({
      description: 'One page, newest first; pass nextCursor as ?cursor= for the next one (null on the last page)',
      schema: {
        type: 'object',
        properties: { items: { type: 'array', items: { type: 'object' } }, nextCursor: { type: 'string', nullable: true } },
        example: { items: [item], nextCursor: '1234' },
      },
    }),
    ApiBadRequestResponse({ description: 'A query parameter is invalid; the message names it' }),
    UNAUTHORIZED,
  );
}

/** One record of the query API, with an example of its shape. */
export function ApiRecord(example: Record<string, unknown>, notFound: string) {
  return applyDecorators(ApiOkResponse({ schema: { type: 'object', example } }), ApiNotFoundResponse({ description: notFound }), UNAUTHORIZED);
}
