import { z } from 'zod';

/**
 * The parts of Enhetsregisteret's answers Kontakt reads (data.brreg.no/enhetsregisteret/api, HAL JSON; see its
 * OpenAPI description `Enhet`, `Adresse`, `Naeringskode`). Fields Kontakt does not use are let through unread;
 * a field it uses that has the wrong type makes the whole answer unusable, so nothing is ever shown half.
 */
const text = z.string();

export const adresseSchema = z.object({
  adresse: z.array(text).optional(),
  postnummer: text.optional(),
  poststed: text.optional(),
  landkode: text.optional(),
  land: text.optional(),
  kommune: text.optional(),
  kommunenummer: text.optional(),
});

const kodeSchema = z.object({ kode: text, beskrivelse: text.optional() });

/** One entity (`GET /enheter/{orgnr}`, or an item of `_embedded.enheter`). A deleted one carries `slettedato`. */
export const enhetSchema = z.object({
  organisasjonsnummer: z.string().regex(/^\d{9}$/),
  navn: text.min(1),
  organisasjonsform: kodeSchema.optional(),
  forretningsadresse: adresseSchema.optional(),
  postadresse: adresseSchema.optional(),
  naeringskode1: kodeSchema.optional(),
  hjemmeside: text.optional(),
  registrertIMvaregisteret: z.boolean().optional(),
  konkurs: z.boolean().optional(),
  underAvvikling: z.boolean().optional(),
  underTvangsavviklingEllerTvangsopplosning: z.boolean().optional(),
  slettedato: text.optional(),
});

/**
 * `GET /enheter?navn=…`: the hits under `_embedded.enheter`; no `_embedded` at all when nothing matched, but
 * always `page` — so an answer without it is not an empty result but something else, and is refused.
 */
export const enhetSearchSchema = z.object({
  _embedded: z.object({ enheter: z.array(enhetSchema) }).optional(),
  page: z.object({ totalElements: z.number().int().min(0) }),
});

/** 410 Gone: an entity removed from the open data (for legal reasons), with the date it went. */
export const fjernetSchema = z.object({
  organisasjonsnummer: z.string().regex(/^\d{9}$/),
  slettedato: text.optional(),
});

export type Enhet = z.infer<typeof enhetSchema>;
export type Adresse = z.infer<typeof adresseSchema>;
