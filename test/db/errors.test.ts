import { MongoNetworkError as AgendaNetworkError } from 'agenda/node_modules/mongodb';
import mongoose from 'mongoose';
import { isDatabaseUnavailable, isDuplicateKeyError } from '../../src/db/errors';

const { mongo } = mongoose;

describe('isDatabaseUnavailable', () => {
  it('is true for a database that cannot be reached or does not answer in time', () => {
    const unreachable = [
      new mongo.MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'),
      new mongo.MongoNetworkTimeoutError('connection 3 to 127.0.0.1:27017 timed out'),
      new mongo.MongoServerSelectionError('Server selection timed out after 2000 ms', {} as never),
      new mongo.MongoNotConnectedError('Client must be connected before running operations'),
      new mongo.MongoTopologyClosedError(),
      new mongo.MongoServerError({ code: 50, codeName: 'MaxTimeMSExpired', errmsg: 'operation exceeded time limit' }),
    ];
    for (const error of unreachable) expect([error.name, isDatabaseUnavailable(error)]).toEqual([error.name, true]);
  });

  it('looks through wrappers (error.cause)', () => {
    const cause = new mongo.MongoNetworkTimeoutError('timed out');
    expect(isDatabaseUnavailable(new Error('Saving a contact failed', { cause }))).toBe(true);
  });

  it('looks inside the bulk-write error the driver wraps around a network error (its errorResponse)', () => {
    const timedOut = new mongo.MongoNetworkTimeoutError('connection 5 to 127.0.0.1:27017 timed out');
    const wrapped = new mongo.MongoBulkWriteError(timedOut as never, {} as never);
    expect(wrapped.name).toBe('MongoBulkWriteError');
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    // A bulk write refused for its documents (a duplicate key) is not the database being away.
    const refused = new mongo.MongoBulkWriteError(
      { message: 'E11000 duplicate key', code: 11000, writeErrors: [] } as never,
      {} as never,
    );
    expect(isDatabaseUnavailable(refused)).toBe(false);
  });

  it('recognises errors of agenda’s own (older) driver by name', () => {
    const error = new AgendaNetworkError('connection closed');
    expect(error).not.toBeInstanceOf(mongo.MongoNetworkError);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('is false for answers that are not about reachability: duplicates, validation, bugs, Slack', () => {
    const duplicate = new mongo.MongoServerError({
      code: 11000,
      errmsg: 'E11000 duplicate key',
      keyPattern: { no: 1 },
    });
    expect(isDuplicateKeyError(duplicate, 'no')).toBe(true);
    const notUnavailable = [
      duplicate,
      new mongoose.Error.ValidationError(),
      new TypeError("Cannot read properties of undefined (reading 'text')"),
      Object.assign(new Error('An API error occurred: ratelimited'), { code: 'slack_webapi_platform_error' }),
      'a string',
      undefined,
    ];
    for (const error of notUnavailable) expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
