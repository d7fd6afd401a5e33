import { getCountries, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { LOCALES, translator, type Locale, type MessageKey, type Vars } from '../../i18n';
import { setupLimits } from './setup-form';

/**
 * The zod rules of the setup fields, with their messages in one language. Built on first use per language rather
 * than at module load, so a parser for a Norwegian-speaking admin can ask for `setupRules('nb')`.
 */
function buildRules(locale: Locale) {
  const tr = translator(locale);
  const say = (key: MessageKey, vars?: Vars) => tr.t(key, vars);
  const wholeNumber = (min: number, max: number, message: string) =>
    z
      .string()
      .trim()
      .regex(/^\d{1,16}$/, message)
      .transform(Number)
      .pipe(z.number().int(message).min(min, message).max(max, message));
  const timeZoneMessage = say('setup.error.timeZone');

  return {
    prefix: z
      .string()
      .trim()
      .min(1, say('setup.error.prefixRequired'))
      .regex(/^\S*$/, say('setup.error.prefixSpaces'))
      .max(setupLimits.prefixMax, say('setup.error.prefixTooLong', { max: setupLimits.prefixMax }))
      .transform((value) => value.toUpperCase()),
    digits: wholeNumber(
      setupLimits.digits.min,
      setupLimits.digits.max,
      say('setup.error.wholeNumber', setupLimits.digits),
    ),
    nextNo: wholeNumber(1, setupLimits.nextNoMax, say('setup.error.nextNo')),
    retentionYears: wholeNumber(
      setupLimits.retentionYears.min,
      setupLimits.retentionYears.max,
      say('setup.retention.error'),
    ),
    hitPercent: wholeNumber(setupLimits.hitPercent.min, setupLimits.hitPercent.max, say('setup.error.hitPercent')),
    rowLength: wholeNumber(setupLimits.rowLength.min, setupLimits.rowLength.max, say('setup.error.rowLength')),
    defaultCode: z
      .string()
      .trim()
      .regex(/^\S*$/, say('setup.error.defaultCodeSpaces'))
      .max(setupLimits.defaultCodeMax, say('setup.error.defaultCodeTooLong', { max: setupLimits.defaultCodeMax }))
      .transform((value) => (value === '' ? undefined : value.toUpperCase())),
    userId: z.string().regex(/^[UW][A-Z0-9]{2,30}$/, say('setup.error.user')),
    phoneRegion: z
      .string()
      .trim()
      .refine(
        (value): value is CountryCode => (getCountries() as string[]).includes(value),
        say('setup.error.phoneRegion'),
      )
      .transform((value) => value as CountryCode),
    weekday: wholeNumber(1, 7, say('setup.error.weekday')),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, say('setup.error.time')),
    timeZone: z
      .string()
      .trim()
      .min(1, say('setup.error.timeZoneRequired'))
      .max(setupLimits.timeZoneMax, timeZoneMessage)
      .transform((value, ctx) => {
        const zone = canonicalTimeZone(value);
        if (zone === undefined) ctx.addIssue({ code: 'custom', message: timeZoneMessage });
        return zone ?? value;
      }),
    language: z.enum(LOCALES as [Locale, ...Locale[]], say('setup.error.language')),
  };
}

export type SetupRules = ReturnType<typeof buildRules>;

const rulesByLocale = new Map<Locale, SetupRules>();

export function setupRules(locale: Locale = 'en'): SetupRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) {
    rules = buildRules(locale);
    rulesByLocale.set(locale, rules);
  }
  return rules;
}

/**
 * The zone as Kontakt stores it, or undefined when it is not a time zone. A zone in the IANA list is spelled as
 * there (`europe/oslo` → `Europe/Oslo`); an alias the runtime knows (`UTC`, `US/Pacific`) is kept as typed.
 */
function canonicalTimeZone(zone: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return undefined;
  const lower = zone.toLowerCase();
  const listed = Intl.supportedValuesOf('timeZone').find((known) => known.toLowerCase() === lower);
  if (listed) return listed;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === lower ? resolved : zone;
  } catch {
    return undefined;
  }
}
