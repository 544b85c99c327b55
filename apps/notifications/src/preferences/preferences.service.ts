import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DigestMode, NOTIFICATION_TYPES, NotificationPreferences, PreferencesView } from '@grappes/contracts';
import { Model } from 'mongoose';
import { Preference } from './preference.schema';

/** How a person wants a notification by e-mail: not at all, now, or in the next daily digest. */
export type EmailChoice = 'off' | DigestMode;

@Injectable()
export class PreferencesService {
  constructor(@InjectModel(Preference.name) private readonly preferences: Model<Preference>) {}

  async of(personId: string): Promise<PreferencesView> {
    return viewOf(await this.preferences.findById(personId).lean<Preference>());
  }

  /** Replaces the person's choices in one write: of two concurrent changes, the last one stands whole. */
  async set(personId: string, { email, digest }: NotificationPreferences): Promise<PreferencesView> {
    const emailOff = Object.entries(email).filter(([, on]) => !on).map(([type]) => type);
    const stored = await this.preferences
      .findOneAndReplace({ _id: personId }, { emailOff, digest, updatedAt: new Date() }, { upsert: true, returnDocument: 'after' })
      .lean<Preference>();
    return viewOf(stored);
  }

  /** What a person chose for e-mails of one type; a person without an account has the defaults. */
  async emailChoice(personId: string | undefined, type: string): Promise<EmailChoice> {
    const stored = personId ? await this.preferences.findById(personId).lean<Preference>() : null;
    if (stored?.emailOff.includes(type)) return 'off';
    return stored?.digest ?? 'immediate';
  }
}

function viewOf(stored: Preference | null): PreferencesView {
  const off = new Set(stored?.emailOff ?? []);
  return {
    email: Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, !off.has(type)])) as PreferencesView['email'],
    digest: stored?.digest ?? 'immediate',
  };
}
