export default async function globalTeardown(): Promise<void> {
  await globalThis.__KONTAKT_TEST_MONGO__?.stop();
}
