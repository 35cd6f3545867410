import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DATABASE_KIND, type DatabaseKind, MetricsService } from './metrics.service';
import { MetricsController } from './metrics.controller';

@Global()
@Module({})
export class MetricsModule {
  static forRoot(databaseKind: DatabaseKind): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: DATABASE_KIND, useValue: databaseKind }, MetricsService],
      exports: [MetricsService],
    };
  }
}
