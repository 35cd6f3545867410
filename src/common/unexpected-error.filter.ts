import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { defaultErrorCode, type ErrorBody, type ErrorCode } from './api-error';
import { isDatabaseUnavailable } from './database-unavailable.util';

/** Fastify's own refusals (raised before a route handler runs), by their error code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
};

function errorBody(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const body = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
  const { code, message } = body;
  const details = Object.fromEntries(Object.entries(body).filter(([key]) => !['statusCode', 'code', 'message'].includes(key)));
  return {
    statusCode: status,
    code: (code as ErrorCode | undefined) ?? defaultErrorCode(status),
    message: (message as string | string[] | undefined) ?? exception.message,
    ...details,
  };
}

/** A client error Fastify raised itself (body too large, unknown content type...). */
function fastifyClientError(exception: unknown): ErrorBody | undefined {
  const { statusCode, code, message } = (exception ?? {}) as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500 || typeof message !== 'string') {
    return undefined;
  }
  const known = typeof code === 'string' ? FASTIFY_CODES[code] : undefined;
  return { statusCode, code: known ?? defaultErrorCode(statusCode), message };
}

/**
 * Every error answer has the same shape: `statusCode`, a stable `code`, a `message`, and any
 * details. A database outage is 503 (retry later). Anything else unexpected is a bug: it is
 * logged with the request id, and the caller gets a bare 500 carrying that id and nothing internal.
 */
@Catch()
export class UnexpectedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(UnexpectedErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const known = exception instanceof HttpException ? errorBody(exception) : fastifyClientError(exception);
    if (known) {
      if (typeof known.retryAfter === 'number') {
        void reply.header('Retry-After', String(known.retryAfter));
      }
      void reply.status(known.statusCode).send(known);
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`Database unavailable on ${request.method} ${request.routeOptions.url ?? ''} (request ${request.id})`);
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE).send({
        statusCode: 503,
        code: 'database_unavailable',
        message: 'The database cannot be reached; retry later',
        requestId: request.id,
      } satisfies ErrorBody);
      return;
    }
    this.logger.error(
      `Unexpected error on ${request.method} ${request.routeOptions.url ?? ''} (request ${request.id})`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    void reply.status(HttpStatus.INTERNAL_SERVER_ERROR).send({
      statusCode: 500,
      code: 'internal_error',
      error: 'Internal Server Error',
      message: 'Internal server error',
      requestId: request.id,
    } satisfies ErrorBody);
  }
}
