import type { Option } from '@slack/types';
import type { MessageKey, Translator } from '../../i18n';
import type { RegisterSearch } from '../../services/company-register/company-register.service';
import type { OrgNoProblem } from '../../services/company-register/org-no';
import { registerOptionLabel } from '../../services/company-register/register-pick.service';
import { plain, SLACK } from './text';

/** The value of an option that only explains (no company): picking it changes nothing. */
export const NOT_A_COMPANY = '-';
const MAX_OPTIONS = 20;

const problemKeys = {
  letters: 'register.option.invalidLetters',
  length: 'register.option.invalidLength',
  checkDigit: 'register.option.invalidCheckDigit',
} as const satisfies Record<OrgNoProblem, MessageKey>;

const explanation = (text: string): Option => ({ text: plain(text, SLACK.optionText), value: NOT_A_COMPANY });

/** "Name — org.nr. — poststed" per company; one explaining line for a wrong org.nr. or a register that failed. */
export function registerOptions(
  result: RegisterSearch | { status: 'unavailable' },
  tr: Translator,
): { options: Option[] } {
  if (result.status === 'unavailable') return { options: [explanation(tr.t('register.option.unavailable'))] };
  if (result.status === 'invalidOrgNo') return { options: [explanation(tr.t(problemKeys[result.problem]))] };
  return {
    options: result.companies.slice(0, MAX_OPTIONS).map((company) => ({
      text: plain(registerOptionLabel(company), SLACK.optionText),
      value: company.orgNo,
    })),
  };
}
