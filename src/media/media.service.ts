import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { InjectRepository } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import type { Repository } from 'typeorm';
import { unnestRows, unnestValues, type UnnestColumn } from '../common/unnest.sql';
import { Environment } from '../config/environment';
import { JobQueue, type TransactionSql } from '../jobs/job-queue';
import { InboundMediaEntity } from './inbound-media.entity';
import { MEDIA_QUEUE, type MediaJob } from './media-fetcher.service';
import { MEDIA_STORAGE, type MediaStorage } from './media-storage';
import { fallbackFilename, mediaReference, safeFilename, servedContentType } from './media.rules';

/** An inbound message as the media module needs it. */
export interface InboundMessageWithMedia {
  id: string;
  accountName?: string | null;
  wabaId?: string | null;
  body: { type: string; [key: string]: unknown };
}

export interface MediaFile {
  stream: Readable;
  bytes: number;
  contentType: string;
  filename: string;
}

const COLUMNS: UnnestColumn[] = ['message_id', 'account_name', 'waba_id', 'link', 'sha256', 'mime_type', 'filename', 'state'].map((name) => ({
  name,
  type: 'text',
}));

const RECORD_MEDIA = `
  INSERT INTO inbound_media (${COLUMNS.map((column) => column.name).join(', ')})
  ${unnestRows('m', COLUMNS)} ORDER BY message_id
  ON CONFLICT (message_id) DO NOTHING`;

@Injectable()
export class MediaService {
  constructor(
    private readonly jobs: JobQueue,
    private readonly environment: Environment,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @InjectRepository(InboundMediaEntity) private readonly media: Repository<InboundMediaEntity>,
  ) {}

  /**
   * Records the file of each media message and queues its download, in the caller's transaction:
   * the message, its media row and its job are stored together or not at all. A message stored
   * before keeps its row (a replay adds at most a job that finds nothing to do).
   */
  async recordInTransaction(sql: TransactionSql, messages: InboundMessageWithMedia[]): Promise<void> {
    const passwords = this.environment.vendorApiPasswords;
    const rows = messages.flatMap((message) => {
      const reference = mediaReference(message.body);
      if (reference === null) {
        return [];
      }
      const configured = typeof message.accountName === 'string' && passwords.has(message.accountName);
      return [
        {
          message_id: message.id,
          account_name: message.accountName,
          waba_id: message.wabaId,
          link: reference.link,
          sha256: reference.sha256,
          mime_type: reference.mimeType,
          filename: reference.filename,
          state: configured ? 'pending' : 'not_configured',
        },
      ];
    });
    if (rows.length === 0) {
      return;
    }
    const jobs = rows.filter((row) => row.state === 'pending').map((row) => ({ data: { messageId: row.message_id }, singletonKey: row.message_id }));
    // Issued together: on a pipelined connection neither waits for the other's answer.
    await Promise.all([sql(RECORD_MEDIA, unnestValues(rows, COLUMNS)), this.jobs.sendInTransaction<MediaJob>(sql, MEDIA_QUEUE, jobs)]);
  }

  /** The stored file of a message: 404 when there is none (yet, or for good), 409 while it is being fetched. */
  async file(messageId: string): Promise<MediaFile> {
    const media = await this.media.findOneBy({ messageId });
    if (media === null) {
      throw new NotFoundException(`No media for inbound message ${messageId}`);
    }
    if (media.state === 'pending') {
      throw new ApiError(HttpStatus.CONFLICT, 'media_pending', `The media of inbound message ${messageId} is still being downloaded`);
    }
    const stored = media.state === 'stored' && media.contentKey !== null ? await this.storage.open(media.contentKey) : undefined;
    if (stored === undefined) {
      throw new NotFoundException(`The media of inbound message ${messageId} is not stored (${media.state})`);
    }
    const contentType = servedContentType(media.mimeType);
    return { stream: stored.stream, bytes: stored.bytes, contentType, filename: safeFilename(media.filename, fallbackFilename(messageId, contentType)) };
  }
}
