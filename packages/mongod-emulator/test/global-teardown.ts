/** Stops the server global-setup.ts started (nothing to do for MONGODB_TEST_URI). */
export default async function globalTeardown(): Promise<void> {
  const mms = globalThis.__MONGOD_EMU_MMS__;
  if (mms) await mms.stop({ doCleanup: true, force: false });
}
