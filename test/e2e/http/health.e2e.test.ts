import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../../support/test-app';

let kontakt: TestApp;

beforeAll(async () => {
  kontakt = await startTestApp();
});
afterAll(async () => {
  await kontakt.stop();
});

async function health(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${kontakt.baseUrl}/healthz`);
  return { status: response.status, body: await response.json() };
}

describe('GET /healthz', () => {
  it('is 200 with the database up', async () => {
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', db: 'up' } });
  });

  it('is 503 while the database is unreachable, and 200 again once it is back', async () => {
    const uri = kontakt.config.mongodb.uri as string;
    await mongoose.disconnect();
    expect(await health()).toEqual({ status: 503, body: { status: 'degraded', db: 'down' } });
    await mongoose.connect(uri);
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', db: 'up' } });
  });

  it('is not confused with Slack’s endpoint: other paths are 404', async () => {
    const response = await fetch(`${kontakt.baseUrl}/nope`);
    expect(response.status).toBe(404);
  });
});
