import 'reflect-metadata';
import { bootstrapService, loadConfig } from '@grappes/platform';
import { AppModule } from './app.module';
import { AuditConfig } from './audit.config';

const config = loadConfig(AuditConfig);
void bootstrapService('audit', AppModule.register(config), config);
