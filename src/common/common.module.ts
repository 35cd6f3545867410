import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Environment } from '../config/environment';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { ApiTokenGuard } from './api-token.guard';
import { AuthFailureLimiter } from './auth-failure-limiter';

/** What every module may inject (the validated environment), and the query API's token guard on every route. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: Environment, useValue: environment },
        { provide: APP_GUARD, useClass: ApiTokenGuard },
        ThrottlerStorageService,
        AuthFailureLimiter,
      ],
      exports: [Environment, AuthFailureLimiter],
    };
  }
}
