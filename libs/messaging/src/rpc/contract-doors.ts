import { ExceptionFilter, NestInterceptor, PipeTransform } from '@nestjs/common';
import { contractValidationPipe } from '../context/contract-validation.pipe';
import { MessagingMetrics, NO_METRICS } from '../metrics/messaging-metrics';
import { RpcContextInterceptor } from './rpc-context.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';
import { RpcMetricsInterceptor } from './rpc-metrics.interceptor';

/** An app or a microservice: both take global pipes, filters and interceptors. */
interface Doors {
  useGlobalPipes(...pipes: PipeTransform[]): unknown;
  useGlobalFilters(...filters: ExceptionFilter[]): unknown;
  useGlobalInterceptors(...interceptors: NestInterceptor[]): unknown;
}

/**
 * What stands at every door of a service, for requests and events alike:
 * payloads validated with their contracts class, errors turned into the wire
 * shape, each request run inside its trace and counted. One place, so that
 * the tests wire a service exactly as it runs.
 */
export function useContractDoors(app: Doors, metrics: MessagingMetrics = NO_METRICS): void {
  app.useGlobalPipes(contractValidationPipe());
  app.useGlobalFilters(new RpcErrorFilter());
  app.useGlobalInterceptors(new RpcContextInterceptor(), new RpcMetricsInterceptor(metrics));
}
