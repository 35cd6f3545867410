import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiUnauthorizedResponse, getSchemaPath } from '@nestjs/swagger';

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

/** The page shape of a list or a history, its items described by a response DTO. */
function pageOf(model: Type) {
  return {
    type: 'object',
    properties: {
      items: { type: 'array', items: { $ref: getSchemaPath(model) } },
      nextCursor: { type: 'string', nullable: true, description: 'pass as ?cursor= for the next page; null on the last page' },
    },
    required: ['items', 'nextCursor'],
  };
}

/** A cursor-paged list of a response DTO, newest first. */
export function ApiPageOf(model: Type) {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({ description: 'One page, newest first', schema: pageOf(model) }),
    ApiBadRequestResponse({ description: 'A query parameter is invalid; the message names it' }),
    UNAUTHORIZED,
  );
}

/** A thing's history (GET /<things>/:id/history): the same page shape, oldest first by event time, late events included. */
export function ApiHistoryOf(model: Type, notFound: string) {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({ description: 'One page of events, oldest first by event time', schema: pageOf(model) }),
    ApiBadRequestResponse({ description: 'A query parameter is invalid; the message names it' }),
    ApiNotFoundResponse({ description: notFound }),
    UNAUTHORIZED,
  );
}

/** One record, described by its response DTO. */
export function ApiRecordOf(model: Type, notFound: string) {
  return applyDecorators(ApiOkResponse({ type: model }), ApiNotFoundResponse({ description: notFound }), UNAUTHORIZED);
}
