import stopwords from 'stopwords-iso';
import { foldText, isStopWord } from './fold';

/**
 * Words of a sales team's everyday writing that a contact's name may contain but that never name a contact on their
 * own ("kunde", "møte", "tilbud", weekdays, and the generic trade words half of all company names carry). The general
 * Norwegian and English function words come from stopwords-iso; these are the ones its lists lack.
 */
const SALES_TALK = [
  // Norwegian: meetings, customers, orders, time
  'kunde kunder kunden kundene kundemøte møte møtet møter møtte møtt besøk besøket besøkte besøkt innom hos',
  'ring ringe ringte ringt ringer samtale telefon tlf mobil epost mail mailet e-post sms melding',
  'tilbud tilbudet ordre ordren bestilling bestilte avtale avtalen kontrakt faktura fakturaen pris priser prisen',
  'rabatt levering leveranse leveransen levert demo presentasjon prosjekt prosjektet oppfølging befaring',
  'lunsj middag kaffe team teamet selger salg innkjøp innkjøper innkjøpere lager lageret',
  'idag igår imorgen morgen morges kveld dag dagen dager uke uka uken måned måneden år året neste forrige',
  'mandag tirsdag onsdag torsdag fredag lørdag søndag helg helgen',
  'januar februar mars april mai juni juli august september oktober november desember jul påske sommer høst vinter',
  'ny nye nytt gammel gamle stor store stort liten lite små bra fin fint god gode veldig litt mer flere',
  'takk ok okei hei hallo fornøyd fornøyde interessert',
  // English: the same talk
  'customer customers client clients meeting meetings met visit visited call called calls phone email emailed',
  'quote quotes offer order orders contract invoice price prices pricing discount delivery delivered demo',
  'project follow followup lunch dinner coffee team sales purchasing buyer buyers today tomorrow yesterday',
  'week weeks month monday tuesday wednesday thursday friday saturday sunday weekend',
  'january february march april may june july august september october november december',
  'thanks thank ok great nice happy guys people',
  // Generic trade words of company names (Norwegian and English)
  'maskin maskiner bygg bygning elektro elektriske rør vvs transport frakt logistikk eiendom holding gruppen gruppe',
  'consulting konsult konsulent rådgivning regnskap revisjon advokat advokatfirma klinikk senter handel butikk',
  'industri industrier teknikk teknologi tech data service services solutions løsninger systemer drift verksted',
  'mekaniske mekanisk sveis entreprenør entreprise anlegg norge norsk norway norwegian nordic nord sør øst vest',
  'skandinavia scandinavia international global invest energi marine maritime offshore shipping fisk sjømat mat',
  'bakeri kafe restaurant hotell engineering company limited partners sons brødrene',
].join(' ');

/** Company-form suffixes plus everyday words: folded, as message words are. */
const COMMON = new Set<string>(
  [...stopwords.no, ...stopwords.en, ...SALES_TALK.split(' ')]
    .flatMap((word) => foldText(word).split(' '))
    .filter((word) => word !== ''),
);

/**
 * True for a folded word that never names a contact on its own: a company-form suffix (AS, Ltd), a Norwegian or
 * English function word, or everyday sales talk. Such words still count inside a full name ("Brødrene Dahl").
 */
export function isCommonWord(word: string): boolean {
  return isStopWord(word) || COMMON.has(word);
}
