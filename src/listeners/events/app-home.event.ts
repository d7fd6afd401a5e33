import { guardedEvent, trOf, workspaceIdOf, type EventArgs } from '../frame';
import { publishHomeOf } from '../shared/home';

/** Home tab opened: publish the user's Home (the Messages tab needs nothing). */
export async function publishHome(args: EventArgs<'app_home_opened'>): Promise<void> {
  const { event, client } = args;
  if (event.tab !== 'home') return;
  await guardedEvent(args, 'Publishing the Home tab', async () => {
    await publishHomeOf(client, workspaceIdOf(args), event.user, trOf(args));
  });
}
