import { ApiProperty } from '@nestjs/swagger';
import { IsIn, ValidationOptions, registerDecorator } from 'class-validator';
import { DIGEST_MODES, DigestMode, NOTIFICATION_TYPES, NotificationType } from '../vocabulary';
import { NoPayload, defineRpc } from './rpc-definition';

function isEmailChoices(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([type, on]) => (NOTIFICATION_TYPES as readonly string[]).includes(type) && typeof on === 'boolean');
}

/** An object whose keys are notification types and whose values are booleans. */
function IsEmailChoices(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEmailChoices', target: target.constructor, propertyName: propertyName as string,
      options: { message: `$property must map notification types (${NOTIFICATION_TYPES.join(', ')}) to true or false`, ...options },
      validator: { validate: isEmailChoices },
    });
}

/** A person's choices; what concerns their own registration is e-mailed at once whatever they choose. */
export class NotificationPreferences {
  @ApiProperty({
    description: 'Per notification type, whether it is e-mailed (a type left out is e-mailed)',
    type: 'object', additionalProperties: { type: 'boolean' },
    example: { 'workshop-scheduled': false, 'company-joined-cluster': true },
  })
  @IsEmailChoices()
  email!: Partial<Record<NotificationType, boolean>>;

  @ApiProperty({ enum: DIGEST_MODES, description: '`immediate`: each e-mail as it comes; `daily`: one e-mail at 08:00 (Paris) with the day before' })
  @IsIn(DIGEST_MODES)
  digest!: DigestMode;
}

/** What `GET` answers: every type named. */
export interface PreferencesView {
  email: Record<NotificationType, boolean>;
  digest: DigestMode;
}

export const PREFERENCES_RPC = {
  getPreferences: defineRpc<NoPayload, PreferencesView>('notifications', 'get-preferences', NoPayload),
  setPreferences: defineRpc<NotificationPreferences, PreferencesView>('notifications', 'set-preferences', NotificationPreferences),
};
