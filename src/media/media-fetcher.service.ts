import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { JobQueue, type RunningJob } from '../jobs/job-queue';
import { download } from './media-downloader';
import { MediaMetrics } from './media.metrics';
import { firstRetryDelaySeconds, judgeLink, retriesToGiveUp, sha256Matches } from './media.rules';
import { MEDIA_STORAGE, type MediaStorage } from './media-storage';
import type { MediaState } from './inbound-media.entity';
import { vendorSignature } from './vendor-signature.rules';

export const MEDIA_QUEUE = 'media-download';

export interface MediaJob {
  messageId: string;
}

/** Downloads at once in one process. */
const CONCURRENCY = 4;
/** One attempt may not take longer (a 100 MB file at well under 1 MB/s still fits). */
const ATTEMPT_TIMEOUT_SECONDS = 15 * 60;
const REQUEUE_CHUNK = 500;
const MAX_ERROR_LENGTH = 500;

interface MediaRow {
  message_id: string;
  account_name: string | null;
  waba_id: string | null;
  link: string;
  sha256: string | null;
  mime_type: string | null;
  state: MediaState;
  created_at: Date;
}

/** Thrown to have the job queue try again later, with backoff. */
class RetryLater extends Error {}

/**
 * Fetches each inbound media file once: signed as the vendor asks, from allowed hosts only,
 * checked against the webhook's SHA-256, then kept in the media storage. A job per file on the
 * `media-download` queue; the `inbound_media` row is the truth, so a job that runs twice (a crash,
 * a re-queue) finds the work done and does nothing.
 */
@Injectable()
export class MediaFetcher implements OnApplicationBootstrap {
  private readonly logger = new Logger(MediaFetcher.name);

  constructor(
    private readonly jobs: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly environment: Environment,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly metrics: MediaMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const giveUpMs = this.environment.mediaGiveUpAfterMs;
    await this.jobs.declareQueue(MEDIA_QUEUE, {
      policy: 'short',
      retryLimit: retriesToGiveUp(giveUpMs, firstRetryDelaySeconds(giveUpMs)),
      retryDelaySeconds: firstRetryDelaySeconds(giveUpMs),
      retryBackoff: true,
      expireInSeconds: ATTEMPT_TIMEOUT_SECONDS,
    });
    this.metrics.watchQueue(() => this.jobs.waitingJobs(MEDIA_QUEUE));
    await this.requeuePending();
    await this.jobs.work<MediaJob>(MEDIA_QUEUE, CONCURRENCY, (job, signal) => this.fetch(job, signal));
  }

  /**
   * Work a crash or a missing password left behind: media of accounts that now have a password
   * become pending, and every pending file gets a job (one waiting job per file at most).
   */
  private async requeuePending(): Promise<void> {
    await this.dataSource.query(`UPDATE inbound_media SET state = 'pending', error = NULL WHERE state = 'not_configured' AND account_name = ANY($1::text[])`, [
      [...this.environment.vendorApiPasswords.keys()],
    ]);
    let queued = 0;
    for (let after = ''; ;) {
      const chunk = (await this.dataSource.query(
        `SELECT message_id FROM inbound_media WHERE state = 'pending' AND message_id > $1 ORDER BY message_id LIMIT ${REQUEUE_CHUNK}`,
        [after],
      )) as { message_id: string }[];
      if (chunk.length === 0) {
        break;
      }
      await this.jobs.send<MediaJob>(
        MEDIA_QUEUE,
        chunk.map((row) => ({ data: { messageId: row.message_id }, singletonKey: row.message_id })),
      );
      queued += chunk.length;
      after = chunk[chunk.length - 1].message_id;
    }
    if (queued > 0) {
      this.logger.log(`${queued} media download(s) queued again`);
    }
  }

  private async fetch({ data: { messageId } }: RunningJob<MediaJob>, signal: AbortSignal): Promise<void> {
    const [row] = (await this.dataSource.query(`SELECT * FROM inbound_media WHERE message_id = $1`, [messageId])) as MediaRow[];
    if (row === undefined || row.state === 'stored' || row.state === 'failed') {
      return;
    }
    const password = row.account_name === null ? undefined : this.environment.vendorApiPasswords.get(row.account_name);
    if (password === undefined) {
      await this.settle(messageId, 'not_configured', null);
      return;
    }
    const link = judgeLink(row.link, this.environment.mediaAllowedHosts);
    if (!link.allowed) {
      await this.fail(messageId, link.reason);
      return;
    }
    if (this.tooLate(row)) {
      await this.fail(messageId, `gave up after ${this.environment.MEDIA_GIVE_UP_AFTER}`);
      return;
    }
    const [counted] = (await this.dataSource.query(
      `UPDATE inbound_media SET attempts = attempts + 1, state = 'pending' WHERE message_id = $1 AND state IN ('pending', 'not_configured') RETURNING attempts`,
      [messageId],
    )) as { attempts: number }[];
    if (counted === undefined) {
      return;
    }

    const url = new URL(link.url);
    url.searchParams.set('accountName', row.account_name as string);
    url.searchParams.set('wabaId', row.waba_id ?? '');
    const nonce = String(randomInt(100_000_000, 1_000_000_000));
    const sign = vendorSignature({ ...Object.fromEntries(url.searchParams), nonce }, password);

    const upload = await this.storage.begin();
    const outcome = await download({ url, headers: { sign, nonce }, maxBytes: this.environment.mediaMaxBytes, signal, into: upload.stream });
    switch (outcome.kind) {
      case 'downloaded': {
        if (row.sha256 !== null && !sha256Matches(row.sha256, outcome.sha256)) {
          await upload.discard();
          await this.fail(messageId, `sha256 mismatch: the webhook said ${row.sha256}, the file has ${outcome.sha256.toString('base64')}`);
          return;
        }
        const key = outcome.sha256.toString('hex');
        await upload.commit(key);
        await this.dataSource.query(
          `UPDATE inbound_media SET state = 'stored', content_key = $2, bytes = $3, stored_at = now(), error = NULL,
             mime_type = coalesce(mime_type, $4) WHERE message_id = $1 AND state = 'pending'`,
          [messageId, key, outcome.bytes, outcome.contentType],
        );
        this.metrics.downloads.inc({ result: 'stored' });
        this.metrics.bytes.inc(outcome.bytes);
        return;
      }
      case 'failed':
        await upload.discard();
        await this.fail(messageId, outcome.reason);
        return;
      case 'retry':
        await upload.discard();
        if (this.tooLate(row)) {
          await this.fail(messageId, `gave up after ${this.environment.MEDIA_GIVE_UP_AFTER}: ${outcome.reason}`);
          return;
        }
        await this.dataSource.query(`UPDATE inbound_media SET error = $2 WHERE message_id = $1 AND state = 'pending'`, [messageId, clip(outcome.reason)]);
        this.metrics.downloads.inc({ result: 'retried' });
        throw new RetryLater(outcome.reason);
    }
  }

  private tooLate(row: MediaRow): boolean {
    return Date.now() - new Date(row.created_at).getTime() > this.environment.mediaGiveUpAfterMs;
  }

  private async fail(messageId: string, reason: string): Promise<void> {
    await this.settle(messageId, 'failed', reason);
    this.metrics.downloads.inc({ result: 'failed' });
    this.logger.warn(`Media of inbound message ${messageId} failed: ${reason}`);
  }

  private async settle(messageId: string, state: 'failed' | 'not_configured', error: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE inbound_media SET state = $2, error = $3 WHERE message_id = $1 AND state IN ('pending', 'not_configured')`, [
      messageId,
      state,
      error === null ? null : clip(error),
    ]);
  }
}

function clip(text: string): string {
  return text.slice(0, MAX_ERROR_LENGTH);
}
