import { z } from 'zod';
import { t } from '../../i18n';
import { MAX_QUERY_LENGTH } from '../../schemas/search-query';
import { workspaceOf } from '../../services/workspace';
import { showSearchResults } from '../shared/search-results';
import type { ButtonArgs } from './action-args';

const pageValueSchema = z.object({ q: z.string().max(MAX_QUERY_LENGTH), p: z.number().int().min(0).max(1_000) });

/** Previous / Next under search results: the same search, another page, replacing the message in place. */
export async function turnSearchPage(args: ButtonArgs): Promise<void> {
  await args.ack();
  let value: z.infer<typeof pageValueSchema>;
  try {
    value = pageValueSchema.parse(JSON.parse(args.action.value ?? ''));
  } catch {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text: t('search.error.badPage') });
    return;
  }
  try {
    const message = await showSearchResults({
      workspaceId: workspaceOf(args.context),
      userId: args.body.user.id,
      typed: value.q,
      page: value.p,
    });
    await args.respond({ response_type: 'ephemeral', replace_original: true, ...message });
  } catch (error) {
    args.logger.error(`Search paging failed: ${(error as Error).message}`);
    await args.respond({ response_type: 'ephemeral', replace_original: false, text: t('error.tryAgain') });
  }
}
