/**
 * Minors and parental consent, as in Business Central: only persons can be minors. A minor without parental
 * consent is always privacy blocked (no new visits, tasks or opportunities); receiving the consent lifts the
 * block. Consent only means something for a minor, so clearing Minor clears it too.
 *
 * Clearing Minor does NOT clear Privacy blocked: the block may have been set on purpose before, and a contact
 * silently becoming unblocked is the mistake that costs. The user unticks Privacy blocked in the same form when
 * the person has come of age (the modal's hint says so).
 *
 * The lift is a transition: when consent is newly received (or a minor is marked with consent at once) the
 * block goes; a block set again by hand on a minor who has consent is kept.
 */
export interface MinorFields {
  type: 'company' | 'person';
  privacyBlocked?: boolean;
  minor?: boolean;
  parentalConsentReceived?: boolean;
}

export function applyMinorRules<F extends MinorFields>(
  fields: F,
  previous?: Pick<MinorFields, 'minor' | 'parentalConsentReceived'>,
): F {
  const minor = fields.type === 'person' && Boolean(fields.minor);
  const consent = minor && Boolean(fields.parentalConsentReceived);
  let privacyBlocked = Boolean(fields.privacyBlocked);
  if (minor && !consent) privacyBlocked = true;
  const consentBefore = Boolean(previous?.minor) && Boolean(previous?.parentalConsentReceived);
  if (consent && !consentBefore) privacyBlocked = false;
  return { ...fields, minor, parentalConsentReceived: consent, privacyBlocked };
}
