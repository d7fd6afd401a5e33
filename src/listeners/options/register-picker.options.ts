import { isRegisterError } from '../../integrations/brreg/enhetsregisteret.client';
import { registerOptions } from '../../views/contact/register-options';
import { guardedOptions, kontaktOf, type OptionsArgs } from '../frame';

const MAX_TYPED = 100;

/**
 * "Find in Enhetsregisteret": companies by name, or the one with a typed org.nr., answered in the ack (3 s; the
 * register gets 1.5 s of it). A register that is slow, down or answers garbage gives one line saying so, never an
 * error: the user types the company by hand as before.
 */
export function suggestRegisterCompanies(args: OptionsArgs): Promise<void> {
  return guardedOptions(args, 'Register typeahead', async () => {
    const { register, tr } = kontaktOf(args.context);
    if (!register.enabled) return { options: [] };
    const typed = typeof args.body.value === 'string' ? args.body.value.slice(0, MAX_TYPED) : '';
    try {
      return registerOptions(await register.search(typed), tr);
    } catch (error) {
      if (!isRegisterError(error)) throw error;
      args.logger.warn(`Register typeahead: ${error.message}`);
      return registerOptions({ status: 'unavailable' }, tr);
    }
  });
}
