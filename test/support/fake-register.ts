import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkDigitOf } from '../../src/services/company-register/org-no';

/**
 * A local stand-in for Enhetsregisteret's open API (data.brreg.no/enhetsregisteret/api), answering exactly as its
 * documentation and real answers do: HAL JSON, `GET /enheter/{orgnr}` (200 with the entity — a deleted one with
 * `slettedato` and little else —, 404 for a number it never had, 410 with `organisasjonsnummer` and `slettedato` for
 * one removed from the open data) and `GET /enheter?navn=…&size=…` (hits under `_embedded.enheter`, no `_embedded`
 * when nothing matched, `page` always). Tests make it slow, down (503) or answer garbage.
 */
export type FakeEnhet = Record<string, unknown> & { organisasjonsnummer: string; navn: string };

const API = '/enhetsregisteret/api';

/** A valid org.nr. from eight digits (the ninth is their mod-11 check digit); throws for the few that have none. */
export function orgNo(first8: string): string {
  const check = checkDigitOf(first8);
  if (check === undefined) throw new Error(`${first8} has no valid check digit`);
  return `${first8}${check}`;
}

/** The number with its check digit off by one: nine digits that are no org.nr. */
export function wrongCheckDigit(valid: string): string {
  return `${valid.slice(0, 8)}${(Number(valid[8]) + 1) % 10}`;
}

function address(a: { lines: string[]; postCode: string; city: string; kommune?: string }) {
  return {
    land: 'Norge',
    landkode: 'NO',
    postnummer: a.postCode,
    poststed: a.city.toUpperCase(),
    adresse: a.lines,
    kommune: (a.kommune ?? a.city).toUpperCase(),
    kommunenummer: '4601',
  };
}

/** An entity as `GET /enheter/{orgnr}` answers it, with the fields a real answer has. */
export function enhet(o: {
  orgNo: string;
  navn: string;
  business?: { lines: string[]; postCode: string; city: string } | null;
  postal?: { lines: string[]; postCode: string; city: string };
  nace?: { kode: string; beskrivelse: string };
  hjemmeside?: string;
  mva?: boolean;
  konkurs?: boolean;
  underAvvikling?: boolean;
}): FakeEnhet {
  const business =
    o.business === undefined ? { lines: ['Strandkaien 2'], postCode: '5013', city: 'Bergen' } : o.business;
  return {
    organisasjonsnummer: o.orgNo,
    navn: o.navn.toUpperCase(),
    organisasjonsform: {
      kode: 'AS',
      beskrivelse: 'Aksjeselskap',
      _links: { self: { href: `https://data.brreg.no${API}/organisasjonsformer/AS` } },
    },
    ...(o.hjemmeside ? { hjemmeside: o.hjemmeside } : {}),
    ...(o.postal ? { postadresse: address(o.postal) } : {}),
    registreringsdatoEnhetsregisteret: '2009-03-12',
    registrertIMvaregisteret: o.mva ?? true,
    naeringskode1: o.nace ?? { kode: '28.130', beskrivelse: 'Produksjon av andre pumper og kompressorer' },
    antallAnsatte: 42,
    harRegistrertAntallAnsatte: true,
    ...(business ? { forretningsadresse: address(business) } : {}),
    institusjonellSektorkode: { kode: '2100', beskrivelse: 'Private aksjeselskaper mv.' },
    registrertIForetaksregisteret: true,
    registrertIStiftelsesregisteret: false,
    registrertIFrivillighetsregisteret: false,
    konkurs: o.konkurs ?? false,
    underAvvikling: o.underAvvikling ?? false,
    underTvangsavviklingEllerTvangsopplosning: false,
    maalform: 'Bokmål',
    _links: { self: { href: `https://data.brreg.no${API}/enheter/${o.orgNo}` } },
  };
}

/** A deleted entity as the register answers it: 200 with `slettedato`, the name and the form, nothing else. */
export function deletedEnhet(o: { orgNo: string; navn: string; slettedato: string }): FakeEnhet {
  return {
    organisasjonsnummer: o.orgNo,
    navn: o.navn.toUpperCase(),
    organisasjonsform: { kode: 'AS', beskrivelse: 'Aksjeselskap' },
    slettedato: o.slettedato,
    _links: { self: { href: `https://data.brreg.no${API}/enheter/${o.orgNo}` } },
  };
}

export class FakeRegister {
  /** Entities by org.nr. */
  readonly entities = new Map<string, FakeEnhet>();
  /** Org.nrs. removed from the open data (answered 410), with their deletion date. */
  readonly removed = new Map<string, string>();
  /** `ok`; `down` answers 503; `garbage` answers JSON of another shape; `html` an error page that is not JSON. */
  mode: 'ok' | 'down' | 'garbage' | 'html' = 'ok';
  /** Every answer waits this long first (a slow register). */
  delayMs = 0;
  /** Every request's path and query, in order. */
  readonly requests: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeRegister> {
    const holder: { fake?: FakeRegister } = {};
    const server = createServer((req, res) => void holder.fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeRegister(server, `http://127.0.0.1:${port}${API}`);
    return holder.fake;
  }

  add(...entities: FakeEnhet[]): void {
    for (const entity of entities) this.entities.set(entity.organisasjonsnummer, entity);
  }

  reset(): void {
    this.entities.clear();
    this.removed.clear();
    this.requests.length = 0;
    this.mode = 'ok';
    this.delayMs = 0;
  }

  /** Requests for one org.nr. (`/enheter/923609016`). */
  lookupsOf(orgNumber: string): string[] {
    return this.requests.filter((path) => path === `/enheter/${orgNumber}`);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.startsWith(API) ? url.pathname.slice(API.length) : url.pathname;
    this.requests.push(`${path}${url.search}`);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (res.destroyed) return;
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (this.mode === 'down') return send(503, '<html><body>Service Unavailable</body></html>', 'text/html');
    if (this.mode === 'html') return send(200, '<html><body>Vedlikehold</body></html>', 'text/html');
    if (this.mode === 'garbage') return send(200, { enheter: [{ orgnr: 1, name: null }], organisasjonsnummer: 42 });
    const one = /^\/enheter\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && one) {
      const number = decodeURIComponent(one[1]!);
      const entity = this.entities.get(number);
      if (entity) return send(200, entity);
      const removedOn = this.removed.get(number);
      if (removedOn)
        return send(410, {
          organisasjonsnummer: number,
          slettedato: removedOn,
          _links: { self: { href: `https://data.brreg.no${API}/enheter/${number}` } },
        });
      return send(404, {
        timestamp: new Date().toISOString(),
        status: 404,
        error: 'Not Found',
        message: `Ingen enhet med organisasjonsnummer ${number} ble funnet`,
        path: `${API}/enheter/${number}`,
      });
    }
    if (req.method === 'GET' && path === '/enheter') {
      const navn = (url.searchParams.get('navn') ?? '').toLowerCase();
      const size = Math.min(Number(url.searchParams.get('size') ?? 20) || 20, 100);
      const hits = [...this.entities.values()].filter(
        (entity) => navn !== '' && !entity.slettedato && String(entity.navn).toLowerCase().includes(navn),
      );
      const shown = hits.slice(0, size);
      const self = { self: { href: `https://data.brreg.no${API}/enheter${url.search}` } };
      return send(200, {
        ...(shown.length > 0 ? { _embedded: { enheter: shown } } : {}),
        _links: self,
        page: { size, totalElements: hits.length, totalPages: Math.ceil(hits.length / size), number: 0 },
      });
    }
    return send(400, { status: 400, error: 'Bad Request' });
  }
}

/**
 * A fake register for the file (or describe block), started before Kontakt so Kontakt can be pointed at it:
 *
 *   const register = useFakeRegister();
 *   const kontakt = useKontakt({ env: register.env });
 *
 * Reset before each test (Kontakt's cache too: call `kontakt.running.register.clear()` in the test's beforeEach).
 */
export function useFakeRegister(): { fake: () => FakeRegister; env: Record<string, string> } {
  let fake: FakeRegister | undefined;
  const env: Record<string, string> = {};
  beforeAll(async () => {
    fake = await FakeRegister.start();
    env.COMPANY_REGISTER_URL = fake.url;
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => fake?.reset());
  return {
    fake: () => {
      if (!fake) throw new Error('The fake register is not started yet: use it inside a test or hook');
      return fake;
    },
    env,
  };
}
