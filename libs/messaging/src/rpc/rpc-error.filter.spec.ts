import { ArgumentsHost, Logger } from '@nestjs/common';
import { DomainError, ERRORS } from '@grappes/contracts';
import { JsMsg } from 'nats';
import { lastValueFrom } from 'rxjs';
import { JetStreamContext } from '../events/jetstream-context';
import { RpcErrorFilter, isDatabaseUnavailable, toErrorBody } from './rpc-error.filter';

const named = (name: string, message = 'x') => Object.assign(new Error(message), { name });

describe('an unreachable database answers 503, not 500', () => {
  it.each([
    named('MongoServerSelectionError', 'connect ECONNREFUSED 127.0.0.1:27017'),
    named('MongoNetworkError', 'connection 5 to 127.0.0.1:27017 closed'),
    named('MongoNotConnectedError'),
    named('MongooseServerSelectionError'),
    named('MongooseError', 'Operation `companies.insertOne()` buffering timed out after 2000ms'),
    Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' }),
  ])('%s is SERVICE.UNAVAILABLE', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toErrorBody(error)).toMatchObject({ code: ERRORS.SERVICE_UNAVAILABLE.code, status: 503 });
  });

  it.each([new Error('boom'), named('MongoServerError', 'E11000 duplicate key'), named('MongooseError', 'Cast to ObjectId failed'), 'text'])(
    '%s stays an internal error',
    (error) => {
      expect(isDatabaseUnavailable(error)).toBe(false);
      expect(toErrorBody(error)).toMatchObject({ code: ERRORS.INTERNAL.code, status: 500 });
    },
  );
});

describe('what an event handler that fails leaves in the log', () => {
  const eventHost = { getType: () => 'rpc', switchToRpc: () => ({ getContext: () => new JetStreamContext([{} as JsMsg]) }) } as unknown as ArgumentsHost;
  const logged = async (error: unknown) => {
    const error_ = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      // The handler's own error goes back to the consumer, which retries or dead-letters it.
      await expect(lastValueFrom(new RpcErrorFilter().catch(error, eventHost)!)).rejects.toBe(error);
      return { errors: error_.mock.calls.length, warnings: warn.mock.calls.length };
    } finally {
      jest.restoreAllMocks();
    }
  };

  it('warns, without an error log, when a fact of another stream has not arrived yet', async () => {
    expect(await logged(new DomainError(ERRORS.EVENT_FACT_PENDING, 'Cluster c-1 is not known here yet'))).toEqual({ errors: 0, warnings: 1 });
  });

  it('logs an unexpected failure as an error', async () => {
    expect(await logged(new Error('boom'))).toEqual({ errors: 1, warnings: 0 });
  });
});
