import type { Logger } from '@slack/bolt';
import type { z } from 'zod';
import { enhetSchema, enhetSearchSchema, fjernetSchema, type Enhet } from './enhet.schema';

/**
 * A register failure, never a database one: the listeners tell it apart (`isRegisterError`) and say that
 * Enhetsregisteret did not answer — not that Kontakt's database is unreachable.
 */
export class RegisterError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'unreachable' | 'status' | 'shape',
  ) {
    super(message);
    this.name = 'RegisterError';
  }
}

export const isRegisterError = (error: unknown): error is RegisterError => error instanceof RegisterError;

/** What `GET /enheter/{orgnr}` told: the entity, that it is gone (410, removed), or that no such number exists. */
export type EnhetLookup =
  | { status: 'found'; enhet: Enhet }
  | { status: 'removed'; orgNo: string; slettedato?: string }
  | { status: 'unknown'; orgNo: string };

export interface RegisterCallOptions {
  /** How long to wait for the whole answer (a typeahead has 3 s in all, so it asks for ≤ 1.5 s). */
  timeoutMs: number;
}

/**
 * Enhetsregisteret's open API (no key): one entity by org.nr., and a search by name. Every answer is checked
 * against the documented shape; one that does not match is logged and treated as no answer.
 */
export class EnhetsregisteretClient {
  constructor(
    private readonly baseUrl: string,
    private readonly logger: Logger,
  ) {}

  async lookup(orgNo: string, options: RegisterCallOptions): Promise<EnhetLookup> {
    const response = await this.get(`/enheter/${encodeURIComponent(orgNo)}`, options);
    if (response.status === 404) return { status: 'unknown', orgNo };
    if (response.status === 410) {
      const gone = this.read(fjernetSchema, await this.json(response), `GET /enheter/${orgNo} (410)`);
      return { status: 'removed', orgNo, slettedato: gone.slettedato };
    }
    if (!response.ok) throw new RegisterError(`Enhetsregisteret answered ${response.status}`, 'status');
    return { status: 'found', enhet: this.read(enhetSchema, await this.json(response), `GET /enheter/${orgNo}`) };
  }

  async searchByName(name: string, size: number, options: RegisterCallOptions): Promise<Enhet[]> {
    const query = new URLSearchParams({ navn: name, size: String(size) });
    const response = await this.get(`/enheter?${query.toString()}`, options);
    if (!response.ok) throw new RegisterError(`Enhetsregisteret answered ${response.status}`, 'status');
    const body = this.read(enhetSearchSchema, await this.json(response), 'GET /enheter?navn=…');
    return body._embedded?.enheter ?? [];
  }

  private async get(path: string, { timeoutMs }: RegisterCallOptions): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new RegisterError(`Enhetsregisteret did not answer within ${timeoutMs} ms`, 'timeout');
      throw new RegisterError(`Enhetsregisteret could not be reached: ${(error as Error).message}`, 'unreachable');
    }
  }

  private async json(response: Response): Promise<unknown> {
    try {
      return await response.json();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new RegisterError('Enhetsregisteret stopped answering half-way', 'timeout');
      this.logger.warn('Enhetsregisteret answered something that is not JSON; the answer is ignored');
      throw new RegisterError('Enhetsregisteret answered something that is not JSON', 'shape');
    }
  }

  private read<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(answer)'}: ${issue.message}`)
      .join('; ');
    this.logger.warn(`Enhetsregisteret's answer to ${what} is not of the documented shape (${where}); ignored`);
    throw new RegisterError(`Enhetsregisteret's answer to ${what} is not of the documented shape`, 'shape');
  }
}
