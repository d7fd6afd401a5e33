// The mongod release the emulator answers as. 7.0's wire version is 21.
export const MONGOD_VERSION = '7.0.14';
export const GIT_VERSION = 'ce59cfc6a3c5e5c067dca0d30697edd68d4f5188';
export const MAX_WIRE_VERSION = 21;
export const VERSION_ARRAY = [7, 0, 14, 0];
