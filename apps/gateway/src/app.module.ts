import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import {
  APP_CONFIG, AppMetrics, MetricsServer, NATS_CONNECTION, NatsDrain, jsonLogger, natsConnectionProvider, rpcClientProvider,
} from '@grappes/platform';
import { contractValidationPipe } from '@grappes/messaging';
import { NatsConnection } from 'nats';
import { AccessEventHandlers } from './access/access.event-handlers';
import { RevokedAccess } from './access/revoked-access';
import { AuditController } from './audit/audit.controller';
import { RequestAuditInterceptor } from './audit/request-audit.interceptor';
import { RequestRecords } from './audit/request-records';
import { AuthController } from './auth/auth.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { LoginAttempts } from './auth/login-attempts';
import { SigningKeys } from './auth/signing-keys';
import { StreamTickets } from './auth/stream-tickets';
import { ClustersController } from './clusters/clusters.controller';
import { CompaniesController } from './companies/companies.controller';
import { GatewayConfig } from './gateway.config';
import { GatewayHealthController } from './health/gateway-health.controller';
import { ErrorFilter } from './http/error.filter';
import { IdeasController } from './ideas/ideas.controller';
import { LiveNotifications } from './notifications/live-notifications';
import { NotificationStreamController } from './notifications/notification-stream.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { PreferencesController } from './notifications/preferences.controller';
import { ProjectsController } from './projects/projects.controller';
import { StatsController } from './stats/stats.controller';
import { CalendarsController } from './workshops/calendars.controller';
import { RegistrationsController } from './workshops/registrations.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WorkshopsController } from './workshops/workshops.controller';
import { SlidingWindowStorage } from './http/sliding-window-storage';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        jsonLogger('gateway', config),
        JwtModule.register(new SigningKeys(config.jwtSecret, config.JWT_PREVIOUS_SECRET).jwtOptions()),
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }], storage: new SlidingWindowStorage() }),
      ],
      controllers: [
        AuthController, CompaniesController, ClustersController, ProjectsController, IdeasController, NotificationsController, NotificationStreamController, PreferencesController,
        WorkshopsController, RegistrationsController, CalendarsController, StatsController, GatewayHealthController, AccessEventHandlers, WebhooksController, AuditController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: GatewayConfig, useValue: config },
        natsConnectionProvider('gateway'),
        rpcClientProvider,
        { provide: NatsDrain, inject: [NATS_CONNECTION], useFactory: (nc: NatsConnection) => new NatsDrain(nc) },
        { provide: AppMetrics, useFactory: () => new AppMetrics('gateway') },
        { provide: MetricsServer, inject: [AppMetrics], useFactory: (m: AppMetrics) => new MetricsServer(m, config.METRICS_PORT, config.HOST) },
        LoginAttempts,
        RevokedAccess,
        LiveNotifications,
        RequestRecords,
        { provide: StreamTickets, useValue: new StreamTickets(config.jwtSecret, config.JWT_PREVIOUS_SECRET, config.STREAM_TICKET_TTL_SECONDS) },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_PIPE, useFactory: contractValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: RequestAuditInterceptor },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
