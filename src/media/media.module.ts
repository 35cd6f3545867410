import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../config/environment';
import { InboundMediaEntity } from './inbound-media.entity';
import { MediaController } from './media.controller';
import { MediaFetcher } from './media-fetcher.service';
import { LocalMediaStorage, MEDIA_STORAGE } from './media-storage';
import { MediaMetrics } from './media.metrics';
import { MediaService } from './media.service';

/** The files behind inbound media messages: downloaded once from the vendor, kept, and served. */
@Module({
  imports: [TypeOrmModule.forFeature([InboundMediaEntity])],
  controllers: [MediaController],
  providers: [
    {
      provide: MEDIA_STORAGE,
      inject: [Environment],
      useFactory: async (environment: Environment) => {
        const storage = new LocalMediaStorage(environment.mediaDir);
        await storage.prepare();
        return storage;
      },
    },
    MediaMetrics,
    MediaFetcher,
    MediaService,
  ],
  exports: [MediaService],
})
export class MediaModule {}
