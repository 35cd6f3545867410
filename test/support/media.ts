import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { vendorSha256 } from '../../tools/vendor-media-server';

export const ACCOUNT = 'IW100001';

/** Every file the storage holds (content-addressed: `ab/abcd...`), uploads in progress aside. */
export function storedFiles(mediaDir: string): string[] {
  return readdirSync(mediaDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.includes('.incoming'))
    .map((entry) => entry.name);
}

export function mediaMessage(link: string, bytes: Buffer, overrides: { type?: string; account?: string; filename?: string; sha256?: string } = {}) {
  const type = overrides.type ?? 'image';
  const id = `media-${randomUUID()}`;
  return {
    id,
    envelope: {
      id: randomUUID(),
      type: 'whatsapp_mo_message_received',
      eventTime: '2026-11-28T10:00:00.000Z',
      body: {
        id,
        accountName: overrides.account ?? ACCOUNT,
        wabaId: '200000000000001',
        wamid: `wamid.${id}`,
        from: '15550009999',
        to: '15550002222',
        sendTime: '2026-11-28T09:59:59.000Z',
        type,
        [type]: {
          mimeType: type === 'document' ? 'application/pdf' : 'image/jpeg',
          sha256: overrides.sha256 ?? vendorSha256(bytes),
          link,
          ...(overrides.filename === undefined ? {} : { filename: overrides.filename }),
        },
      },
    },
  };
}

export async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}
