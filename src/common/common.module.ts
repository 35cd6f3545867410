import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Environment } from '../config/environment';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { ApiTokenGuard } from './api-token.guard';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { UnexpectedErrorFilter } from './unexpected-error.filter';

/** What every module may inject (the validated environment), the query API's token guard on every route, and the error filter. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: Environment, useValue: environment },
        { provide: APP_GUARD, useClass: ApiTokenGuard },
        { provide: APP_FILTER, useClass: UnexpectedErrorFilter },
        ThrottlerStorageService,
        AuthFailureLimiter,
      ],
      exports: [Environment, AuthFailureLimiter],
    };
  }
}
