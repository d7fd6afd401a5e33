import { searchTimeZones, timeZoneLabel } from '../../services/setup/time-zones';
import { option } from '../../views/setup/setup-inputs';
import { guardedOptions, type OptionsArgs } from '../frame';

/** Typeahead of the digest's time zone: the zones matching what the admin typed (common ones before that), ≤ 100. */
export function suggestTimeZones(args: OptionsArgs): Promise<void> {
  return guardedOptions(args, 'Time zone typeahead', async () => {
    const typed = typeof args.body.value === 'string' ? args.body.value : '';
    const now = new Date();
    return { options: searchTimeZones(typed, 100).map((zone) => option(timeZoneLabel(zone, now), zone)) };
  });
}
