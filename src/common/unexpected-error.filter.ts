import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * HTTP errors keep their status and body. Anything else is a bug or an outage: it is logged
 * with the request id, and the caller gets a bare 500 carrying that id and nothing internal.
 */
@Catch()
export class UnexpectedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(UnexpectedErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      void reply.status(exception.getStatus()).send(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    this.logger.error(
      `Unexpected error on ${request.method} ${request.url} (request ${request.id})`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    void reply.status(HttpStatus.INTERNAL_SERVER_ERROR).send({ statusCode: 500, error: 'Internal Server Error', requestId: request.id });
  }
}
