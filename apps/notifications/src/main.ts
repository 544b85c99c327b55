import 'reflect-metadata';
import { bootstrapService, loadConfig } from '@grappes/platform';
import { AppModule } from './app.module';
import { NotificationsConfig } from './notifications.config';

const config = loadConfig(NotificationsConfig);
void bootstrapService('notifications', AppModule.register(config), config);
