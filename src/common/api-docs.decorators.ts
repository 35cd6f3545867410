import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  type ApiResponseSchemaHost,
  getSchemaPath,
} from '@nestjs/swagger';
import { ERROR_CODES } from './api-error';

/** The shape of every error answer, with its code. */
export function errorSchema(example: { statusCode: number; code: keyof typeof ERROR_CODES; message: string }): ApiResponseSchemaHost['schema'] {
  return {
    type: 'object',
    required: ['statusCode', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer' },
      code: { type: 'string', enum: Object.keys(ERROR_CODES), description: 'Stable and machine-readable; see docs/security.md' },
      message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    },
    example,
  };
}

/** 429 for a client that sent too many wrong credentials; valid credentials are never refused. */
export function ApiAuthFailureLimit() {
  return ApiTooManyRequestsResponse({
    description: 'Too many failed authentication attempts from this client address; answered only to failing requests. Retry after `Retry-After` seconds',
    headers: { 'Retry-After': { description: 'Seconds until this address is answered 401 again instead of 429', schema: { type: 'integer' } } },
    schema: errorSchema({ statusCode: 429, code: 'too_many_auth_failures', message: 'Too many failed authentication attempts; try again later' }),
  });
}

const QUERY_API_FAILURES = [
  ApiUnauthorizedResponse({
    description: 'Missing, repeated or wrong `Authorization: Bearer <API_TOKEN>`',
    schema: errorSchema({ statusCode: 401, code: 'unauthorized', message: 'A valid "Authorization: Bearer <API_TOKEN>" header, sent once, is required' }),
  }),
  ApiAuthFailureLimit(),
  ApiServiceUnavailableResponse({
    description: 'PostgreSQL cannot be reached; retry later',
    schema: errorSchema({ statusCode: 503, code: 'database_unavailable', message: 'The database cannot be reached; retry later' }),
  }),
];

const INVALID_QUERY = ApiBadRequestResponse({
  description: 'A query parameter is invalid; `fields` names each one and what it must be',
  schema: errorSchema({ statusCode: 400, code: 'invalid_query', message: 'status must be one of: sent, delivered, read, failed, SMECL:FAILED' }),
});

function notFoundResponse(description: string) {
  return ApiNotFoundResponse({ description, schema: errorSchema({ statusCode: 404, code: 'not_found', message: description }) });
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
    INVALID_QUERY,
    ...QUERY_API_FAILURES,
  );
}

/** A thing's history (GET /<things>/:id/history): the same page shape, oldest first by event time, late events included. */
export function ApiHistoryOf(model: Type, notFound: string) {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({ description: 'One page of events, oldest first by event time', schema: pageOf(model) }),
    INVALID_QUERY,
    notFoundResponse(notFound),
    ...QUERY_API_FAILURES,
  );
}

/** One record, described by its response DTO. */
export function ApiRecordOf(model: Type, notFound: string) {
  return applyDecorators(ApiOkResponse({ type: model }), notFoundResponse(notFound), ...QUERY_API_FAILURES);
}

/** An answer worked out from the query (no record to miss, such as GET /stats/*), described by its response DTO. */
export function ApiAnswerOf(model: Type, { takesQuery = true }: { takesQuery?: boolean } = {}) {
  return applyDecorators(ApiOkResponse({ type: model }), ...(takesQuery ? [INVALID_QUERY] : []), ...QUERY_API_FAILURES);
}
