import { eq } from 'drizzle-orm';
import { DEFAULT_MAIL_SETTINGS, isLocale, isOptionalMailKind, type MailSettings } from '@samstrat/shared/mail';
import type { Db, Reader } from '../db/client';
import { mailSettings } from '../db/schema-mail';

/** A person's mail settings; the defaults (bokmål, every kind, single mails) when they never chose. */
export async function readMailSettings(db: Reader, userId: string): Promise<MailSettings> {
  const row = (await db.select().from(mailSettings).where(eq(mailSettings.userId, userId)).limit(1))[0];
  if (!row) return { ...DEFAULT_MAIL_SETTINGS, kinds: [...DEFAULT_MAIL_SETTINGS.kinds] };
  return {
    locale: isLocale(row.locale) ? row.locale : DEFAULT_MAIL_SETTINGS.locale,
    digest: row.digest,
    kinds: row.kinds.filter(isOptionalMailKind),
  };
}

/** Saves a person's mail settings (the whole setting; validated by shared/mail mailSettingsBody). */
export async function saveMailSettings(db: Db, userId: string, settings: MailSettings): Promise<MailSettings> {
  await db.transaction(async (tx) => {
    const values = { locale: settings.locale, digest: settings.digest, kinds: settings.kinds, updatedAt: new Date() };
    await tx
      .insert(mailSettings)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: mailSettings.userId, set: values });
  });
  return await readMailSettings(db, userId);
}
