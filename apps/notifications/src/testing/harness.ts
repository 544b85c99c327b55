// The notifications features wired by their own Nest modules on a database of
// their own, for integration tests: events are handed to every handler of
// their subject, as the JetStream consumer does, but one at a time and in the
// order the test chooses.
import { DynamicModule, Type } from '@nestjs/common';
import { MongooseModule, getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test, TestingModule } from '@nestjs/testing';
import { EventEnvelope, natsSubjectOf } from '@grappes/contracts';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import { Connection, Model } from 'mongoose';
import { NotificationsConfig } from '../notifications.config';

const PATTERN_METADATA = 'microservices:pattern';
type Handler = (event: EventEnvelope) => Promise<void>;

function controllersOf(module: Type | DynamicModule, seen = new Set<unknown>()): Type[] {
  const type = 'module' in module ? module.module : module;
  if (seen.has(type)) return [];
  seen.add(type);
  const own: Type[] = [...(Reflect.getMetadata('controllers', type) ?? []), ...('module' in module ? (module.controllers ?? []) : [])];
  const imports: (Type | DynamicModule)[] = [...(Reflect.getMetadata('imports', type) ?? []), ...('module' in module ? (module.imports ?? []) : [])];
  return [...own, ...imports.filter((i) => typeof i === 'function' || 'module' in i).flatMap((i) => controllersOf(i as Type, seen))];
}

export class NotificationsHarness {
  private constructor(
    readonly moduleRef: TestingModule,
    private readonly routes: Map<string, Handler[]>,
  ) {}

  /** `config` over the defaults, as the platform module gives it to every feature in the app. */
  static async start(features: (Type | DynamicModule)[], config: Partial<NotificationsConfig> = {}): Promise<NotificationsHarness> {
    const configModule: DynamicModule = {
      module: class TestConfig {},
      global: true,
      providers: [{ provide: NotificationsConfig, useValue: Object.assign(new NotificationsConfig(), { NODE_ENV: 'test' }, config) }],
      exports: [NotificationsConfig],
    };
    const moduleRef = await Test.createTestingModule({
      imports: [MongooseModule.forRoot(requireServer('MONGODB_URI'), { ...testDatabaseOptions, dbName: uniqueName('notifications_test') }), configModule, ...features],
    }).compile();
    await moduleRef.init();
    const connection = moduleRef.get<Connection>(getConnectionToken());
    // Unique indexes exist before the first write: they are what makes a second delivery harmless.
    await Promise.all(Object.values(connection.models).map((model) => model.init()));
    const routes = new Map<string, Handler[]>();
    for (const controller of features.flatMap((f) => controllersOf(f))) {
      const instance = moduleRef.get(controller, { strict: false });
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const patterns: string[] = Reflect.getMetadata(PATTERN_METADATA, controller.prototype[method]) ?? [];
        for (const subject of patterns.filter((p) => typeof p === 'string' && p.startsWith('events.'))) {
          routes.set(subject, [...(routes.get(subject) ?? []), (event) => instance[method](event)]);
        }
      }
    }
    return new NotificationsHarness(moduleRef, routes);
  }

  /** Each event to every handler of its subject, one after another. */
  async deliver(...events: EventEnvelope[]): Promise<void> {
    for (const event of events) {
      for (const handle of this.routes.get(natsSubjectOf(event)) ?? []) await handle(event);
    }
  }

  get<T>(token: Type<T> | string): T {
    return this.moduleRef.get(token, { strict: false });
  }

  model<T>(name: string): Model<T> {
    return this.moduleRef.get(getModelToken(name), { strict: false });
  }

  async close(): Promise<void> {
    await this.moduleRef.get<Connection>(getConnectionToken()).dropDatabase();
    await this.moduleRef.close();
  }
}
