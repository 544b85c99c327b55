import 'reflect-metadata';
import { bootstrapService, loadConfig } from '@grappes/platform';
import { AppModule } from './app.module';
import { ClustersConfig } from './clusters.config';

const config = loadConfig(ClustersConfig);
void bootstrapService('clusters', AppModule.register(config), config);
