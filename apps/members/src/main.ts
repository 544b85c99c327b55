import 'reflect-metadata';
import { bootstrapService, loadConfig } from '@grappes/platform';
import { AppModule } from './app.module';
import { MembersConfig } from './members.config';

const config = loadConfig(MembersConfig);
void bootstrapService('members', AppModule.register(config), config);
