import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { CommonModule } from './common/common.module';
import { Environment } from './config/environment';
import { dataSourceOptions } from './database/data-source.options';
import { runMigrationsExclusively } from './database/run-migrations';
import { AccountsModule } from './accounts/accounts.module';
import { DestinationsModule } from './destinations/destinations.module';
import { HealthModule } from './health/health.module';
import { InboundModule } from './inbound/inbound.module';
import { JobsModule } from './jobs/jobs.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { MessagesModule } from './messages/messages.module';
import { MetricsModule } from './metrics/metrics.module';
import type { DatabaseKind } from './metrics/metrics.service';
import { PhoneNumbersModule } from './phone-numbers/phone-numbers.module';
import { StatsModule } from './stats/stats.module';
import { TemplatesModule } from './templates/templates.module';
import { WebhookModule } from './webhook/webhook.module';

export interface AppOptions {
  environment: Environment;
  databaseUrl: string;
  /** Event modules to load besides the built-in ones (tests add theirs here). */
  extraModules?: DynamicModule['imports'];
  /** Whether the service started its own PostgreSQL (reported in the metrics). */
  databaseKind?: DatabaseKind;
  /** Where the JSON log lines go; standard output unless a test captures them. */
  logDestination?: NodeJS.WritableStream;
}

@Module({})
export class AppModule {
  static forRoot({ environment, databaseUrl, extraModules = [], databaseKind = 'external' }: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CommonModule.forRoot(environment),
        TypeOrmModule.forRootAsync({
          // Each module lists its entities with TypeOrmModule.forFeature; those of modules outside src/ are loaded too.
          // The start-up checks have already reached the database: a failure now is not retried.
          useFactory: () => ({ ...dataSourceOptions(databaseUrl), autoLoadEntities: true, toRetry: () => false }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options as DataSourceOptions).initialize();
            await runMigrationsExclusively(dataSource);
            return dataSource;
          },
        }),
        JobsModule.forRoot({ databaseUrl }),
        HealthModule,
        MetricsModule.forRoot(databaseKind),
        WebhookModule,
        MessagesModule,
        InboundModule,
        TemplatesModule,
        AccountsModule,
        PhoneNumbersModule,
        StatsModule,
        MaintenanceModule,
        DestinationsModule,
        ...extraModules,
      ],
    };
  }
}
