import mongoose from 'mongoose';
import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import { isDatabaseUnavailable } from '../../src/db/errors';
import { t } from '../../src/i18n';
import { failureTextKey } from '../../src/slack/failure-text';

const slackError = (code: string): WebAPIPlatformError =>
  Object.assign(new Error(`An API error occurred: ${code}`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error: code },
  }) as WebAPIPlatformError;

describe('what a user is told when their request failed', () => {
  it('blames the database only for database failures', () => {
    const selection = Object.assign(new Error('Server selection timed out after 2000 ms'), {
      name: 'MongooseServerSelectionError',
    });
    const timeLimit = Object.assign(new Error('operation exceeded time limit'), { name: 'MongoServerError', code: 50 });
    const buffering = new mongoose.Error('Operation `contacts.findOne()` buffering timed out after 2000ms');
    const wrapped = new Error('outer', { cause: selection });
    for (const error of [selection, timeLimit, buffering, wrapped]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(t(failureTextKey(error))).toContain('could not reach its database');
    }
  });

  it('names Slack when Slack refused or timed out, and the trigger when it expired', () => {
    expect(t(failureTextKey(slackError('internal_error')))).toMatch(/^Slack did not take/);
    expect(t(failureTextKey(Object.assign(new Error('timeout'), { code: ErrorCode.RequestError })))).toMatch(/^Slack/);
    expect(failureTextKey(slackError('expired_trigger_id'))).toBe('error.triggerExpired');
    expect(failureTextKey(slackError('exchanged_trigger_id'))).toBe('error.triggerExpired');
  });

  it('says something honest and generic for anything else, never the database', () => {
    const duplicateKey = Object.assign(new Error('E11000 duplicate key'), { name: 'MongoServerError', code: 11000 });
    for (const error of [new TypeError('x is undefined'), duplicateKey, 'a string', undefined]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
      expect(t(failureTextKey(error))).toMatch(/^Something went wrong in Kontakt\. Please try again/);
    }
  });
});
