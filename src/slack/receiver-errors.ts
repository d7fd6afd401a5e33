import { AuthorizationError, type HTTPReceiverOptions } from '@slack/bolt';

type ProcessEventErrorHandler = NonNullable<HTTPReceiverOptions['processEventErrorHandler']>;

/**
 * A signed request Bolt could not even route (a payload without `user`, `actions` that is not a list…) is the
 * sender's mistake: 400, not the 500 that would invite retries and page someone. No listener has run.
 */
export const refuseUnprocessable: ProcessEventErrorHandler = async ({ error, logger, response }) => {
  if (response.headersSent) {
    logger.error(`An error after the request was answered: ${error.message}`);
    return false;
  }
  if (error instanceof AuthorizationError) {
    response.writeHead(401);
    response.end();
    return true;
  }
  logger.warn(`Refused a request Kontakt could not process: ${error.message.split('\n')[0]}`);
  response.writeHead(400);
  response.end();
  return true;
};
