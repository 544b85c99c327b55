import 'reflect-metadata';
import { bootstrapService, loadConfig } from '@grappes/platform';
import { AppModule } from './app.module';
import { WorkshopsConfig } from './workshops.config';

const config = loadConfig(WorkshopsConfig);
void bootstrapService('workshops', AppModule.register(config), config);
