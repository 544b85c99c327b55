import { ERRORS } from '@grappes/contracts';
import { isDatabaseUnavailable, toErrorBody } from './rpc-error.filter';

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
