import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@grappes/platform';
import { InboxModule } from './inbox/inbox.module';
import { OutgoingEmail } from './email/outgoing-email.schema';
import { Notification } from './inbox/notification.schema';
import { NoticesModule } from './notices/notices.module';
import { NotificationsConfig } from './notifications.config';
import { PreferencesModule } from './preferences/preferences.module';
import { WebhookDelivery } from './webhooks/webhook-delivery.schema';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static register(config: NotificationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServicePlatformModule.forRoot({ service: 'notifications', config, aggregates: [Notification.name, OutgoingEmail.name, WebhookDelivery.name] }), InboxModule, NoticesModule, PreferencesModule, WebhooksModule],
    };
  }
}
